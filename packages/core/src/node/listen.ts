import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { WebSocketBridge } from "./websocket.js";

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
