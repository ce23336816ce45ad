export { ResponsesApiError } from "./errors.js";
export { type ResponsesProtocolOptions, responsesProtocol } from "./module.js";
