import { abortReason, delay } from "./abort.js";
import { ModelError } from "./errors.js";
import { chatCompletionsWire } from "./openai-chat.js";
import { responsesWire } from "./openai-responses.js";
import { Semaphore } from "./semaphore.js";
import { ServerSentEventParser } from "./sse.js";
import { openAITokenCount } from "./tokens.js";
import type { Model, ModelEvent, ModelQueue, ModelRequest } from "./types.js";
import { type UpstreamBody, type UpstreamResponse, viaFetch } from "./upstream.js";
import { defaultUpstreamCall } from "./upstream-http.js";

export interface OpenAICompatibleOptions {
  /** E.g. `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1` (Ollama), `http://127.0.0.1:8000/v1` (vLLM). */
  baseURL: string;
  /** Sent as `Authorization: Bearer …`; local servers usually need none. */
  apiKey?: string;
  /** The upstream model name. */
  model: string;
  /** The id reported to clients; defaults to `model`. */
  id?: string;
  headers?: Record<string, string>;
  /** `chat` (default): Chat Completions, which every compatible server speaks. `responses`: the Responses API. */
  api?: "chat" | "responses";
  /**
   * The fetch to call the upstream with. Default: `globalThis.fetch`, looked up per call so
   * interceptors installed later still apply; while it is Node's own, unwrapped, the call goes
   * through undici's `request` instead, which does the same over the same global dispatcher for a
   * fraction of the CPU.
   */
  fetch?: typeof globalThis.fetch;
  /**
   * An undici `Dispatcher` (e.g. `new Agent({ keepAliveTimeout: 60_000, connections: 64 })`) used
   * for every call. Without one, the global dispatcher serves the calls, which already keeps
   * connections to the upstream alive and reuses them (for 4 s of idleness).
   */
  dispatcher?: unknown;
  /**
   * Upstream calls in flight at once through this provider; further calls wait their turn (see
   * the Model's `queue`). A call keeps its slot while it waits to retry, so a rate-limited
   * upstream is not hit harder. Default: `defaultMaxConcurrency(baseURL)`.
   */
  maxConcurrency?: number;
  /** Retries after the first attempt on 408, 429, 5xx, timeouts and network errors. Default 3. */
  retries?: number;
  /** First backoff delay; doubled per retry (capped at 8 s) with jitter. Default 500 ms. */
  retryDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown at once. Default 60 s. */
  maxRetryAfterMs?: number;
  /** The upstream model's context window in tokens, for `truncation: "auto"`. Default: unknown (nothing is trimmed). */
  contextWindow?: number;
  /**
   * Longest silence from the upstream (before headers, or between body chunks) before the attempt
   * is abandoned: retried when nothing was yielded yet, else thrown as a `timeout` ModelError.
   */
  timeoutMs?: number;
}

/**
 * A Model backed by any OpenAI-compatible HTTP API, always streamed. Retries happen only before the
 * first event is yielded: once the caller has seen output, replaying the call would duplicate it.
 */
