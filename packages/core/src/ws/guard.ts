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
  return (socket: CoreSocket): SocketHandlers => {
    count.opened(name);
    const guarded = new GuardedHandlers(socket, name, count, ctx);
    try {
      guarded.handlers = accept(socket);
    } catch (error) {
      guarded.fail(error);
    }
    return guarded;
  };
}

/**
 * The handlers an open socket keeps: one object whose methods live on its prototype, since a
 * server may hold tens of thousands of idle sockets (closures per socket cost a few hundred bytes
 * each). It holds neither `accept` nor the upgrade request, which would then live as long as the
 * socket.
 */
class GuardedHandlers implements SocketHandlers {
  /** The protocol's handlers; none when accepting the socket threw. */
  handlers: SocketHandlers | undefined;
  #counted = true;

  constructor(
    private readonly socket: CoreSocket,
    private readonly name: ProtocolModule["name"],
    private readonly count: SocketCount,
    private readonly ctx: AppContext,
  ) {}

  fail(error: unknown): void {
    this.ctx.reportError(error, { protocol: this.name });
    this.socket.close(CloseCode.internalError, "internal error");
  }

  onMessage(data: string | Uint8Array, isBinary: boolean): void {
    if (!this.handlers) return;
    try {
      // Handlers may be async; a rejected promise would otherwise be an unhandled rejection.
      const pending: unknown = this.handlers.onMessage(data, isBinary);
      if (pending instanceof Promise) pending.catch((error: unknown) => this.fail(error));
    } catch (error) {
      this.fail(error);
    }
  }

  onClose(code: number, reason: string): void {
    if (this.#counted) {
      this.#counted = false;
      this.count.closed(this.name);
    }
    try {
      this.handlers?.onClose(code, reason);
    } catch (error) {
      this.ctx.reportError(error, { protocol: this.name });
    }
  }
}
