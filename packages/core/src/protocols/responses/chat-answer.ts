import type {
  ChatChunkToolCall,
  ChatCompletion,
  ChatCompletionChunk,
  ChatFinishReason,
  ChatMessageToolCall,
  ChatUsage,
  ResponseObject,
  ResponseStreamEvent,
} from "@switchboard/protocol/responses";

// A response's events out as Chat Completions: chunks for a stream, one completion otherwise.

/** What a chat stream is made of: chunks, then at most one failure. */
export type ChatPiece = { chunk: ChatCompletionChunk } | { failed: { code: string | null; message: string } };

export interface ChatAnswerOptions {
  stop: readonly string[];
  includeUsage: boolean;
}

/** `chatcmpl-…` for a response id `resp_…`: the same suffix, so a stored completion is findable. */
export const completionId = (responseId: string) => `chatcmpl-${responseId.replace(/^resp_/, "")}`;

function usageOf(response: ResponseObject | undefined): ChatUsage {
  const usage = response?.usage;
  const prompt = usage?.input_tokens ?? 0;
  const completion = usage?.output_tokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
}

function finishOf(response: ResponseObject, calledTools: boolean): ChatFinishReason {
  if (response.status === "incomplete") {
    return response.incomplete_details?.reason === "content_filter" ? "content_filter" : "length";
  }
  return calledTools ? "tool_calls" : "stop";
}

/**
 * Holds back the end of the text that could still become a stop sequence, and reports where the
 * first complete one starts.
 */
class StopScanner {
  #pending = "";
  constructor(readonly stops: readonly string[]) {}

  /** The text safe to emit now, and whether a stop sequence ended the text. */
  push(delta: string): { text: string; stopped: boolean } {
    if (this.stops.length === 0) return { text: delta, stopped: false };
    const buffer = this.#pending + delta;
    let cut = -1;
    for (const stop of this.stops) {
      const at = buffer.indexOf(stop);
      if (at !== -1 && (cut === -1 || at < cut)) cut = at;
    }
    if (cut !== -1) {
      this.#pending = "";
      return { text: buffer.slice(0, cut), stopped: true };
    }
    // Keep the longest suffix that is a prefix of some stop sequence.
    let keep = 0;
    for (const stop of this.stops) {
      for (let n = Math.min(stop.length - 1, buffer.length); n > keep; n--) {
        if (buffer.endsWith(stop.slice(0, n))) {
          keep = n;
          break;
        }
      }
    }
    this.#pending = buffer.slice(buffer.length - keep);
    return { text: buffer.slice(0, buffer.length - keep), stopped: false };
  }

  /** What was held back, once the text ended without a stop sequence. */
  flush(): string {
    const rest = this.#pending;
    this.#pending = "";
    return rest;
  }
}

/**
 * Translates a response's events into chunks. Stops reading the events (which aborts the run)
 * once a stop sequence is written.
 */
export async function* chatChunks(
  events: AsyncIterable<ResponseStreamEvent>,
  options: ChatAnswerOptions,
): AsyncGenerator<ChatPiece> {
  const scanner = new StopScanner(options.stop);
  /** Function call item id → its index among this completion's tool calls. */
  const calls = new Map<string, number>();
  let head: Omit<ChatCompletionChunk, "choices"> | undefined;
  let response: ResponseObject | undefined;
  const chunk = (delta: ChatCompletionChunk["choices"][number]["delta"], finish: ChatFinishReason | null = null) => ({
    chunk: {
      ...head!,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      ...(options.includeUsage ? { usage: null } : {}),
    } as ChatCompletionChunk,
  });
  const end = (finish: ChatFinishReason): ChatPiece[] => {
    const pieces = [chunk({}, finish)];
    if (options.includeUsage) pieces.push({ chunk: { ...head!, choices: [], usage: usageOf(response) } });
    return pieces;
  };

  for await (const event of events) {
    switch (event.type) {
      case "response.created":
        response = event.response;
        head = {
          id: completionId(event.response.id),
          object: "chat.completion.chunk",
          created: event.response.created_at,
          model: event.response.model,
          system_fingerprint: null,
        };
        yield chunk({ role: "assistant", content: "", refusal: null });
        break;
      case "response.output_text.delta": {
        const { text, stopped } = scanner.push(event.delta);
        if (text !== "") yield chunk({ content: text });
        if (stopped) {
          yield* end("stop");
          return;
        }
        break;
      }
      case "response.output_item.added":
        if (event.item.type === "function_call") {
          const rest = scanner.flush();
          if (rest !== "") yield chunk({ content: rest });
          const index = calls.size;
          calls.set(event.item.id, index);
          const call: ChatChunkToolCall = {
            index,
            id: event.item.call_id,
            type: "function",
            function: { name: event.item.name, arguments: "" },
          };
          yield chunk({ tool_calls: [call] });
        }
        break;
      case "response.function_call_arguments.delta": {
        const index = calls.get(event.item_id);
        if (index !== undefined) yield chunk({ tool_calls: [{ index, function: { arguments: event.delta } }] });
        break;
      }
      case "response.completed":
      case "response.incomplete": {
        response = event.response;
        const rest = scanner.flush();
        if (rest !== "") yield chunk({ content: rest });
        yield* end(finishOf(event.response, calls.size > 0));
        return;
      }
      case "response.failed":
        yield {
          failed: event.response.error ?? { code: "server_error", message: "The agent failed." },
        };
        return;
      default:
        break;
    }
  }
}

/** The completion a non-streamed request answers with, gathered from its chunks. */
export async function chatCompletion(
  pieces: AsyncIterable<ChatPiece>,
): Promise<{ completion: ChatCompletion } | { failed: { code: string | null; message: string } }> {
  let head: ChatCompletionChunk | undefined;
  let content: string | null = null;
  const toolCalls: ChatMessageToolCall[] = [];
  let finish: ChatFinishReason = "stop";
  let usage: ChatUsage | undefined;
  for await (const piece of pieces) {
    if ("failed" in piece) return piece;
    const { chunk } = piece;
    head ??= chunk;
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) continue;
    if (choice.delta.content) content = (content ?? "") + choice.delta.content;
    for (const call of choice.delta.tool_calls ?? []) {
      const known = toolCalls[call.index];
      if (known) known.function.arguments += call.function?.arguments ?? "";
      else {
        toolCalls[call.index] = {
          id: call.id ?? "",
          type: "function",
          function: { name: call.function?.name ?? "", arguments: call.function?.arguments ?? "" },
        };
      }
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  if (!head) return { failed: { code: "server_error", message: "The agent produced no answer." } };
  return {
    completion: {
      id: head.id,
      object: "chat.completion",
      created: head.created,
      model: head.model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content,
            refusal: null,
            ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
            annotations: [],
          },
          finish_reason: finish,
          logprobs: null,
        },
      ],
      usage: usage ?? usageOf(undefined),
      system_fingerprint: null,
    },
  };
}
