/**
 * How `openAICompatible` sends a call upstream and reads the answer, whichever HTTP client does it:
 * a `fetch` (the caller's, or a global one that something replaced, e.g. msw or nock), or, on Node
 * with its own `fetch` untouched, undici's `request` (see `upstream-undici.ts`).
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

let undiciCall: UpstreamCall | undefined;
let loading: Promise<UpstreamCall> | undefined;
let lastChecked: unknown;
let lastCheckedIsNodes = false;

/**
 * Node's own `fetch` is a thin wrapper that loads its bundled undici. Its source names that
 * internal module, which no code outside Node can `require`, so a fetch that something wrapped or
 * replaced (msw's and nock's interceptors, a polyfill, another runtime's fetch) never matches and
 * keeps being called.
 */
function isNodesOwnFetch(candidate: unknown): boolean {
  if (candidate === lastChecked) return lastCheckedIsNodes;
  lastChecked = candidate;
  lastCheckedIsNodes =
    typeof candidate === "function" &&
    typeof process !== "undefined" &&
    typeof process.versions?.node === "string" &&
    Function.prototype.toString.call(candidate).includes("require('internal/deps/undici/undici')");
  return lastCheckedIsNodes;
}

/**
 * The call a provider without a `fetch` of its own makes, decided per call so an interceptor
 * installed later still applies: undici's `request` while the global `fetch` is Node's own and
 * unwrapped, otherwise the global `fetch`. Both go through the same global dispatcher (undici
 * shares it with Node's fetch), so a proxy or mock agent set with `setGlobalDispatcher` applies to
 * either. undici's `request` costs a fraction of `fetch`'s CPU per streamed call (no WHATWG
 * Request/Response/ReadableStream per call, no clone of the request for redirects).
 */
export async function defaultUpstreamCall(url: string, request: UpstreamRequest): Promise<UpstreamResponse> {
  const fetchImpl = globalThis.fetch;
  if (!isNodesOwnFetch(fetchImpl)) return viaFetch(fetchImpl)(url, request);
  if (undiciCall === undefined) {
    // Loaded on the first call: undici is Node-only, and a server that never calls a model need not load it.
    loading ??= import("./upstream-undici.js").then(
      (module) => module.viaUndici,
      // A bundle that left undici out still works, at fetch's cost.
      () => viaFetch((input, init) => globalThis.fetch(input, init)),
    );
    undiciCall = await loading;
  }
  return undiciCall(url, request);
}
