export { compileParameters, defineTool, ToolDefinitionError, toolSpec, validateToolArguments } from "./define.js";
export { executeTool, type ToolOutcome, toolResultContent } from "./execute.js";
export {
  confine,
  type LocalSandboxOptions,
  localSandbox,
  SANDBOX_TOOL_NAMES,
  type Sandbox,
  SandboxEscapeError,
} from "./sandbox.js";
export type * from "./types.js";
export { WorkerToolError, type WorkerToolOptions, workerTool } from "./worker.js";
