import type { CoreResponse, StreamBody } from "./types.js";

export function json(status: number, body: unknown, headers?: Record<string, string>): CoreResponse {
  return {
    status,
    headers: headers ? { "content-type": "application/json", ...headers } : { "content-type": "application/json" },
    body: JSON.stringify(body),
  };
}

/** A Server-Sent Events response; `stream` yields frames built with `sseFrame` / `sseComment`. */
export function sse(stream: StreamBody, headers?: Record<string, string>): CoreResponse {
  return {
    status: 200,
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      // Reverse proxies such as nginx buffer responses unless told not to, which stalls the stream.
      "x-accel-buffering": "no",
      connection: "keep-alive",
      ...headers,
    },
    body: stream,
  };
}

/**
 * A streamed body of `source`'s items, each turned into text by `frame`, then `end` (if any). It
 * pulls one item per read, so a client that stops reading stops the producer; a plain iterator
 * rather than an async generator, which would add its own queue and promises per item.
 */
export function framedStream<T>(source: AsyncIterable<T>, frame: (item: T) => string, end?: string): StreamBody {
  return {
    [Symbol.asyncIterator]() {
      let iterator: AsyncIterator<T> | undefined;
      let ended = false;
      return {
        async next(): Promise<IteratorResult<string>> {
          if (ended) return { value: undefined, done: true };
          // Created on the first read: a stream nobody reads never starts its producer.
          iterator ??= source[Symbol.asyncIterator]();
          const next = await iterator.next();
          if (!next.done) return { value: frame(next.value), done: false };
          ended = true;
          return end === undefined ? { value: undefined, done: true } : { value: end, done: false };
        },
        async return(): Promise<IteratorResult<string>> {
          ended = true;
          await iterator?.return?.();
          return { value: undefined, done: true };
        },
      };
    },
  };
}

export interface SseFrame {
  event?: string;
  id?: string | number;
  /** A string is sent as is; anything else as JSON. */
  data: unknown;
}

export function sseFrame(frame: SseFrame): string {
  let out = "";
  if (frame.event !== undefined) out += `event: ${singleLine(frame.event)}\n`;
  if (frame.id !== undefined) out += `id: ${singleLine(String(frame.id))}\n`;
  // JSON text never contains a raw line break, so only a string needs splitting.
  if (typeof frame.data !== "string") return `${out}data: ${JSON.stringify(frame.data)}\n\n`;
  // A newline inside a data field would end it early; SSE carries multi-line data as several `data:` lines.
  for (const line of frame.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** A comment frame: ignored by clients, used as a heartbeat that keeps proxies from closing idle streams. */
export function sseComment(text: string): string {
  return `: ${singleLine(text)}\n\n`;
}

const LINE_BREAK = /[\r\n]/;

function singleLine(value: string): string {
  return LINE_BREAK.test(value) ? value.replace(/[\r\n]+/g, " ") : value;
}
