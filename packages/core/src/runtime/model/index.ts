export { abortReason, delay, isAbortError, raceAbort } from "./abort.js";
export { ModelError } from "./errors.js";
export {
  defaultMaxConcurrency,
  LOCAL_MAX_CONCURRENCY,
  type OpenAICompatibleOptions,
  openAICompatible,
  parseRetryAfter,
  REMOTE_MAX_CONCURRENCY,
} from "./openai-compatible.js";
export {
  MODEL_PROVIDERS,
  ModelConfigError,
  type ModelEndpoint,
  type ModelReference,
  modelQueues,
  openAIRoot,
  resolveModel,
} from "./providers.js";
export {
  type ModelScript,
  type ModelScriptOutput,
  newCallId,
  type ScriptedToolCall,
  type ScriptedUsage,
  scriptedModel,
  textReply,
  toolCallReply,
} from "./scripted.js";
export { Semaphore } from "./semaphore.js";
export { parseServerSentEvents, type ServerSentEvent } from "./sse.js";
export type * from "./types.js";
