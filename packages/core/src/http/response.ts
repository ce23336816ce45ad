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
