import { ModelError } from "./errors.js";
import { parseChunk, streamedError } from "./openai-chat.js";
import type { ServerSentEvent } from "./sse.js";
import type { ModelEvent, ModelRequest } from "./types.js";
import type { StreamParser, WireFormat } from "./wire.js";

/**
 * OpenAI Responses (`POST /responses`). Requests are sent with `store: false`: the history travels
 * in every request, exactly as with Chat Completions, so nothing is left behind upstream.
 */
export const responsesWire: WireFormat = {
  path: "/responses",
  body(model, request) {
    const body: Record<string, unknown> = { model, input: toInputItems(request), stream: true, store: false };
    if (request.instructions) body.instructions = request.instructions;
    if (request.tools && request.tools.length > 0) {
      body.tools = request.tools.map((tool) => ({
        type: "function",
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
        // Strict mode requires every property to be listed as required; tool schemas are not written that way.
        strict: false,
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
    if (request.reasoningEffort !== undefined) body.reasoning = { effort: request.reasoningEffort };
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
      case "user":
        items.push({ type: "message", role: message.role, content: message.content });
        break;
      case "assistant":
        if (message.content !== "") items.push({ type: "message", role: "assistant", content: message.content });
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

interface ResponsesEvent {
  type?: string;
  delta?: string;
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
        return event.delta ? [{ type: "text", delta: event.delta }] : [];
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