export function openAICompatible(options: OpenAICompatibleOptions): Model {
  const wire = (options.api ?? "chat") === "responses" ? responsesWire : chatCompletionsWire;
  const url = options.baseURL.replace(/\/+$/, "") + wire.path;
  const call = options.fetch ? viaFetch(options.fetch) : defaultUpstreamCall;
  const limiter = new Semaphore(options.maxConcurrency ?? defaultMaxConcurrency(options.baseURL));
  const retries = options.retries ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "text/event-stream",
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    ...options.headers,
  };

  async function* stream(request: ModelRequest): AsyncGenerator<ModelEvent, void, undefined> {
    const { signal } = request;
    const release = await limiter.acquire(signal);
    try {
      // Serialised once a permit is held: calls queued behind the limit neither hold their bodies
      // nor spend the CPU on them all at once when many runs start together.
      const body = JSON.stringify(wire.body(options.model, request));
      for (let attempt = 0; ; attempt++) {
        const attemptController = new AbortController();
        const forwardAbort = () => attemptController.abort(signal.reason);
        signal.addEventListener("abort", forwardAbort, { once: true });
        const watchdog =
          options.timeoutMs === undefined ? undefined : new Watchdog(options.timeoutMs, attemptController);
        let yielded = false;
        // The body was read to its end / the upstream signalled the end and every event was taken.
        let drained = false;
        let finished = false;
        try {
          const response = await call(url, {
            headers,
            body,
            signal: attemptController.signal,
            ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
          });
          watchdog?.kick();
          if (response.status < 200 || response.status > 299) throw await errorFromResponse(response);
          const reader = response.body();
          if (!reader) {
            throw new ModelError("the upstream answered without a body", { code: "invalid_response", retryable: true });
          }
          // One listener per attempt rather than a race per read: cancelling the reader ends a
          // pending read even with a fetch (interceptor, polyfill) that does not error a body that
          // is already flowing when it is aborted.
          const cancelRead = () => reader.cancel(attemptController.signal.reason).catch(() => {});
          attemptController.signal.addEventListener("abort", cancelRead, { once: true });
          try {
            const events = new ServerSentEventParser();
            const parser = wire.createParser();
            while (!parser.done) {
              const { done, value } = await reader.read();
              if (attemptController.signal.aborted) throw abortReason(attemptController.signal);
              if (done) drained = true;
              else watchdog?.kick();
              for (const message of done ? events.end() : events.push(value)) {
                for (const event of parser.push(message)) {
                  yielded = true;
                  // A caller that is slow to take events is backpressure, not upstream silence.
                  watchdog?.stop();
                  yield event;
                  watchdog?.kick();
                }
                if (parser.done) break;
              }
              if (done) break;
            }
            watchdog?.stop();
            for (const event of parser.end()) {
              yielded = true;
              yield event;
            }
            finished = true;
            return;
          } finally {
            attemptController.signal.removeEventListener("abort", cancelRead);
            if (drained) reader.release();
            else if (finished) releaseAfterEnd(reader, attemptController);
            else reader.cancel().catch(() => {});
          }
        } catch (error) {
          if (signal.aborted) throw abortReason(signal);
          const failure = watchdog?.fired ? watchdog.error : toModelError(error);
          const retryAfter = failure.retryAfterMs;
          const waitable = retryAfter === undefined || retryAfter <= maxRetryAfterMs;
          if (yielded || !failure.retryable || attempt >= retries || !waitable) throw failure;
          await delay(retryAfter ?? backoff(retryDelayMs, attempt), signal);
        } finally {
          watchdog?.stop();
          signal.removeEventListener("abort", forwardAbort);
          // Releases the connection when the caller stopped early or the stream was abandoned. A
          // finished stream needs no abort: on Node's fetch one costs an AbortError and undici's
          // abort path for a request that is already over.
          if (!finished) attemptController.abort();
        }
      }
    } finally {
      release();
    }
  }

  const queue: ModelQueue = {
    limit: limiter.permits,
    get active() {
      return limiter.active;
    },
    get waiting() {
      return limiter.waiting;
    },
  };
  return {
    id: options.id ?? options.model,
    stream,
    queue,
    options: wire.options,
    countTokens: (request) => openAITokenCount(options.model, request),
    ...(options.contextWindow !== undefined ? { contextWindow: options.contextWindow } : {}),
  };
}

/** Default limit for an upstream on this machine or a private network (Ollama, vLLM, LM Studio, a stub). */
export const LOCAL_MAX_CONCURRENCY = 64;
/** Default limit for a hosted API: its own rate limits (429, retried with backoff) are what should bind. */
export const REMOTE_MAX_CONCURRENCY = 256;

/**
 * The default limit of calls in flight for an upstream. The limit exists to bound what one process
 * holds open, not to protect the upstream: a hosted API takes many concurrent calls and answers
 * 429 with a Retry-After when it will not, and local servers (Ollama, vLLM, llama.cpp) queue or
 * batch requests themselves. A limit of 8, the earlier default, let a whole server hold 8 model
 * calls at once per provider, so the 9th user waited for a slot while the upstream idled. A local
 * upstream gets a lower default than a hosted one: it usually shares the machine's cores.
 */
