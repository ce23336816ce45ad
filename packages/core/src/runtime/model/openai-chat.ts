import { ModelError } from "./errors.js";
import { newCallId } from "./scripted.js";
import type { ServerSentEvent } from "./sse.js";
import type {
  ModelContentPart,
  ModelEvent,
  ModelLogprob,
  ModelMessage,
  ModelOption,
  ModelRequest,
  ModelToolChoice,
} from "./types.js";
import type { StreamParser, WireFormat } from "./wire.js";

type FinishReason = Extract<ModelEvent, { type: "finish" }>["reason"];

/** OpenAI Chat Completions (`POST /chat/completions`), the API every OpenAI-compatible server speaks. */
export const chatCompletionsWire: WireFormat = {
  path: "/chat/completions",
  // Chat Completions has no reasoning summaries.
  options: new Set<ModelOption>([
    "topLogprobs",
    "reasoningEffort",
    "serviceTier",
    "verbosity",
    "presencePenalty",
    "frequencyPenalty",
    "promptCacheKey",
    "promptCacheRetention",
    "safetyIdentifier",
  ]),
  body(model, request) {
    const body: Record<string, unknown> = {
      model,
      messages: toChatMessages(request),
      stream: true,
      stream_options: { include_usage: true },
    };
    // OpenAI rejects tool_choice and parallel_tool_calls when no tools are sent.
    if (request.tools && request.tools.length > 0) {
      body.tools = request.tools.map((tool) => ({
        type: "function",
        function: {
          name: tool.name,
          ...(tool.description === undefined ? {} : { description: tool.description }),
          parameters: tool.parameters,
          ...(tool.strict === undefined ? {} : { strict: tool.strict }),
        },
      }));
      if (request.toolChoice !== undefined) body.tool_choice = toChatToolChoice(request.toolChoice);
      if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
    }
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.topP !== undefined) body.top_p = request.topP;
    // `max_tokens` rather than `max_completion_tokens`: vLLM, Ollama and LM Studio all accept it.
    if (request.maxOutputTokens !== undefined) body.max_tokens = request.maxOutputTokens;
    const format = request.responseFormat;
    if (format?.type === "json_object") body.response_format = { type: "json_object" };
    else if (format) {
      body.response_format = {
        type: "json_schema",
        json_schema: {
          name: format.name,
          schema: format.schema,
          strict: format.strict,
          ...(format.description === undefined ? {} : { description: format.description }),
        },
      };
    }
    const options = request.providerOptions ?? {};
    if (options.topLogprobs !== undefined) {
      body.logprobs = true;
      if (options.topLogprobs > 0) body.top_logprobs = options.topLogprobs;
    }
    const effort = options.reasoningEffort ?? request.reasoningEffort;
    if (effort !== undefined) body.reasoning_effort = effort;
    if (options.serviceTier !== undefined) body.service_tier = options.serviceTier;
    if (options.verbosity !== undefined) body.verbosity = options.verbosity;
    if (options.presencePenalty !== undefined) body.presence_penalty = options.presencePenalty;
    if (options.frequencyPenalty !== undefined) body.frequency_penalty = options.frequencyPenalty;
    if (options.promptCacheKey !== undefined) body.prompt_cache_key = options.promptCacheKey;
    if (options.promptCacheRetention !== undefined) body.prompt_cache_retention = options.promptCacheRetention;
    if (options.safetyIdentifier !== undefined) body.safety_identifier = options.safetyIdentifier;
    return body;
  },
  createParser: () => new ChatStreamParser(),
};

function toChatMessages(request: ModelRequest): Record<string, unknown>[] {
  const messages: Record<string, unknown>[] = [];
  if (request.instructions) messages.push({ role: "system", content: request.instructions });
  for (const message of request.messages) messages.push(toChatMessage(message));
  return messages;
}

function toChatMessage(message: ModelMessage): Record<string, unknown> {
  switch (message.role) {
    // Many OpenAI-compatible servers reject the newer `developer` role; OpenAI itself treats a
    // system message as developer instructions on models that distinguish them.
    case "system":
    case "developer":
      return { role: "system", content: message.content };
    case "user":
      return { role: "user", content: message.parts ? message.parts.map(toChatPart) : message.content };
    case "assistant": {
      const calls = message.toolCalls ?? [];
      if (calls.length === 0) return { role: "assistant", content: message.content };
      return {
        role: "assistant",
        content: message.content === "" ? null : message.content,
        tool_calls: calls.map((call) => ({
          id: call.id,
          type: "function",
          function: { name: call.name, arguments: call.arguments },
        })),
      };
    }
    case "tool":
      return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
  }
}

/** A content part as Chat Completions takes it (`file` needs a data URL or base64; a file URL is passed as text). */
function toChatPart(part: ModelContentPart): Record<string, unknown> {
  switch (part.type) {
    case "text":
      return { type: "text", text: part.text };
    case "image":
      return { type: "image_url", image_url: { url: part.url, ...(part.detail ? { detail: part.detail } : {}) } };
    case "file":
      if (part.data === undefined) return { type: "text", text: `[file: ${part.url ?? part.filename ?? "unnamed"}]` };
      return { type: "file", file: { ...(part.filename ? { filename: part.filename } : {}), file_data: part.data } };
  }
}

function toChatToolChoice(choice: ModelToolChoice): unknown {
  return typeof choice === "string" ? choice : { type: "function", function: { name: choice.name } };
}

interface PartialCall {
  id?: string;
  name?: string;
  /** Argument text that arrived before the name, held back until `tool_call_start` can be sent. */
  pending: string;
  started: boolean;
  ended: boolean;
}

