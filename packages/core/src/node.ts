/**
 * The Node.js bridge: `IncomingMessage`/`ServerResponse` ⇄ CoreRequest/CoreResponse, and `ws`
 * upgrades ⇄ CoreSocket. Express and Fastify both run on it; Hono uses it for WebSockets.
 */
import { type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import type { Switchboard } from "./app.js";
import {
  type CoreRequest,
  type CoreResponse,
  isStreamBody,
  PayloadTooLargeError,
  type StreamBody,
} from "./http/types.js";
import { CloseCode, type CoreSocket, type SocketHandlers } from "./ws/types.js";

/** A body a framework already read: raw bytes, text, or the object its JSON parser produced. */
export type PreReadBody = Buffer | Uint8Array | string | object;

const EMPTY = new Uint8Array(0);

class NodeRequest implements CoreRequest {
  readonly method: string;
  readonly path: string;
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse | undefined;
  readonly #preRead: PreReadBody | undefined;
  readonly #search: string;
  #query: URLSearchParams | undefined;
  #controller: AbortController | undefined;
  #body: Promise<Uint8Array> | undefined;

  constructor(req: IncomingMessage, res: ServerResponse | undefined, preRead: PreReadBody | undefined) {
    this.#req = req;
    this.#res = res;
    this.#preRead = preRead;
    this.method = req.method ?? "GET";
    let url = req.url ?? "/";
    if (url.charCodeAt(0) !== 47 /* "/" */) {
      // Absolute-form request target (`GET http://host/path`), which proxies may send.
      const parsed = URL.canParse(url) ? new URL(url) : undefined;
      url = parsed ? parsed.pathname + parsed.search : "/";
    }
    const q = url.indexOf("?");
    this.path = q === -1 ? url : url.slice(0, q);
    this.#search = q === -1 ? "" : url.slice(q + 1);
  }

  get query(): URLSearchParams {
    this.#query ??= new URLSearchParams(this.#search);
    return this.#query;
  }

  header(name: string): string | undefined {
    const value = this.#req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(", ") : value;
  }

  // Created on first use: handlers that never look at the signal pay nothing for it.
  get signal(): AbortSignal {
    if (this.#controller) return this.#controller.signal;
    const controller = new AbortController();
    this.#controller = controller;
    this.onAbort(() => controller.abort());
    return controller.signal;
  }

  onAbort(listener: () => void): void {
    const res = this.#res;
    if (res) {
      if (res.destroyed && !res.writableFinished) listener();
      else res.once("close", () => res.writableFinished || listener());
    } else {
      // An upgrade request has no response; its socket closing is the client going away.
      const socket = this.#req.socket;
      if (socket.destroyed) listener();
      else socket.once("close", listener);
    }
  }

  body(limit: number): Promise<Uint8Array> {
    this.#body ??= this.#read(limit);
    return this.#body;
  }

  #read(limit: number): Promise<Uint8Array> {
    if (this.#preRead !== undefined) {
      const bytes = toBytes(this.#preRead);
      return bytes.byteLength > limit ? Promise.reject(new PayloadTooLargeError(limit)) : Promise.resolve(bytes);
    }
    const req = this.#req;
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit) return Promise.reject(new PayloadTooLargeError(limit));
    if (declared === "0" || (declared === undefined && req.headers["transfer-encoding"] === undefined)) {
      return Promise.resolve(EMPTY);
    }
    if (req.readableEnded) return Promise.resolve(EMPTY);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      // The listeners stay until the request is garbage: removing them would cost more per
      // request than the `settled` checks, and Node discards unread data once the response ends.
      req.on("data", (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (size > limit) {
          settled = true;
          req.pause();
          reject(new PayloadTooLargeError(limit));
        } else chunks.push(chunk);
      });
      req.on("end", () => {
        if (settled) return;
        settled = true;
        resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      });
      req.on("error", (error) => {
        if (settled) return;
        settled = true;
        reject(error);
      });
      req.on("close", () => {
        if (settled) return;
        settled = true;
        reject(new Error("the client closed the connection before the request body was complete"));
      });
    });
  }
}

