export { abortReason, delay, isAbortError, raceAbort } from "./abort.js";
export { ModelError } from "./errors.js";
export { type OpenAICompatibleOptions, openAICompatible, parseRetryAfter } from "./openai-compatible.js";
export {
  MODEL_PROVIDERS,
  ModelConfigError,
  type ModelEndpoint,
  type ModelReference,
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
