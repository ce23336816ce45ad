export { ResponsesApiError } from "./errors.js";
export { type ResponsesProtocolOptions, responsesProtocol } from "./module.js";
export { type ParameterCapabilities, type PolicyInput, type RunParameters, resolveParameters } from "./parameters.js";
