import type { ServerResponse } from "node:http";
import { type CoreResponse, isStreamBody, type StreamBody } from "../http/types.js";
import { defaultLogger } from "../observability/logger.js";

/**
 * Writes a CoreResponse. Returns a promise only for a streamed body; it never rejects (a failing
 * stream is logged and the connection destroyed, since its status line is long gone).
 */
export function writeCoreResponse(res: ServerResponse, response: CoreResponse): Promise<void> | undefined {
  const { status, headers, body } = response;
  if (isStreamBody(body)) return writeStream(res, status, headers, body);
  const text = body ?? "";
  if (status === 204 || status === 304) res.writeHead(status, headers).end();
  else res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(text)) }).end(text);
  return undefined;
}

/** The most text a streamed response collects before writing it (UTF-16 code units). */
const STREAM_BATCH = 16 * 1024;

async function writeStream(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: StreamBody,
): Promise<void> {
  const iterator = body[Symbol.asyncIterator]();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    // An async generator queues return() behind a pending next(); the producer also sees the
    // request's AbortSignal, which is what interrupts a wait inside it.
    Promise.resolve(iterator.return?.()).catch((error) =>
      defaultLogger().error({ err: error }, "stream cleanup failed"),
    );
  };
  if (res.destroyed) {
    stop();
    return;
  }
  res.once("close", stop);
  // Chunks that come one right after another (a model streaming faster than the socket drains)
  // are joined and written as one when the burst ends or the batch is full: one HTTP chunk and one
  // buffer for the socket instead of four each (size, CRLF, data, CRLF). A lone chunk still leaves
  // in the same turn of the event loop it was produced in.
  let pending = "";
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending === "") return;
    const chunk = pending;
    pending = "";
    if (!res.destroyed) res.write(chunk);
  };
  try {
    res.writeHead(status, headers);
    // Proxies and clients see the status line now, not when the first event happens to be ready.
    res.flushHeaders();
    for (;;) {
      // Set by a write the socket could not take at once, until it drains.
      if (res.writableNeedDrain) await drained(res);
      const next = await iterator.next();
      if (next.done) {
        stopped = true;
        break;
      }
      if (res.destroyed) {
        // `close` may still be pending on the next tick; the producer must stop either way.
        stop();
        return;
      }
      pending += next.value;
      if (pending.length >= STREAM_BATCH) flush();
      else if (!scheduled) {
        scheduled = true;
        process.nextTick(flush);
      }
    }
    flush();
    res.end();
  } catch (error) {
    stopped = true;
    defaultLogger().error({ err: error }, "response stream failed");
    flush();
    res.destroy();
  } finally {
    res.off("close", stop);
  }
}

/** Resolves on `drain`, or on `close` (a vanished client never drains). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
