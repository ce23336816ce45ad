/**
 * The framework-free request/response shapes every adapter bridges to.
 *
 * They are deliberately lighter than fetch's Request/Response: building those per call halves
 * throughput on Express and Fastify (measured, DESIGN §8), so Node adapters fill these directly
 * from IncomingMessage and write them straight to ServerResponse; fetch runtimes use fetch.ts.
 */
export interface CoreRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/responses/resp_1`. */
  path: string;
  query: URLSearchParams;
  /** Case-insensitive header lookup. */
  header(name: string): string | undefined;
  /**
   * Reads the whole body. Rejects with `PayloadTooLargeError` as soon as more than `limit` bytes
   * arrived (the adapter stops reading; the core answers 413 in the protocol's envelope).
   */
  body(limit: number): Promise<Uint8Array>;
  /** Aborted when the client goes away; passed down to the model call. */
  signal: AbortSignal;
  /**
   * Calls `listener` once when the client goes away before its response is complete: what
   * `signal` says, for a caller that only forwards it. Optional; on Node it saves creating the
   * AbortSignal, which costs more than the rest of a short request's bookkeeping.
   */
  onAbort?(listener: () => void): void;
  /**
   * The client's address as the server saw it (the peer of the TCP connection, so a proxy's when
   * behind one): the rate limit's key for requests without an API key.
   */
  readonly remoteAddress?: string;
}

/** A body that is streamed: each chunk is written as it comes, with backpressure. */
export type StreamBody = AsyncIterable<string>;

export interface CoreResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | StreamBody;
}

export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
    this.name = "PayloadTooLargeError";
  }
}

export const isStreamBody = (body: CoreResponse["body"]): body is StreamBody =>
  typeof body === "object" && body !== null && Symbol.asyncIterator in body;
