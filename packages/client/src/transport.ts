import { createParser } from "eventsource-parser";
import { Agent, type Dispatcher, fetch as undiciFetch } from "undici";
import { ConnectionError, SwitchboardApiError } from "./errors.js";

export type FetchLike = (input: string, init: RequestInit & { dispatcher?: Dispatcher }) => Promise<Response>;

export interface ClientOptions {
  /** The server's root, e.g. `http://127.0.0.1:8787`; protocol paths (`/v1/...`) are appended. */
  baseURL: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** The undici dispatcher (connection pool); a keep-alive `Agent` shared by this client by default. */
  dispatcher?: Dispatcher;
  /** Replaces undici's `fetch`, e.g. to go through a mock; it still receives `dispatcher`. */
  fetch?: FetchLike;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** The HTTP layer every protocol namespace of the client shares. */
export class Transport {
  readonly baseURL: string;
  readonly #apiKey: string | undefined;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #fetch: FetchLike;
  readonly #headers: Record<string, string>;

  constructor(options: ClientOptions) {
    this.baseURL = options.baseURL.replace(/\/+$/, "");
    this.#apiKey = options.apiKey;
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });
    this.#fetch = options.fetch ?? (undiciFetch as unknown as FetchLike);
    this.#headers = options.headers ?? {};
  }

  /**
   * Sends a request and returns the raw response. A non-2xx answer throws `SwitchboardApiError`
   * (its subclass for the status); a request that never got an answer throws `ConnectionError`.
   */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json", ...this.#headers, ...options.headers };
    if (this.#apiKey !== undefined) headers.authorization = `Bearer ${this.#apiKey}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await this.#fetch(this.url(path, options.query), {
        method,
        headers,
        body,
        signal: options.signal,
        dispatcher: this.#dispatcher,
      });
    } catch (error) {
      // The caller's own abort stays what it is; anything else is the network failing.
      if (options.signal?.aborted) throw error;
      throw new ConnectionError(`could not reach ${this.baseURL}: ${describe(error)}`, { cause: error });
    }
    if (!response.ok) throw SwitchboardApiError.from(response.status, await readBody(response), response.headers);
    return response;
  }

  /** Sends a request and parses its JSON answer. */
  async json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
    const response = await this.send(method, path, options);
    return (await response.json()) as T;
  }

  /** Sends a request that answers with Server-Sent Events and yields its frames. */
  async *events(method: string, path: string, options: RequestOptions = {}): AsyncGenerator<SseEvent> {
    const response = await this.send(method, path, {
      ...options,
      headers: { accept: "text/event-stream", ...options.headers },
    });
    if (!response.body) return;
    yield* parseSse(response.body);
  }

  url(path: string, query?: RequestOptions["query"]): string {
    let url = this.baseURL + path;
    if (query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
      const search = params.toString();
      if (search) url += `?${search}`;
    }
    return url;
  }

  /** Closes the connection pool this client created (an injected dispatcher is left alone). */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One Server-Sent Events frame. `data` is the frame's data lines joined with `\n`. */
export interface SseEvent {
  event: string | undefined;
  id: string | undefined;
  data: string;
}

/**
 * Parses a Server-Sent Events byte stream (eventsource-parser does the parsing): `event`, `id` and
 * multi-line `data` fields, comment lines, and any of CRLF, LF or CR as line end. A frame without
 * data lines (e.g. only a comment) is not emitted. `id` is the last event id seen, carried over
 * to the frames after it as the WHATWG rules say.
 *
 * End of stream: a frame still open when the body ends cleanly (its blank line missing, even its
 * last line break) is emitted, not dropped; the same rule as `@switchboard/core`'s parser. A
 * connection that breaks makes the body fail instead, and that error is thrown.
 */
export async function* parseSse(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let lastId: string | undefined;
  let out: SseEvent[] = [];
  const parser = createParser({
    onEvent: ({ event, data }) => out.push({ event, id: lastId, data }),
    onId: (id) => {
      lastId = id;
    },
  });
  const feed = (text: string): SseEvent[] => {
    out = [];
    parser.feed(text);
    return out;
  };
  for await (const chunk of chunks(body)) yield* feed(decoder.decode(chunk, { stream: true }));
  // Two line breaks end whatever is open: its last line, then the frame.
  yield* feed(`${decoder.decode()}\n\n`);
}

async function* chunks(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in body) {
    yield* body;
    return;
  }
  // Where a ReadableStream is not async-iterable (older browsers); typed so since TypeScript 6.
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stopping early (a consumer that breaks out) cancels the request instead of leaking it.
    await reader.cancel().catch(() => {});
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici's `fetch failed` hides the reason (ECONNREFUSED …) in `cause`.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
