import { AgentsClient } from "./agents.js";
import { ConversationsClient } from "./conversations.js";
import { ModelsClient } from "./models.js";
import { ResponsesClient } from "./responses.js";
import { type ClientOptions, Transport } from "./transport.js";
import { WorkflowsClient } from "./workflows.js";

export {
  type AgentCallOptions,
  AgentConnection,
  AgentPromptError,
  type AgentSocketPromptOptions,
  type AgentStreamOptions,
  AgentsClient,
} from "./agents.js";
export { ConversationsClient } from "./conversations.js";
export {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  SwitchboardApiError,
  SwitchboardError,
} from "./errors.js";
export { ModelsClient } from "./models.js";
export { type CallOptions, type InputItemsQuery, type ReplayOptions, ResponsesClient } from "./responses.js";
export {
  type ClientOptions,
  type FetchLike,
  parseSse,
  type RequestOptions,
  type SseEvent,
  Transport,
} from "./transport.js";

export interface SwitchboardClient {
  readonly responses: ResponsesClient;
  readonly conversations: ConversationsClient;
  readonly models: ModelsClient;
  readonly agents: AgentsClient;
  readonly workflows: WorkflowsClient;
  readonly transport: Transport;
  /** Closes the connection pool the client created. */
  close(): Promise<void>;
}

export function createClient(options: ClientOptions): SwitchboardClient {
  const transport = new Transport(options);
  return {
    responses: new ResponsesClient(transport),
    conversations: new ConversationsClient(transport),
    models: new ModelsClient(transport),
    agents: new AgentsClient(transport, options),
    workflows: new WorkflowsClient(transport, options),
    transport,
    close: () => transport.close(),
  };
}
export {
  type WorkflowConnectOptions,
  type WorkflowQuestion,
  WorkflowRunConnection,
  WorkflowRunError,
  WorkflowsClient,
} from "./workflows.js";