export function defaultMaxConcurrency(baseURL: string): number {
  let host: string;
  try {
    host = new URL(baseURL).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return LOCAL_MAX_CONCURRENCY;
  }
  const local =
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "::1" ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    host.endsWith(".local") ||
    host.endsWith(".internal") ||
    !host.includes(".");
  return local ? LOCAL_MAX_CONCURRENCY : REMOTE_MAX_CONCURRENCY;
}

function backoff(base: number, attempt: number): number {
  const ceiling = Math.min(base * 2 ** attempt, 8_000);
  // "Equal jitter": at least half the ceiling, so retries never hammer, yet clients spread out.
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Aborts an attempt after `ms` of upstream silence. */
class Watchdog {
  fired = false;
  readonly error: ModelError;
  #timer: ReturnType<typeof setTimeout>;

  constructor(
    readonly ms: number,
    readonly controller: AbortController,
  ) {
    this.error = new ModelError(`the upstream sent nothing for ${ms} ms`, { code: "timeout", retryable: true });
    this.#timer = this.#arm();
  }

  kick(): void {
    clearTimeout(this.#timer);
    this.#timer = this.#arm();
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  #arm(): ReturnType<typeof setTimeout> {
    return setTimeout(() => {
      this.fired = true;
      this.controller.abort(this.error);
    }, this.ms);
  }
}

/**
 * Releases a body whose stream signalled its end (`[DONE]`, `response.completed`) before the body
 * itself was seen ending. The end almost always arrived with the marker, so reading it costs a
 * promise and returns the connection to the pool; a body still open a moment later (a server that
 * holds the response open after its last event), or one with more bytes, is cancelled and its
 * request aborted, as an abandoned stream is.
 */
function releaseAfterEnd(reader: UpstreamBody, controller: AbortController): void {
  let open = true;
  const abandon = () => {
    open = false;
    reader.cancel().catch(() => {});
    controller.abort();
  };
  const timer = setTimeout(() => {
    if (open) abandon();
  }, 0);
  reader.read().then(
    ({ done }) => {
      if (!open) return;
      clearTimeout(timer);
      if (done) {
        open = false;
        reader.release();
      } else abandon();
    },
    () => {
      open = false;
      clearTimeout(timer);
    },
  );
}

const RETRYABLE_STATUS = new Set([408, 429]);
const STATUS_CODES: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  408: "timeout",
  409: "conflict",
  413: "payload_too_large",
  422: "unprocessable_entity",
  429: "rate_limit_exceeded",
};

async function errorFromResponse(response: UpstreamResponse): Promise<ModelError> {
  const text = await response.text().catch(() => "");
  let message = `the upstream answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  let code = STATUS_CODES[response.status] ?? (response.status >= 500 ? "server_error" : `http_${response.status}`);
  try {
    const parsed: unknown = JSON.parse(text);
    const payload = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
    const error = payload.error;
    if (typeof error === "string") message = error;
    else if (typeof error === "object" && error !== null) {
      const fields = error as Record<string, unknown>;
      if (typeof fields.message === "string") message = fields.message;
      if (typeof fields.code === "string") code = fields.code;
      else if (typeof fields.type === "string") code = fields.type;
    } else if (typeof payload.message === "string") message = payload.message;
    else if (typeof payload.detail === "string") message = payload.detail;
  } catch {
    if (text.trim() !== "") message = text.trim().slice(0, 500);
  }
  // A 429 for an exhausted quota will not clear up by waiting.
  const retryable = (RETRYABLE_STATUS.has(response.status) || response.status >= 500) && code !== "insufficient_quota";
  const retryAfterMs = parseRetryAfter(response.headers);
  return new ModelError(message, {
    status: response.status,
    code,
    retryable,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** `retry-after-ms` (OpenAI) or `Retry-After` as delta-seconds or an HTTP date. */
export function parseRetryAfter(headers: Pick<Headers, "get">, now = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function toModelError(error: unknown): ModelError {
  if (error instanceof ModelError) return error;
  // fetch reports refused connections, resets and truncated bodies as TypeErrors.
  if (error instanceof TypeError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return new ModelError(`could not reach the upstream (${error.message}${cause})`, {
      code: "network_error",
      retryable: true,
      cause: error,
    });
  }
  return new ModelError(error instanceof Error ? error.message : String(error), {
    code: "internal_error",
    retryable: false,
    cause: error,
  });
}
