import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";

/**
 * One deliberate defect. The proxy forwards everything to a correct server and applies the hooks
 * on the way, so a server that is wrong in exactly one respect is a few lines of test.
 */
export interface Corruption {
  /** Rewrites the request headers (HTTP requests and WebSocket upgrades). */
  headers?(headers: Record<string, string>, path: string): Record<string, string>;
  /** Rewrites a request body before it is forwarded. */
  request?(req: { method: string; path: string; body: Buffer }): Buffer;
  /** When true for an answer, the proxy sends the same request again (100 ms later) instead. */
  retry?(res: { method: string; path: string; status: number; body: Buffer }): boolean;
  /** Rewrites a complete (non-event-stream) answer. */
  response?(res: ProxiedResponse & { method: string; path: string }): ProxiedResponse;
  /** Rewrites one event-stream frame (its lines, without the blank line); `null` drops it. */
  sseFrame?(frame: string, path: string): string | null;
  /** Per-connection WebSocket hooks; `null` from a frame hook drops the frame. */
  socket?(path: string): SocketCorruption;
}

export interface SocketCorruption {
  toServer?(data: string): string | null;
  toClient?(data: string): string | null;
  /** Maps the close code the server sent to the one the client sees. */
  closeCode?(code: number): number;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Proxy {
  url: string;
  close(): Promise<void>;
}

const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "host", "content-length"];

/** Copies headers except the hop-by-hop ones (and `upgrade` on requests, which the proxy redoes). */
function forwardHeaders(headers: IncomingHttpHeaders, request = true): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || HOP_BY_HOP.includes(k) || (request && k === "upgrade")) continue;
    out[k] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts a proxy on 127.0.0.1 in front of `upstream` that applies `corruption`. */
export async function startCorruptingProxy(upstream: string, corruption: Corruption = {}): Promise<Proxy> {
  const target = new URL(upstream);
  /** The subprotocol upstream selected for each upgrade, answered to the client in turn. */
  const selected = new WeakMap<object, string>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024 * 1024,
    handleProtocols: (_offered, request) => selected.get(request) || false,
  });
  const open = new Set<{ destroy(): void }>();

  const send = (method: string, path: string, headers: Record<string, string>, body: Buffer) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method,
          path,
          headers: body.length || method !== "GET" ? { ...headers, "content-length": String(body.length) } : headers,
        },
        resolve,
      );
      // A server may answer (413) and close before it read the whole body; the answer counts.
      req.on("error", reject);
      req.end(body);
    });

  const server = createServer(async (req, res) => {
    open.add(res.socket!);
    res.socket!.once("close", () => open.delete(res.socket!));
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    try {
      const original = await readAll(req);
      const body = corruption.request ? corruption.request({ method, path, body: original }) : original;
      const headers = corruption.headers
        ? corruption.headers(forwardHeaders(req.headers), path)
        : forwardHeaders(req.headers);
      for (;;) {
        const up = await send(method, path, headers, body);
        const upHeaders = forwardHeaders(up.headers, false);
        if ((up.headers["content-type"] ?? "").startsWith("text/event-stream")) {
          res.writeHead(up.statusCode ?? 502, upHeaders);
          res.on("close", () => up.destroy());
          let buffer = "";
          up.setEncoding("utf8");
          for await (const chunk of up) {
            buffer += chunk as string;
            let end = buffer.indexOf("\n\n");
            while (end !== -1) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const out = corruption.sseFrame ? corruption.sseFrame(frame, path) : frame;
              if (out !== null) res.write(`${out}\n\n`);
              end = buffer.indexOf("\n\n");
            }
          }
          res.end(buffer);
          return;
        }
        const upBody = await readAll(up);
        const status = up.statusCode ?? 502;
        if (corruption.retry?.({ method, path, status, body: upBody })) {
          await new Promise((r) => setTimeout(r, 100));
          if (res.destroyed) return;
          continue;
        }
        const out = corruption.response
          ? corruption.response({ method, path, status, headers: upHeaders, body: upBody })
          : { status, headers: upHeaders, body: upBody };
        res.writeHead(out.status, { ...out.headers, "content-length": String(out.body.length) });
        res.end(out.body);
        return;
      }
    } catch {
      res.destroy();
    }
  });

  server.on("upgrade", (req, socket, head) => {
    open.add(socket);
    socket.once("close", () => open.delete(socket));
    const path = req.url ?? "/";
    const forwarded = forwardHeaders(req.headers);
    for (const k of Object.keys(forwarded)) if (k.startsWith("sec-websocket")) delete forwarded[k];
    const headers = corruption.headers ? corruption.headers(forwarded, path) : forwarded;
    const offered = (req.headers["sec-websocket-protocol"] ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "");
    const upstreamWs = new WebSocket(`ws://${target.host}${path}`, offered, {
      headers,
      maxPayload: 64 * 1024 * 1024,
    });
    upstreamWs.once("unexpected-response", async (_r, upRes) => {
      const body = await readAll(upRes);
      const lines = [`HTTP/1.1 ${upRes.statusCode} ${upRes.statusMessage}`];
      for (const [k, v] of Object.entries(forwardHeaders(upRes.headers, false))) lines.push(`${k}: ${v}`);
      lines.push(`content-length: ${body.length}`, "connection: close", "", "");
      socket.end(Buffer.concat([Buffer.from(lines.join("\r\n")), body]));
      upstreamWs.terminate();
    });
    upstreamWs.once("error", () => socket.destroy());
    upstreamWs.once("open", () => {
      if (upstreamWs.protocol) selected.set(req, upstreamWs.protocol);
      const hooks = corruption.socket?.(path) ?? {};
      wss.handleUpgrade(req, socket, head, (client) => {
        client.on("message", (data, isBinary) => {
          const buf = data as Buffer;
          if (isBinary) return upstreamWs.send(buf, { binary: true });
          const text = hooks.toServer ? hooks.toServer(buf.toString("utf8")) : buf.toString("utf8");
          if (text !== null) upstreamWs.send(text);
        });
        upstreamWs.on("message", (data, isBinary) => {
          const buf = data as Buffer;
          if (isBinary) return client.send(buf, { binary: true });
          const text = hooks.toClient ? hooks.toClient(buf.toString("utf8")) : buf.toString("utf8");
          if (text !== null) client.send(text);
        });
        upstreamWs.on("close", (code, reason) => {
          const mapped = hooks.closeCode ? hooks.closeCode(code) : code;
          if (mapped === 1005) client.close();
          else if (mapped === 1006) client.terminate();
          else client.close(mapped, reason);
        });
        client.on("close", (code, reason) => {
          if (upstreamWs.readyState !== WebSocket.OPEN) return;
          if (code === 1005 || code === 1006) upstreamWs.close();
          else upstreamWs.close(code, reason);
        });
        client.on("error", () => upstreamWs.terminate());
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const s of open) s.destroy();
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Parses a JSON text, or returns undefined. */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
