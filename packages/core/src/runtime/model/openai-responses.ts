import { ModelError } from "./errors.js";
import { parseChunk, streamedError } from "./openai-chat.js";
import type { ServerSentEvent } from "./sse.js";
import type { ModelContentPart, ModelEvent, ModelLogprob, ModelOption, ModelRequest } from "./types.js";
import type { StreamParser, WireFormat } from "./wire.js";

/**
 * OpenAI Responses (`POST /responses`). Requests are sent with `store: false`: the history travels
 * in every request, exactly as with Chat Completions, so nothing is left behind upstream.
 */
export const responsesWire: WireFormat = {
  path: "/responses",
  // The Responses API has no sampling penalties.
  options: new Set<ModelOption>([
    "topLogprobs",
    "reasoningEffort",
    "reasoningSummary",
    "serviceTier",
    "verbosity",
    "promptCacheKey",
    "promptCacheRetention",
    "safetyIdentifier",
  ]),
  body(model, request) {
    const body: Record<string, unknown> = { model, input: toInputItems(request), stream: true, store: false };
    if (request.instructions) body.instructions = request.instructions;
    if (request.tools && request.tools.length > 0) {
      body.tools = request.tools.map((tool) => ({
        type: "function",
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
        // Strict mode requires every property to be listed as required, which the agent's own tool
        // schemas need not do: strict only when the client asked for it.
        strict: tool.strict ?? false,
      }));
      if (request.toolChoice !== undefined) {
        body.tool_choice =
          typeof request.toolChoice === "string"
            ? request.toolChoice
            : { type: "function", name: request.toolChoice.name };
      }
      if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
    }
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.topP !== undefined) body.top_p = request.topP;
    if (request.maxOutputTokens !== undefined) body.max_output_tokens = request.maxOutputTokens;
    const options = request.providerOptions ?? {};
    const text: Record<string, unknown> = {};
    const format = request.responseFormat;
    if (format?.type === "json_object") text.format = { type: "json_object" };
    else if (format) {
      text.format = {
        type: "json_schema",
        name: format.name,
        schema: format.schema,
        strict: format.strict,
        ...(format.description === undefined ? {} : { description: format.description }),
      };
    }
    if (options.verbosity !== undefined) text.verbosity = options.verbosity;
    if (Object.keys(text).length > 0) body.text = text;
    const effort = options.reasoningEffort ?? request.reasoningEffort;
    if (effort !== undefined || options.reasoningSummary !== undefined) {
      body.reasoning = {
        ...(effort === undefined ? {} : { effort }),
        ...(options.reasoningSummary === undefined ? {} : { summary: options.reasoningSummary }),
      };
    }
    if (options.topLogprobs !== undefined) {
      body.include = ["message.output_text.logprobs"];
      if (options.topLogprobs > 0) body.top_logprobs = options.topLogprobs;
    }
    if (options.serviceTier !== undefined) body.service_tier = options.serviceTier;
    if (options.promptCacheKey !== undefined) body.prompt_cache_key = options.promptCacheKey;
    if (options.promptCacheRetention !== undefined) body.prompt_cache_retention = options.promptCacheRetention;
    if (options.safetyIdentifier !== undefined) body.safety_identifier = options.safetyIdentifier;
    return body;
  },
  createParser: () => new ResponsesStreamParser(),
};

function toInputItems(request: ModelRequest): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (const message of request.messages) {
    switch (message.role) {
      case "system":
      case "developer":
        items.push({ type: "message", role: message.role, content: message.content });
        break;
      case "user":
        items.push({
          type: "message",
          role: "user",
          content: message.parts ? message.parts.map(toInputPart) : message.content,
        });
        break;
      case "assistant":
        for (const reasoning of message.reasoning ?? []) {
          items.push({
            type: "reasoning",
            ...(reasoning.id === undefined ? {} : { id: reasoning.id }),
            summary: reasoning.summary.map((text) => ({ type: "summary_text", text })),
            ...(reasoning.content === undefined
              ? {}
              : { content: reasoning.content.map((text) => ({ type: "reasoning_text", text })) }),
            ...(reasoning.encryptedContent === undefined ? {} : { encrypted_content: reasoning.encryptedContent }),
          });
        }
        if (message.content !== "") {
          items.push({
            type: "message",
            role: "assistant",
            content: message.content,
            ...(message.phase === undefined ? {} : { phase: message.phase }),
          });
        }
        for (const call of message.toolCalls ?? []) {
          items.push({ type: "function_call", call_id: call.id, name: call.name, arguments: call.arguments });
        }
        break;
      case "tool":
        items.push({ type: "function_call_output", call_id: message.toolCallId, output: message.content });
        break;
    }
  }
  return items;
}

