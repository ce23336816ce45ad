export * from "./generated/responses.constants.js";
export type { components as ResponsesComponents, paths as ResponsesPaths } from "./generated/responses.js";
export * from "./generated/responses.schemas.js";
export { validate } from "./generated/responses.validate.js";
