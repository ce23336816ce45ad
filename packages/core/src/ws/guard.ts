/**
 * What the app wraps around every accepted socket: the server-wide count of open sockets (a cap
 * keeps one client from holding them all), and a guard so that a throwing handler closes its
 * socket with 1011 instead of taking the process down.
 */
import type { Metrics } from "../observability/metrics.js";
import type { AppContext, ProtocolModule } from "../protocols/protocol-module.js";
import { CloseCode, type CoreSocket, type SocketHandlers } from "./types.js";

export class SocketCount {
  #open = 0;

  constructor(
    readonly max: number,
    private readonly metrics: Metrics | undefined,
  ) {}

  get full(): boolean {
    return this.#open >= this.max;
  }

  opened(protocol: string): void {
    this.#open++;
    this.metrics?.openSockets.inc({ protocol });
  }

  closed(protocol: string): void {
    this.#open--;
    this.metrics?.openSockets.dec({ protocol });
  }
}

export function guardAccept(
  accept: (socket: CoreSocket) => SocketHandlers,
  name: ProtocolModule["name"],
  count: SocketCount,
  ctx: AppContext,
) {
  return (socket: CoreSocket): SocketHandlers => guardedHandlers(accept, socket, name, count, ctx);
}

/**
 * Apart from `guardAccept` so that the handlers an open socket keeps do not close over `accept`:
 * that closure holds the upgrade request, which would then live as long as the socket.
 */
function guardedHandlers(
  accept: (socket: CoreSocket) => SocketHandlers,
  socket: CoreSocket,
  name: ProtocolModule["name"],
  count: SocketCount,
  ctx: AppContext,
): SocketHandlers {
  count.opened(name);
  let counted = true;
  const release = () => {
    if (!counted) return;
    counted = false;
    count.closed(name);
  };
  const fail = (error: unknown) => {
    ctx.reportError(error, { protocol: name });
    socket.close(CloseCode.internalError, "internal error");
  };
  let handlers: SocketHandlers;
  try {
    handlers = accept(socket);
  } catch (error) {
    fail(error);
    return {
      onMessage() {},
      onClose() {
        release();
      },
    };
  }
  return {
    onMessage(data, isBinary) {
      try {
        // Handlers may be async; a rejected promise would otherwise be an unhandled rejection.
        const pending: unknown = handlers.onMessage(data, isBinary);
        if (pending instanceof Promise) pending.catch(fail);
      } catch (error) {
        fail(error);
      }
    },
    onClose(code, reason) {
      release();
      try {
        handlers.onClose(code, reason);
      } catch (error) {
        ctx.reportError(error, { protocol: name });
      }
    },
  };
}
