export * from "./generated/workflows.constants.js";
export type { components as WorkflowsComponents, paths as WorkflowsPaths } from "./generated/workflows.js";
export * from "./generated/workflows.schemas.js";
export { validate } from "./generated/workflows.validate.js";
