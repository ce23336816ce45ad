export {
  canonicalUuid,
  type WorkflowAuthorizeContext,
  type WorkflowsModule,
  type WorkflowsProtocolOptions,
  workflowsProtocol,
} from "./module.js";
