export {
  AgentConfigError,
  createAgent,
  defineAgentProfile,
  delegateToolName,
  isResolvedAgentConfig,
  resolveAgentConfig,
} from "./define.js";
export {
  type AgentHarness,
  type AgentSession,
  type InitAgentOptions,
  initAgent,
  type PromptOptions,
  type PromptResult,
} from "./harness.js";
export { AgentInputError, emptyUsage, runAgent } from "./run.js";
export type * from "./types.js";
