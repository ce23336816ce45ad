export * as agents from "./agents.js";
export * as responses from "./responses.js";
export { check, type ValidationIssue, type ValidationIssueKind, type ValidationResult } from "./validate.js";
export type { ValidateFunction, ValidatorError } from "./validator-types.js";
export * as workflows from "./workflows.js";