function toInputPart(part: ModelContentPart): Record<string, unknown> {
  switch (part.type) {
    case "text":
      return { type: "input_text", text: part.text };
    case "image":
      return { type: "input_image", image_url: part.url, detail: part.detail ?? "auto" };
    case "file":
      return {
        type: "input_file",
        ...(part.filename === undefined ? {} : { filename: part.filename }),
        ...(part.data === undefined ? {} : { file_data: part.data }),
        ...(part.url === undefined ? {} : { file_url: part.url }),
      };
  }
}

interface ResponsesLogprob {
  token: string;
  logprob: number;
  bytes?: number[];
  top_logprobs?: Array<{ token: string; logprob: number; bytes?: number[] }>;
}

function toResponsesLogprobs(list: readonly ResponsesLogprob[]): ModelLogprob[] {
  return list.map((entry) => ({
    token: entry.token,
    logprob: entry.logprob,
    ...(entry.bytes ? { bytes: entry.bytes } : {}),
    topLogprobs: (entry.top_logprobs ?? []).map((top) => ({ ...top })),
  }));
}

interface ResponsesEvent {
  type?: string;
  delta?: string;
  logprobs?: ResponsesLogprob[];
  item_id?: string;
  item?: { type?: string; id?: string; call_id?: string; name?: string; arguments?: string };
  response?: {
    usage?: { input_tokens?: number; output_tokens?: number } | null;
    incomplete_details?: { reason?: string } | null;
    error?: unknown;
  };
  code?: string | null;
  message?: string;
}

class ResponsesStreamParser implements StreamParser {
  done = false;
  /** Output item id → call id: argument deltas name the item, ModelEvents name the call. */
  readonly #callIdByItem = new Map<string, string>();
  readonly #argumentsSeen = new Set<string>();
  #finish: Extract<ModelEvent, { type: "finish" }>["reason"] | undefined;
  #usage: { inputTokens: number; outputTokens: number } | undefined;

  push(message: ServerSentEvent): ModelEvent[] {
    if (message.data === "[DONE]") {
      this.done = true;
      return [];
    }
    const event = parseChunk<ResponsesEvent>(message.data);
    switch (event.type ?? message.event) {
      case "response.output_text.delta":
        if (!event.delta) return [];
        return event.logprobs?.length
          ? [{ type: "text", delta: event.delta, logprobs: toResponsesLogprobs(event.logprobs) }]
          : [{ type: "text", delta: event.delta }];
      case "response.output_item.added": {
        const item = event.item;
        if (item?.type !== "function_call" || !item.call_id || !item.name) return [];
        this.#callIdByItem.set(item.id ?? item.call_id, item.call_id);
        const events: ModelEvent[] = [{ type: "tool_call_start", callId: item.call_id, name: item.name }];
        if (item.arguments) {
          this.#argumentsSeen.add(item.call_id);
          events.push({ type: "tool_call_delta", callId: item.call_id, delta: item.arguments });
        }
        return events;
      }
      case "response.function_call_arguments.delta": {
        const callId = event.item_id === undefined ? undefined : this.#callIdByItem.get(event.item_id);
        if (!callId || !event.delta) return [];
        this.#argumentsSeen.add(callId);
        return [{ type: "tool_call_delta", callId, delta: event.delta }];
      }
      case "response.output_item.done": {
        const item = event.item;
        if (item?.type !== "function_call" || !item.call_id) return [];
        const events: ModelEvent[] = [];
        // Some servers only put the arguments on the finished item.
        if (!this.#argumentsSeen.has(item.call_id) && item.arguments) {
          events.push({ type: "tool_call_delta", callId: item.call_id, delta: item.arguments });
        }
        events.push({ type: "tool_call_end", callId: item.call_id });
        return events;
      }
      case "response.completed":
        this.#settle(event, this.#callIdByItem.size > 0 ? "tool_calls" : "stop");
        return [];
      case "response.incomplete":
        this.#settle(
          event,
          event.response?.incomplete_details?.reason === "content_filter" ? "content_filter" : "length",
        );
        return [];
      case "response.failed":
        throw streamedError(event.response?.error ?? "the upstream response failed");
      case "error":
        throw streamedError(event);
      default:
        return [];
    }
  }

  end(): ModelEvent[] {
    if (this.#finish === undefined) {
      throw new ModelError("the upstream stream ended before the response completed", {
        code: "incomplete_stream",
        retryable: true,
      });
    }
    const events: ModelEvent[] = [];
    if (this.#usage) events.push({ type: "usage", ...this.#usage });
    events.push({ type: "finish", reason: this.#finish });
    return events;
  }

  #settle(event: ResponsesEvent, reason: Extract<ModelEvent, { type: "finish" }>["reason"]): void {
    const usage = event.response?.usage;
    if (usage) this.#usage = { inputTokens: usage.input_tokens ?? 0, outputTokens: usage.output_tokens ?? 0 };
    this.#finish = reason;
    this.done = true;
  }
}
