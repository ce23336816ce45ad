import { randomBytes } from "node:crypto";
import { abortReason, raceAbort } from "./abort.js";
import { transcriptSummary, wordCount } from "./tokens.js";
import type { Model, ModelEvent, ModelRequest } from "./types.js";

export interface ScriptedModelOptions {
  /** The context window in tokens (words), for `truncation: "auto"`. Default: unbounded. */
  contextWindow?: number;
}

export type ModelScriptOutput = AsyncIterable<ModelEvent> | Iterable<ModelEvent>;

/** Decides a scripted model's reply from the request; may be an async generator that awaits between events. */
export type ModelScript = (request: ModelRequest) => ModelScriptOutput | Promise<ModelScriptOutput>;

/**
 * A deterministic model for demos and tests: `script` sees the whole request and returns the events
 * to stream. The request's signal is checked between events and also races every pending step, so
 * an abort ends the stream promptly even when the script itself ignores the signal.
 */
export function scriptedModel(id: string, script: ModelScript, options: ScriptedModelOptions = {}): Model {
  return {
    id,
    countTokens: wordCount,
    summarize: transcriptSummary,
    ...(options.contextWindow !== undefined ? { contextWindow: options.contextWindow } : {}),
    stream: (request: ModelRequest) => new ScriptStream(script, request),
  };
}

/**
 * A scripted model's stream. A script that answers at once with a plain list (the common case)
 * is handed out by this iterator itself: an async generator would cost every event its own
 * promises and turns of the microtask queue. Anything asynchronous goes through `asyncStream`.
 * Like a generator, nothing runs before the first `next()`.
 */
class ScriptStream implements AsyncIterableIterator<ModelEvent> {
  readonly #script: ModelScript;
  readonly #request: ModelRequest;
  #events: Iterator<ModelEvent> | undefined;
  #delegate: AsyncGenerator<ModelEvent, void, undefined> | undefined;
  #started = false;
  #done = false;

  constructor(script: ModelScript, request: ModelRequest) {
    this.#script = script;
    this.#request = request;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ModelEvent, void>> {
    if (this.#delegate) return this.#delegate.next();
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    const { signal } = this.#request;
    try {
      if (!this.#started) {
        this.#started = true;
        if (signal.aborted) throw abortReason(signal);
        const output = this.#script(this.#request);
        if (isPromiseLike(output) || Symbol.asyncIterator in output) {
          this.#delegate = asyncStream(output, signal);
          return this.#delegate.next();
        }
        this.#events = output[Symbol.iterator]();
      } else if (signal.aborted) {
        // Checked after each event has been taken, as between the steps of a generator.
        throw abortReason(signal);
      }
      const next = this.#events!.next();
      if (next.done) {
        this.#done = true;
        return Promise.resolve({ value: undefined, done: true });
      }
      return Promise.resolve({ value: next.value, done: false });
    } catch (error) {
      this.#close();
      return Promise.reject(error);
    }
  }

  return(): Promise<IteratorResult<ModelEvent, void>> {
    if (this.#delegate) return this.#delegate.return(undefined);
    this.#close();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Ends the stream early, closing the script's iterator (as a generator's `finally` would). */
  #close(): void {
    if (this.#done) return;
    this.#done = true;
    try {
      this.#events?.return?.();
    } catch {
      // A script's cleanup failing changes nothing for the caller, who has stopped reading.
    }
  }
}

/**
 * The stream of a script that answers later or streams asynchronously: its output is awaited, and
 * every pending step raced against the request's signal, so an abort ends the stream promptly even
 * when the script itself ignores the signal.
 */
async function* asyncStream(
  result: ModelScriptOutput | Promise<ModelScriptOutput>,
  signal: AbortSignal,
): AsyncGenerator<ModelEvent, void, undefined> {
  const output = isPromiseLike(result) ? await raceAbort(Promise.resolve(result), signal) : result;
  const sync = !(Symbol.asyncIterator in output);
  const iterator: AsyncIterator<ModelEvent> | Iterator<ModelEvent> = sync
    ? output[Symbol.iterator]()
    : output[Symbol.asyncIterator]();
  let finished = false;
  try {
    while (true) {
      // A synchronous script cannot hold up the caller, so it needs no race (and its listener
      // bookkeeping) per event; the abort check after each event still applies.
      const next = sync
        ? (iterator as Iterator<ModelEvent>).next()
        : await raceAbort(Promise.resolve(iterator.next()), signal);
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
      if (signal.aborted) throw abortReason(signal);
    }
  } finally {
    // Not awaited: after an abort the script may still be parked in `next()`, and an async
    // generator's `return()` queues behind it.
    if (!finished) Promise.resolve(iterator.return?.()).catch(() => {});
  }
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

export interface ScriptedUsage {
  inputTokens: number;
  outputTokens: number;
}

/** The events of a plain text reply, one `text` event per chunk, then usage and `finish: stop`. */
export function textReply(chunks: string | readonly string[], usage?: ScriptedUsage): ModelEvent[] {
  const deltas = typeof chunks === "string" ? [chunks] : chunks;
  return [
    ...deltas.filter((delta) => delta !== "").map((delta): ModelEvent => ({ type: "text", delta })),
    ...usageEvents(usage),
    { type: "finish", reason: "stop" },
  ];
}

export interface ScriptedToolCall {
  /** Defaults to a fresh random `call_…` id. */
  id?: string;
  name: string;
  /** JSON text of the arguments; an array streams them as that many deltas. */
  arguments: string | readonly string[];
}

/** The events of a turn that calls tools, then usage and `finish: tool_calls`. */
export function toolCallReply(calls: readonly ScriptedToolCall[], usage?: ScriptedUsage): ModelEvent[] {
  const events: ModelEvent[] = [];
  for (const call of calls) {
    const callId = call.id ?? newCallId();
    events.push({ type: "tool_call_start", callId, name: call.name });
    const deltas = typeof call.arguments === "string" ? [call.arguments] : call.arguments;
    for (const delta of deltas) events.push({ type: "tool_call_delta", callId, delta });
    events.push({ type: "tool_call_end", callId });
  }
  return [...events, ...usageEvents(usage), { type: "finish", reason: "tool_calls" }];
}

/** A tool call id in the `call_…` form OpenAI uses; random, so ids never repeat across a conversation. */
export function newCallId(): string {
  return `call_${randomBytes(12).toString("hex")}`;
}

function usageEvents(usage: ScriptedUsage | undefined): ModelEvent[] {
  return usage ? [{ type: "usage", inputTokens: usage.inputTokens, outputTokens: usage.outputTokens }] : [];
}