interface ChatChunk {
  error?: unknown;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  choices?: Array<{
    delta?: {
      content?: string | null;
      tool_calls?: Array<{ index?: number; id?: string; function?: { name?: string; arguments?: string } }>;
    };
    finish_reason?: string | null;
    logprobs?: { content?: ChatLogprob[] | null } | null;
  }>;
}

interface ChatLogprob {
  token: string;
  logprob: number;
  bytes?: number[] | null;
  top_logprobs?: Array<{ token: string; logprob: number; bytes?: number[] | null }>;
}

/** Chat Completions' token log-probabilities in the neutral shape. */
export function toModelLogprobs(list: readonly ChatLogprob[]): ModelLogprob[] {
  return list.map((entry) => ({
    token: entry.token,
    logprob: entry.logprob,
    ...(entry.bytes ? { bytes: entry.bytes } : {}),
    topLogprobs: (entry.top_logprobs ?? []).map((top) => ({
      token: top.token,
      logprob: top.logprob,
      ...(top.bytes ? { bytes: top.bytes } : {}),
    })),
  }));
}

class ChatStreamParser implements StreamParser {
  done = false;
  readonly #calls = new Map<number, PartialCall>();
  #finishReason: string | undefined;
  #usage: { inputTokens: number; outputTokens: number } | undefined;

  push(message: ServerSentEvent): ModelEvent[] {
    if (message.data === "[DONE]") {
      this.done = true;
      return [];
    }
    const chunk = parseChunk<ChatChunk>(message.data);
    if (chunk.error !== undefined) throw streamedError(chunk.error);
    if (chunk.usage) {
      this.#usage = {
        inputTokens: chunk.usage.prompt_tokens ?? 0,
        outputTokens: chunk.usage.completion_tokens ?? 0,
      };
    }
    const events: ModelEvent[] = [];
    // Only `n: 1` is ever requested, so the first choice is the whole answer.
    const choice = chunk.choices?.[0];
    if (!choice) return events;
    const content = choice.delta?.content;
    if (typeof content === "string" && content !== "") {
      const logprobs = choice.logprobs?.content;
      events.push(
        logprobs
          ? { type: "text", delta: content, logprobs: toModelLogprobs(logprobs) }
          : { type: "text", delta: content },
      );
    }
    for (const [position, fragment] of (choice.delta?.tool_calls ?? []).entries()) {
      const index = fragment.index ?? position;
      let call = this.#calls.get(index);
      if (!call) {
        call = { pending: "", started: false, ended: false };
        this.#calls.set(index, call);
      }
      if (fragment.id && !call.id) call.id = fragment.id;
      if (fragment.function?.name && !call.name) call.name = fragment.function.name;
      const delta = fragment.function?.arguments ?? "";
      if (!call.started && call.name) {
        call.started = true;
        call.id ??= newCallId();
        events.push({ type: "tool_call_start", callId: call.id, name: call.name });
        if (call.pending !== "") events.push({ type: "tool_call_delta", callId: call.id, delta: call.pending });
        call.pending = "";
      }
      if (delta === "") continue;
      if (call.started) events.push({ type: "tool_call_delta", callId: call.id!, delta });
      else call.pending += delta;
    }
    if (choice.finish_reason) {
      this.#finishReason = choice.finish_reason;
      events.push(...this.#closeCalls());
    }
    return events;
  }

  end(): ModelEvent[] {
    if (!this.done && this.#finishReason === undefined) {
      throw new ModelError("the upstream stream ended before the completion finished", {
        code: "incomplete_stream",
        retryable: true,
      });
    }
    const events = this.#closeCalls();
    if (this.#usage) events.push({ type: "usage", ...this.#usage });
    events.push({ type: "finish", reason: this.#mapFinishReason() });
    return events;
  }

  #closeCalls(): ModelEvent[] {
    const events: ModelEvent[] = [];
    for (const [index, call] of [...this.#calls].sort(([a], [b]) => a - b)) {
      if (call.ended) continue;
      if (!call.started) {
        throw new ModelError(`the upstream sent tool call #${index} without a function name`, {
          code: "invalid_response",
          retryable: false,
        });
      }
      call.ended = true;
      events.push({ type: "tool_call_end", callId: call.id! });
    }
    return events;
  }

  #mapFinishReason(): FinishReason {
    switch (this.#finishReason) {
      case "length":
        return "length";
      case "content_filter":
        return "content_filter";
      case "tool_calls":
      case "function_call":
        return "tool_calls";
      default:
        // Some servers (older Ollama, LM Studio) report `stop` after emitting tool calls.
        return this.#calls.size > 0 ? "tool_calls" : "stop";
    }
  }
}

export function parseChunk<T>(data: string): T {
  try {
    return JSON.parse(data) as T;
  } catch (cause) {
    throw new ModelError(`the upstream sent an event that is not JSON: ${data.slice(0, 200)}`, {
      code: "invalid_response",
      retryable: false,
      cause,
    });
  }
}

/** An error object sent inside an otherwise successful stream. */
export function streamedError(error: unknown): ModelError {
  const body = typeof error === "object" && error !== null ? (error as Record<string, unknown>) : {};
  const message =
    typeof error === "string" ? error : typeof body.message === "string" ? body.message : "upstream error";
  const code = typeof body.code === "string" ? body.code : typeof body.type === "string" ? body.type : "upstream_error";
  return new ModelError(message, { code, retryable: code === "server_error" || code === "rate_limit_exceeded" });
}
