import { validate, type WorkflowServerFrame } from "@switchboard/protocol/workflows";
import type { CoreRequest, CoreResponse } from "../src/http/types.js";
import type { ProtocolModule } from "../src/protocols/protocol-module.js";
import type { CoreSocket, SocketHandlers } from "../src/ws/types.js";

export function request(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string> } = {},
): CoreRequest {
  const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  if (options.body !== undefined && headers["content-type"] === undefined) headers["content-type"] = "application/json";
  const bytes = new TextEncoder().encode(options.body ?? "");
  return {
    method,
    path,
    query: new URLSearchParams(),
    header: (name) => headers[name.toLowerCase()],
    body: async () => bytes,
    signal: new AbortController().signal,
  };
}

export function bodyOf(response: CoreResponse): unknown {
  if (typeof response.body !== "string") throw new Error("expected a string body");
  return JSON.parse(response.body);
}

/**
 * The client end of a socket the module accepted: frames the server sent are parsed and checked
 * against the generated schema as they arrive, so every test also checks the wire shape.
 */
export class FakeClient {
  readonly frames: WorkflowServerFrame[] = [];
  closed: { code: number; reason: string } | undefined;
  readonly #handlers: SocketHandlers;
  #read = 0;
  #wake: (() => void) | undefined;

  private constructor(handlers: (socket: CoreSocket) => SocketHandlers) {
    const socket: CoreSocket = {
      send: async (text) => {
        if (this.closed) throw new Error("socket closed");
        const frame: unknown = JSON.parse(text);
        const checked = validate.WorkflowServerFrame(frame);
        if (!checked.ok)
          throw new Error(`server sent an invalid frame: ${checked.issue.param} ${checked.issue.message}`);
        this.frames.push(checked.value);
        this.#wake?.();
      },
      close: (code, reason) => {
        if (this.closed) return;
        this.closed = { code, reason: reason ?? "" };
        this.#wake?.();
        queueMicrotask(() => this.#handlers.onClose(code, reason ?? ""));
      },
    };
    this.#handlers = handlers(socket);
  }

  static async connect(module: ProtocolModule, path = "/workflows/ws", req?: CoreRequest): Promise<FakeClient> {
    const decision = await module.upgrade!(req ?? request("GET", path, { headers: { upgrade: "websocket" } }));
    if (!("accept" in decision)) throw new Error(`upgrade refused with ${decision.reject.status}`);
    return new FakeClient(decision.accept);
  }

  send(frame: string | object): void {
    this.#handlers.onMessage(typeof frame === "string" ? frame : JSON.stringify(frame), false);
  }

  sendBinary(bytes: Uint8Array): void {
    this.#handlers.onMessage(bytes, true);
  }

  /** The client goes away without a close handshake. */
  drop(): void {
    this.closed = { code: 1006, reason: "" };
    this.#handlers.onClose(1006, "");
  }

  /** The next frame other than `keep_alive`. */
  async next(timeoutMs = 2_000): Promise<WorkflowServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.#read < this.frames.length) {
        const frame = this.frames[this.#read++]!;
        if (frame.type !== "keep_alive") return frame;
      }
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) while waiting for a frame`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for a frame");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async nextOf<T extends WorkflowServerFrame["type"]>(type: T): Promise<Extract<WorkflowServerFrame, { type: T }>> {
    const frame = await this.next();
    if (frame.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(frame)}`);
    return frame as Extract<WorkflowServerFrame, { type: T }>;
  }

  async waitClosed(timeoutMs = 2_000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error("timed out waiting for close");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.closed;
  }

  /** Frames received and not yet read by `next`, other than keep_alive. */
  unread(): WorkflowServerFrame[] {
    return this.frames.slice(this.#read).filter((f) => f.type !== "keep_alive");
  }
}
