export * from "./define.js";
export {
  canonicalUuid,
  type WorkflowAuthorizeContext,
  type WorkflowsModule,
  type WorkflowsProtocolOptions,
  workflowsProtocol,
} from "./protocol.js";
export { WorkflowAbandonedError } from "./run.js";
