/**
 * The one interface every model provider implements: a streamed turn that honours an AbortSignal.
 * Histories are kept in this neutral shape and translated by each protocol and provider.
 */
export type ModelMessage =
  | { role: "system" | "developer"; content: string }
  | {
      role: "user";
      /** The text of the message (its text parts joined), for models that take text only. */
      content: string;
      /** The full content when it holds more than text (images, files), in order. */
      parts?: ModelContentPart[];
    }
  | {
      role: "assistant";
      content: string;
      toolCalls?: ModelToolCall[];
      /** Commentary between tool calls, or the final answer (OpenAI's `phase`). */
      phase?: "commentary" | "final_answer";
      /** Reasoning the model produced before this message, for providers that take it back. */
      reasoning?: ModelReasoning[];
    }
  | { role: "tool"; toolCallId: string; name?: string; content: string };

/** A part of a user message. */
export type ModelContentPart =
  | { type: "text"; text: string }
  /** `url` is an `https:` URL or a `data:` URL. */
  | { type: "image"; url: string; detail?: "low" | "high" | "auto" | "original" }
  /** `data` is a `data:` URL or plain base64. */
  | { type: "file"; data?: string; url?: string; filename?: string };

/** A reasoning item from an earlier turn, carried back to the provider that produced it. */
export interface ModelReasoning {
  id?: string;
  summary: string[];
  content?: string[];
  encryptedContent?: string;
}

export interface ModelToolCall {
  id: string;
  name: string;
  /** JSON text, exactly as the model produced it. */
  arguments: string;
}

export interface ModelToolSpec {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
  /** Ask for strict schema adherence (providers that support it). */
  strict?: boolean;
}

export type ModelToolChoice = "auto" | "none" | "required" | { name: string };

export type ReasoningEffort = "minimal" | "low" | "medium" | "high";

/** Structured output the model is asked for. */
export type ModelResponseFormat =
  | { type: "json_schema"; name: string; schema: Record<string, unknown>; strict: boolean; description?: string }
  | { type: "json_object" };

/** Settings a provider passes on to its upstream model; see `Model.options`. */
export interface ModelProviderOptions {
  /** Report each output token's log-probability with this many alternatives (0: the token's own only). */
  topLogprobs?: number;
  reasoningEffort?: string;
  reasoningSummary?: string;
  serviceTier?: string;
  verbosity?: string;
  presencePenalty?: number;
  frequencyPenalty?: number;
  promptCacheKey?: string;
  promptCacheRetention?: string;
  safetyIdentifier?: string;
}

export type ModelOption = keyof ModelProviderOptions;

export interface ModelRequest {
  instructions?: string;
  messages: ModelMessage[];
  tools?: ModelToolSpec[];
  toolChoice?: ModelToolChoice;
  parallelToolCalls?: boolean;
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  /**
   * How hard a reasoning model thinks before answering (the agent's configuration); providers
   * without reasoning ignore it. A request's own `providerOptions.reasoningEffort` takes precedence.
   */
  reasoningEffort?: ReasoningEffort;
  responseFormat?: ModelResponseFormat;
  /** Only the options in the model's `options` set are ever given. */
  providerOptions?: ModelProviderOptions;
  signal: AbortSignal;
}

/** What a token count looks at: a would-be request without its signal. */
export type ModelTokenCountRequest = Omit<ModelRequest, "signal">;

/** The log-probability of one output token, with the most likely alternatives when asked for. */
export interface ModelLogprob {
  token: string;
  logprob: number;
  bytes?: number[];
  topLogprobs?: Array<{ token: string; logprob: number; bytes?: number[] }>;
}

export type ModelEvent =
  | { type: "text"; delta: string; logprobs?: ModelLogprob[] }
  | { type: "tool_call_start"; callId: string; name: string }
  | { type: "tool_call_delta"; callId: string; delta: string }
  | { type: "tool_call_end"; callId: string }
  | { type: "usage"; inputTokens: number; outputTokens: number }
  | { type: "finish"; reason: "stop" | "length" | "tool_calls" | "content_filter" };

export interface Model {
  /** The id reported to clients (`model` in responses, `result.model.id` for agents). */
  readonly id: string;
  stream(request: ModelRequest): AsyncIterable<ModelEvent>;
  /**
   * The provider options this model passes on to its upstream. Protocols refuse a non-default value
   * of any other one (400 naming it) instead of dropping it silently. Default: none.
   */
  readonly options?: ReadonlySet<ModelOption>;
  /** Input tokens of a would-be request, counted as this model counts them. Default: OpenAI's o200k_base encoding. */
  countTokens?(request: ModelTokenCountRequest): number | Promise<number>;
  /** The model's context window in tokens, for `truncation: "auto"`. */
  readonly contextWindow?: number;
  /**
   * A deterministic summary of a history for compaction, used instead of asking the model (scripted
   * models have nothing to ask). Default: the model is asked to summarise.
   */
  summarize?(messages: readonly ModelMessage[]): string;
  /** A provider that limits its calls in flight says here how full it is, for metrics. */
  readonly queue?: ModelQueue;
}

/** A provider's concurrency limit as it stands: read each time, never cached. */
export interface ModelQueue {
  /** Upstream calls allowed in flight at once. */
  readonly limit: number;
  /** Calls in flight (including those waiting to retry, which keep their slot). */
  readonly active: number;
  /** Calls waiting for a slot. */
  readonly waiting: number;
}
