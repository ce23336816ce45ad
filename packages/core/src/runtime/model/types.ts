/**
 * The one interface every model provider implements: a streamed turn that honours an AbortSignal.
 * Histories are kept in this neutral shape and translated by each protocol and provider.
 */
export type ModelMessage =
  | { role: "system" | "developer"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: ModelToolCall[] }
  | { role: "tool"; toolCallId: string; name?: string; content: string };

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
}

export type ModelToolChoice = "auto" | "none" | "required" | { name: string };

export type ReasoningEffort = "minimal" | "low" | "medium" | "high";

export interface ModelRequest {
  instructions?: string;
  messages: ModelMessage[];
  tools?: ModelToolSpec[];
  toolChoice?: ModelToolChoice;
  parallelToolCalls?: boolean;
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  /** How hard a reasoning model thinks before answering; providers without reasoning ignore it. */
  reasoningEffort?: ReasoningEffort;
  signal: AbortSignal;
}

export type ModelEvent =
  | { type: "text"; delta: string }
  | { type: "tool_call_start"; callId: string; name: string }
  | { type: "tool_call_delta"; callId: string; delta: string }
  | { type: "tool_call_end"; callId: string }
  | { type: "usage"; inputTokens: number; outputTokens: number }
  | { type: "finish"; reason: "stop" | "length" | "tool_calls" | "content_filter" };

export interface Model {
  /** The id reported to clients (`model` in responses, `result.model.id` for agents). */
  readonly id: string;
  stream(request: ModelRequest): AsyncIterable<ModelEvent>;
}
