import WebSocket from "ws";
import { ConnectionError, SwitchboardApiError } from "./errors.js";

export interface OpenedSocket {
  ws: WebSocket;
  /** The server's first text frame, when asked to wait for it (protocols that greet on open). */
  first?: string;
}

/**
 * Opens a WebSocket for the protocol clients. A refused upgrade rejects with the server's status
 * and error envelope as a `SwitchboardApiError`, like an HTTP call would; a socket that cannot be
 * opened rejects with a `ConnectionError`; an abort terminates the handshake. With `waitForFirstFrame` it settles on the server's greeting instead of on open.
 */
export function openWebSocket(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
  waitForFirstFrame = false,
  /** Subprotocols to offer (`Sec-WebSocket-Protocol`); the agents protocol's framing is chosen so. */
  protocols: string[] = [],
): Promise<OpenedSocket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const ws = new WebSocket(url, protocols, { headers, perMessageDeflate: false });
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      ws.terminate();
      reject(error);
    };
    const succeed = (first?: string) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      ws.off("error", fail);
      // Later errors surface as a close; without a listener `ws` would throw them.
      ws.on("error", () => {});
      resolve(first === undefined ? { ws } : { ws, first });
    };
    const onAbort = () => fail(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    signal?.addEventListener("abort", onAbort, { once: true });
    ws.once("unexpected-response", (_req, res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {}
        const responseHeaders = new Headers();
        for (const [key, value] of Object.entries(res.headers)) {
          if (typeof value === "string") responseHeaders.set(key, value);
        }
        fail(SwitchboardApiError.from(res.statusCode ?? 0, body, responseHeaders));
      });
    });
    ws.once("error", (error) => fail(new ConnectionError(`could not open ${url}: ${error.message}`, { cause: error })));
    if (waitForFirstFrame) ws.once("message", (data) => succeed(String(data)));
    else ws.once("open", () => succeed());
  });
}