function toBytes(body: PreReadBody): Uint8Array {
  if (body instanceof Uint8Array) return body;
  if (typeof body === "string") return Buffer.from(body);
  return Buffer.from(JSON.stringify(body));
}

/**
 * Wraps a Node request. `preRead` is the body when a framework already consumed the stream
 * (Express with `express.json()`, a Fastify content-type parser); it is still held to the limit.
 */
export function toCoreRequest(req: IncomingMessage, res: ServerResponse, preRead?: PreReadBody): CoreRequest {
  return new NodeRequest(req, res, preRead);
}

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
    Promise.resolve(iterator.return?.()).catch((error) => console.error("[switchboard] stream cleanup failed", error));
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
    console.error("[switchboard] response stream failed", error);
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

export interface WebSocketBridge {
  readonly wss: WebSocketServer;
  /**
   * Detaches from the server and closes every socket with 1001 (going away); sockets that have
   * not finished the closing handshake after `graceMs` are terminated.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Serves Switchboard's WebSocket routes on a Node HTTP server. The core decides each upgrade
 * before the handshake, so a refusal (401, 404 …) is a plain HTTP response the client can read.
 * `filter` limits which paths this bridge looks at; others are left to other `upgrade` listeners.
 */
export function attachWebSocket(server: Server, sb: Switchboard, filter?: (path: string) => boolean): WebSocketBridge {
  const wss = new WebSocketServer({ noServer: true, maxPayload: sb.limits.maxFrameBytes });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const request = new NodeRequest(req, undefined, undefined);
    if (filter && !filter(request.path)) return;
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
        wss.handleUpgrade(req, socket, head, (ws) => {
          socket.off("error", ignore);
          wire(ws, decision.accept);
        });
      },
      (error) => {
        console.error("[switchboard] WebSocket upgrade failed", error);
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

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  /** `http://host:port`, without a trailing slash. */
  readonly url: string;
  /**
   * Stops accepting connections and closes WebSockets with 1001; requests still running after
   * `graceMs` (default 1 s) are cut off. Does not close the Switchboard itself.
   */
  close(graceMs?: number): Promise<void>;
}

export interface ListenOptions {
  port?: number;
  host?: string;
}

/** Listens on a Node server that already has Switchboard's request handler and WebSocket bridge. */
export async function listenNode(
  server: Server,
  bridge: WebSocketBridge,
  options: ListenOptions,
  shutdown: () => Promise<void> = () => closeServer(server),
): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return runningServer(server, host, bridge, shutdown);
}

/**
 * Describes a server that is already listening (Fastify listens on its own). Without `bridge`,
 * `shutdown` is responsible for closing the WebSockets.
 */
export function runningServer(
  server: Server,
  host: string,
  bridge: WebSocketBridge | undefined,
  shutdown: () => Promise<void> = () => closeServer(server),
): RunningServer {
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  const connections = trackConnections(server);
  let closing: Promise<void> | undefined;
  return {
    server,
    port,
    url: `http://${urlHost}:${port}`,
    close(graceMs = 1000) {
      closing ??= (async () => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        // Connections become idle as their last request finishes; close them as they do.
        const sweep = setInterval(connections.closeIdle, 50);
        connections.closeIdle();
        try {
          await Promise.all([bridge?.close(graceMs), shutdown()]);
        } finally {
          clearTimeout(timer);
          clearInterval(sweep);
        }
      })();
      return closing;
    },
  };
}

/**
 * Tracked per connection, not per request, to stay off the hot path. Node counts a connection
 * that never sent a byte (HTTP clients open spare ones) as busy, so `closeIdle` closes those too.
 */
function trackConnections(server: Server) {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  return {
    closeIdle() {
      server.closeIdleConnections();
      for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
  });
}
