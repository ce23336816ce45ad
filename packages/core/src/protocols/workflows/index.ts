export {
  canonicalUuid,
  type WorkflowAuthorizeContext,
  type WorkflowsModule,
  type WorkflowsProtocolOptions,
  workflowsProtocol,
} from "./protocol.js";
