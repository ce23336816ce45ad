/**
 * The fetch bridge: `Request` ⇄ CoreRequest, CoreResponse ⇄ `Response`, for runtimes and
 * frameworks built on the fetch API (Hono, Deno, Bun, workers).
 */
import { type CoreRequest, type CoreResponse, isStreamBody, PayloadTooLargeError } from "./http/types.js";
import { defaultLogger } from "./observability/logger.js";

const EMPTY = new Uint8Array(0);

class FetchRequest implements CoreRequest {
  readonly method: string;
  readonly path: string;
  readonly #request: Request;
  readonly #search: string;
  #query: URLSearchParams | undefined;
  #body: Promise<Uint8Array> | undefined;

  readonly remoteAddress: string | undefined;

  constructor(request: Request, remoteAddress: string | undefined) {
    this.#request = request;
    this.remoteAddress = remoteAddress;
    this.method = request.method;
    // Slicing the URL string avoids parsing a URL object on every request.
    const url = request.url;
    const scheme = url.indexOf("://");
    const pathStart = url.indexOf("/", scheme === -1 ? 0 : scheme + 3);
    const q = url.indexOf("?", pathStart === -1 ? url.length : pathStart);
    const hash = url.indexOf("#");
    const end = hash === -1 ? url.length : hash;
    this.path = pathStart === -1 ? "/" : url.slice(pathStart, q === -1 ? end : q);
    this.#search = q === -1 ? "" : url.slice(q + 1, end);
  }

  get query(): URLSearchParams {
    this.#query ??= new URLSearchParams(this.#search);
    return this.#query;
  }

  // Read on demand: on @hono/node-server, touching `signal` or `body` of its lazy Request costs
  // an AbortController or a full fetch Request.
  get signal(): AbortSignal {
    return this.#request.signal;
  }

  header(name: string): string | undefined {
    return this.#request.headers.get(name) ?? undefined;
  }

  body(limit: number): Promise<Uint8Array> {
    this.#body ??= readLimited(this.#request, limit);
    return this.#body;
  }
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw new PayloadTooLargeError(limit);
  if (request.method === "GET" || request.method === "HEAD" || declared === "0") return EMPTY;
  if (declared !== null) {
    // The HTTP layer holds a body to its declared length, so buffering it whole is safe, and it
    // is the fast path on @hono/node-server.
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > limit) throw new PayloadTooLargeError(limit);
    return bytes;
  }
  if (!request.body) return EMPTY;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * `remoteAddress` is the client's address where the runtime tells it (Hono's `getConnInfo`, Bun's
 * `server.requestIP`, Deno's `info.remoteAddr`); without it, rate limits without an API key put
 * every client in one bucket.
 */
export function fromFetchRequest(request: Request, remoteAddress?: string): CoreRequest {
  return new FetchRequest(request, remoteAddress);
}

const encoder = new TextEncoder();

/** Statuses whose responses must not carry a body (the Response constructor throws otherwise). */
const nullBodyStatus = new Set([101, 103, 204, 205, 304]);

export function toFetchResponse(response: CoreResponse): Response {
  const { status, headers, body } = response;
  if (nullBodyStatus.has(status)) return new Response(null, { status, headers });
  if (!isStreamBody(body)) return new Response(body ?? "", { status, headers });
  const iterator = body[Symbol.asyncIterator]();
  // pull() runs only when the consumer wants more, so a slow reader stalls the producer.
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: IteratorResult<string>;
        try {
          next = await iterator.next();
        } catch (error) {
          defaultLogger().error({ err: error }, "response stream failed");
          controller.error(error);
          return;
        }
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, { status, headers });
}
