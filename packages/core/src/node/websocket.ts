import type { IncomingMessage, Server } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import type { Switchboard } from "../app.js";
import { normalizeBasePath, rebase } from "../http/base-path.js";
import type { CoreRequest, CoreResponse } from "../http/types.js";
import { defaultLogger } from "../observability/logger.js";
import { CloseCode, type CoreSocket, type SocketHandlers } from "../ws/types.js";
import { NodeRequest } from "./request.js";

export interface WebSocketBridge {
  readonly wss: WebSocketServer;
  /**
   * Detaches from the server and closes every socket with 1001 (going away); sockets that have
   * not finished the closing handshake after `graceMs` are terminated.
   */
  close(graceMs?: number): Promise<void>;
}

export interface AttachWebSocketOptions {
  /** The path the app mounted Switchboard under (default: the root). */
  basePath?: string;
  /** Limits which paths this bridge looks at; others are left to other `upgrade` listeners. */
  filter?: (path: string) => boolean;
}

/**
 * Serves Switchboard's WebSocket routes on a Node HTTP server. The core decides each upgrade
 * before the handshake, so a refusal (401, 404 …) is a plain HTTP response the client can read.
 * Upgrades see the server's full path: `basePath` is where the app mounted Switchboard's HTTP side
 * (Express `app.use("/ai", …)`, Hono `app.route("/ai", …)`), so its sockets answer there too.
 */
export function attachWebSocket(
  server: Server,
  sb: Switchboard,
  options: AttachWebSocketOptions | ((path: string) => boolean) = {},
): WebSocketBridge {
  const { basePath, filter } = typeof options === "function" ? { basePath: undefined, filter: options } : options;
  const mount = normalizeBasePath(basePath);
  /** The subprotocol the core selected for each upgrade being completed. */
  const selected = new WeakMap<IncomingMessage, string>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: sb.limits.maxFrameBytes,
    // `ws` would otherwise select the client's first offer, whatever the core decided.
    handleProtocols: (_offered, request) => selected.get(request) ?? false,
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const full = new NodeRequest(req, undefined, undefined);
    if (filter && !filter(full.path)) return;
    const request: CoreRequest | undefined = rebase(full, mount);
    if (request === undefined) {
      // Outside the mount: another listener's, or nobody's.
      if (server.listenerCount("upgrade") === 1) writeRawResponse(socket, { status: 404, headers: {} });
      return;
    }
    // A client that resets the connection mid-decision must not become an uncaught error.
    socket.on("error", ignore);
    sb.upgrade(request).then(
      (decision) => {
        if (socket.destroyed) return;
        if (decision === undefined) {
          if (server.listenerCount("upgrade") === 1) writeRawResponse(socket, { status: 404, headers: {} });
          return;
        }
        if ("reject" in decision) {
          writeRawResponse(socket, decision.reject);
          return;
        }
        if (decision.protocol !== undefined) selected.set(req, decision.protocol);
        wss.handleUpgrade(req, socket, head, (ws) => {
          socket.off("error", ignore);
          wire(ws, decision.accept);
        });
      },
      (error) => {
        defaultLogger().error({ err: error }, "WebSocket upgrade failed");
        writeRawResponse(socket, { status: 500, headers: {} });
      },
    );
  };
  server.on("upgrade", onUpgrade);

  return {
    wss,
    close(graceMs = 1000) {
      server.off("upgrade", onUpgrade);
      const open = [...wss.clients];
      for (const ws of open) ws.close(CloseCode.goingAway, "server shutting down");
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          for (const ws of open) ws.terminate();
        }, graceMs);
        const closed = open.map((ws) =>
          ws.readyState === ws.CLOSED ? undefined : new Promise((done) => ws.once("close", done)),
        );
        Promise.all(closed).then(() => {
          clearTimeout(timer);
          wss.close(() => resolve());
        });
      });
    },
  };
}

function ignore() {}

function wire(ws: WebSocket, accept: (socket: CoreSocket) => SocketHandlers) {
  const socket: CoreSocket = {
    // Never rejects: a frame sent after the peer left is dropped, and onClose has told the handler.
    send: (text) => new Promise((resolve) => ws.send(text, () => resolve())),
    close(code, reason) {
      try {
        ws.close(code, reason);
      } catch {
        // An invalid code or an over-long reason (ws throws on both) still has to end the socket.
        ws.terminate();
      }
    },
  };
  // Frames over maxPayload make ws emit an error and close with 1009 itself; nothing to add.
  ws.on("error", ignore);
  const handlers = accept(socket);
  ws.on("message", (data: RawData, isBinary: boolean) => {
    handlers.onMessage(isBinary ? asBytes(data) : data.toString(), isBinary);
  });
  ws.on("close", (code: number, reason: Buffer) => handlers.onClose(code, reason.toString()));
}

function asBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

function writeRawResponse(socket: Duplex, response: CoreResponse) {
  if (socket.destroyed) return;
  const body = typeof response.body === "string" ? response.body : "";
  let head = `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}\r\n`;
  for (const [name, value] of Object.entries(response.headers)) {
    const lower = name.toLowerCase();
    if (lower === "connection" || lower === "content-length" || lower === "transfer-encoding") continue;
    head += `${name}: ${value.replace(/[\r\n]+/g, " ")}\r\n`;
  }
  head += `Connection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  socket.once("finish", () => socket.destroy());
  socket.end(head + body);
}
