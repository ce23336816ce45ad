import { Agent, type Dispatcher, fetch as undiciFetch } from "undici";

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

/**
 * A non-2xx answer. `type`, `code`, `param` and `message` come from the protocol's error envelope
 * (`{"error":{...}}`) when the body has one; `body` is the parsed body either way.
 */
export class SwitchboardApiError extends Error {
  readonly status: number;
  readonly type: string | undefined;
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly body: unknown;
  readonly headers: Headers;

  constructor(status: number, body: unknown, headers: Headers) {
    const detail = errorDetail(body);
    super(detail?.message ?? `HTTP ${status}`);
    this.name = "SwitchboardApiError";
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.type = detail?.type;
    this.code = detail?.code ?? undefined;
    this.param = detail?.param ?? undefined;
  }
}

interface ErrorDetail {
  type?: string;
  message?: string;
  code?: string | null;
  param?: string | null;
}

function errorDetail(body: unknown): ErrorDetail | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return undefined;
  const { type, message, code, param } = error as Record<string, unknown>;
  return {
    type: typeof type === "string" ? type : undefined,
    message: typeof message === "string" ? message : undefined,
    code: typeof code === "string" ? code : undefined,
    param: typeof param === "string" ? param : undefined,
  };
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

  /** Sends a request and returns the raw response; non-2xx answers throw `SwitchboardApiError`. */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json", ...this.#headers, ...options.headers };
    if (this.#apiKey !== undefined) headers.authorization = `Bearer ${this.#apiKey}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    const response = await this.#fetch(this.url(path, options.query), {
      method,
      headers,
      body,
      signal: options.signal,
      dispatcher: this.#dispatcher,
    });
    if (!response.ok) throw new SwitchboardApiError(response.status, await readBody(response), response.headers);
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
 * Parses a Server-Sent Events byte stream per the WHATWG rules that matter to these protocols:
 * `event`, `id` and multi-line `data` fields, comment lines, and any of CRLF, LF or CR as line end.
 * A frame without data lines (e.g. only a comment) is not emitted, nor is a frame cut off by the end
 * of the stream before its blank line.
 */
export async function* parseSse(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  let event: string | undefined;
  let id: string | undefined;
  let data: string[] = [];
  // A CR at the end of a chunk may be the first half of a CRLF split across chunks.
  let pendingCr = false;

  function* lines(text: string): Generator<string> {
    buffer += text;
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c === 10 && pendingCr && i === start) {
        pendingCr = false;
        start = i + 1;
        continue;
      }
      pendingCr = false;
      if (c === 10 || c === 13) {
        yield buffer.slice(start, i);
        if (c === 13) {
          if (i + 1 < buffer.length) {
            if (buffer.charCodeAt(i + 1) === 10) i++;
          } else pendingCr = true;
        }
        start = i + 1;
      }
    }
    buffer = buffer.slice(start);
  }

  function* feed(text: string): Generator<SseEvent> {
    for (const line of lines(text)) {
      if (line === "") {
        if (data.length > 0) yield { event, id, data: data.join("\n") };
        event = undefined;
        data = [];
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "data") data.push(value);
      else if (field === "event") event = value;
      else if (field === "id" && !value.includes("\0")) id = value;
    }
  }

  for await (const chunk of chunks(body)) yield* feed(decoder.decode(chunk, { stream: true }));
  yield* feed(`${decoder.decode()}\n`);
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
