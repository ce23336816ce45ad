export type { DispatchAdmission, DispatchJob, DispatchQueue } from "./dispatch.js";
export * from "./dispatch-store.js";
export { AgentsProtocolError } from "./errors.js";
export {
  type AgentAuthorize,
  type AgentAuthorizeContext,
  type AgentAuthorizeResult,
  type AgentsProtocolOptions,
  agentsProtocol,
  type DispatchedWork,
} from "./module.js";
export type { RunOutcome } from "./run.js";
