// `@switchboard/core`: named exports only, each from the module that owns it. Test fixtures live
// under `@switchboard/core/fixtures`, the Node bridge under `@switchboard/core/node`; the router,
// body reading and the concurrency helpers are internal.

// The app and its bridges to fetch
export {
  createAppContext,
  createSwitchboard,
  DEFAULT_LIMITS,
  type ErrorContext,
  type Switchboard,
  type SwitchboardOptions,
} from "./app.js";
export { fromFetchRequest, toFetchResponse } from "./fetch.js";
export { normalizeBasePath, pathUnder, rebase } from "./http/base-path.js";
export type { CorsOptions } from "./http/cors.js";
export { BadInputError, MAX_ID_LENGTH } from "./http/input-guard.js";
export type { RateLimitOptions } from "./http/rate-limit.js";
export { framedStream, json, type SseFrame, sse, sseComment, sseFrame } from "./http/response.js";
export {
  type CoreRequest,
  type CoreResponse,
  isStreamBody,
  PayloadTooLargeError,
  type StreamBody,
} from "./http/types.js";
// Operations
export {
  createLogger,
  defaultLogger,
  LOG_LEVELS,
  type LogLevel,
  type SwitchboardLogger,
} from "./observability/logger.js";
export { Metrics, type MetricsOptions } from "./observability/metrics.js";
export type { DispatchAdmission, DispatchJob, DispatchQueue, DispatchStats } from "./protocols/agents/dispatch.js";
export { memoryDispatchStore } from "./protocols/agents/dispatch-memory.js";
export {
  DISPATCH_DEFAULTS,
  type DispatchAcceptance,
  type DispatchClaim,
  type DispatchRecord,
  type DispatchRequest,
  type DispatchStatus,
  type DispatchStore,
  type DispatchStoreOptions,
  dispatchBackoff,
  newLease,
} from "./protocols/agents/dispatch-store.js";
export {
  activeDispatch,
  type DispatchHandler,
  type DispatchWorker,
  type DispatchWorkerOptions,
  dispatchQueueFrom,
  startDispatchWorker,
} from "./protocols/agents/dispatch-worker.js";
export { AgentsProtocolError } from "./protocols/agents/errors.js";
export { agentsProtocol } from "./protocols/agents/module.js";
export type {
  AgentAuthorize,
  AgentAuthorizeContext,
  AgentAuthorizeResult,
  AgentsProtocolOptions,
  DispatchedWork,
} from "./protocols/agents/options.js";
export type { RunOutcome } from "./protocols/agents/run.js";
// Protocols
export type {
  AppContext,
  AppErrorCode,
  ProtocolFactory,
  ProtocolModule,
  ProtocolRoute,
} from "./protocols/protocol-module.js";
export { ResponsesApiError } from "./protocols/responses/errors.js";
export { type ResponsesProtocolOptions, responsesProtocol } from "./protocols/responses/module.js";
export {
  type ParameterCapabilities,
  type PolicyInput,
  type RunParameters,
  resolveParameters,
} from "./protocols/responses/parameters.js";
export { canonicalUuid } from "./protocols/workflows/frames.js";
export {
  type WorkflowAuthorizeContext,
  type WorkflowsModule,
  type WorkflowsProtocolOptions,
  workflowsProtocol,
} from "./protocols/workflows/module.js";
export { type CompactionConfig, compactHistory, estimateTokens, SUMMARY_PREFIX } from "./runtime/agent/compaction.js";
// Agents
export {
  AgentConfigError,
  createAgent,
  defineAgentProfile,
  delegateToolName,
  isResolvedAgentConfig,
  resolveAgentConfig,
} from "./runtime/agent/define.js";
export {
  type AgentHarness,
  type AgentSession,
  type InitAgentOptions,
  initAgent,
  type PromptOptions,
  type PromptResult,
} from "./runtime/agent/harness.js";
export { AgentInputError, emptyUsage, runAgent } from "./runtime/agent/run.js";
export {
  defineSkill,
  LOAD_SKILL_TOOL,
  loadSkills,
  parseSkill,
  type Skill,
  SkillError,
  skillsInstructions,
} from "./runtime/agent/skills.js";
export type {
  Agent,
  AgentConfig,
  AgentContext,
  AgentEvent,
  AgentFactory,
  AgentFinishReason,
  AgentProfile,
  AgentRunContext,
  ResolvedAgentConfig,
  RunAgentOptions,
  ThinkingLevel,
  TokenUsage,
} from "./runtime/agent/types.js";
// Models
export { abortReason, delay, isAbortError } from "./runtime/model/abort.js";
export { ModelError } from "./runtime/model/errors.js";
export {
  defaultMaxConcurrency,
  LOCAL_MAX_CONCURRENCY,
  type OpenAICompatibleOptions,
  openAICompatible,
  parseRetryAfter,
  REMOTE_MAX_CONCURRENCY,
} from "./runtime/model/openai-compatible.js";
export {
  MODEL_PROVIDERS,
  ModelConfigError,
  type ModelEndpoint,
  type ModelReference,
  modelQueues,
  openAIRoot,
  resolveModel,
} from "./runtime/model/providers.js";
export {
  type ModelScript,
  type ModelScriptOutput,
  newCallId,
  type ScriptedModelOptions,
  type ScriptedToolCall,
  type ScriptedUsage,
  scriptedModel,
  textReply,
  toolCallReply,
} from "./runtime/model/scripted.js";
export { parseServerSentEvents, type ServerSentEvent } from "./runtime/model/sse.js";
export { openAITokenCount, transcriptSummary, wordCount } from "./runtime/model/tokens.js";
export type {
  Model,
  ModelEvent,
  ModelMessage,
  ModelQueue,
  ModelRequest,
  ModelToolCall,
  ModelToolChoice,
  ModelToolSpec,
  ReasoningEffort,
} from "./runtime/model/types.js";
// Tools
export {
  compileParameters,
  defineTool,
  ToolDefinitionError,
  toolSpec,
  validateToolArguments,
} from "./runtime/tools/define.js";
export { executeTool, type ToolOutcome, toolResultContent } from "./runtime/tools/execute.js";
export {
  confine,
  type LocalSandboxOptions,
  localSandbox,
  SANDBOX_TOOL_NAMES,
  type Sandbox,
  SandboxEscapeError,
} from "./runtime/tools/sandbox.js";
export type { Tool, ToolContext } from "./runtime/tools/types.js";
export { WorkerToolError, type WorkerToolOptions, workerTool } from "./runtime/tools/worker.js";
// Workflows
export {
  defineWorkflow,
  type FunctionCallResult,
  type FunctionCallSuggestion,
  type MultipleChoiceQuestion,
  type TextInputQuestion,
  type WorkflowDefinition,
  type WorkflowMessageOptions,
  type WorkflowUI,
} from "./runtime/workflow/define.js";
export { WorkflowAbandonedError } from "./runtime/workflow/ending.js";
// Stores
export { type EventBus, memoryBus, TopicListeners } from "./store/bus.js";
export { type ConversationStore, memoryConversationStore, pageOf } from "./store/conversations.js";
export { isStoreFailure, isStoreUnavailable, StoreUnavailableError } from "./store/errors.js";
export { memoryStore, type Store } from "./store/index.js";
export { memoryResponseStore } from "./store/memory-responses.js";
export { memorySessionStore } from "./store/memory-sessions.js";
export type { InputItemsCursor, InputItemsPage, ResponseStore } from "./store/responses.js";
export {
  type PromptStreamLog,
  type SessionKey,
  type SessionLock,
  type SessionLockOptions,
  type SessionStore,
  type StreamAppendOptions,
  type StreamLogRead,
  sessionKeyString,
} from "./store/sessions.js";
export {
  FINAL_WORKFLOW_STATUSES,
  InMemoryWorkflowStore,
  type InMemoryWorkflowStoreOptions,
  type RecordedAnswer,
  type WorkflowRunPatch,
  type WorkflowRunRecord,
  type WorkflowRunStatus,
  type WorkflowStore,
} from "./store/workflows.js";
export {
  CloseCode,
  type CoreSocket,
  type SocketHandlers,
  type UpgradeDecision,
  type UpgradeHandler,
} from "./ws/types.js";
