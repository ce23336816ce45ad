export * from "./define.js";
export { WorkflowAbandonedError } from "./run.js";
