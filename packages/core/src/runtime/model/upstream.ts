/**
 * How `openAICompatible` sends a call upstream and reads the answer, whichever HTTP client does it:
 * a `fetch` (the caller's, or a global one that something replaced, e.g. msw or nock), or, on Node
 * with its own `fetch` untouched, undici's `request` (see `upstream-undici.ts`; `upstream-http.ts`
 * chooses).
 */

/** What the provider sends: always a streamed POST of a JSON body. */
export interface UpstreamRequest {
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  /** An undici `Dispatcher` of the caller's (connection pool, proxy). */
  dispatcher?: unknown;
}

/** The chunks of an upstream body, read one at a time. */
export interface UpstreamBody {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  /** Stops reading before the end; the connection is not reused. */
  cancel(reason?: unknown): Promise<void>;
  /** The body was read to its end: give what it holds back. */
  release(): void;
}

/** What the provider reads of an upstream answer. */
export interface UpstreamResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Pick<Headers, "get">;
  /** The body as chunks; undefined when the answer has none. Call it once, and not after `text()`. */
  body(): UpstreamBody | undefined;
  /** The whole body as text (for error answers). */
  text(): Promise<string>;
}

export type UpstreamCall = (url: string, request: UpstreamRequest) => Promise<UpstreamResponse>;

/** An upstream call through `fetchImpl`; the dispatcher is handed to it as Node's fetch takes one. */
export function viaFetch(fetchImpl: typeof globalThis.fetch): UpstreamCall {
  return async (url, { headers, body, signal, dispatcher }) => {
    const init: RequestInit & { dispatcher?: unknown } = { method: "POST", headers, body, signal };
    if (dispatcher !== undefined) init.dispatcher = dispatcher;
    const response = await fetchImpl(url, init);
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body() {
        if (!response.body) return undefined;
        const reader = response.body.getReader();
        return {
          read: () => reader.read(),
          cancel: (reason) => reader.cancel(reason),
          release: () => reader.releaseLock(),
        };
      },
      text: () => response.text(),
    };
  };
}
