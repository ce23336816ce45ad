import WebSocket from "ws";

export interface ReceivedFrame {
  text: string;
  json: unknown;
  isJson: boolean;
  binary: boolean;
}

/** The HTTP answer of a refused upgrade. */
export interface WsRefusal {
  refused: true;
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
  isJson: boolean;
}

export interface CloseInfo {
  code: number;
  reason: string;
}

export interface WsConnectOptions {
  headers?: Record<string, string>;
  /** Subprotocols offered in `Sec-WebSocket-Protocol`; the server must select one of them. */
  protocols?: string[];
  /** Called for every frame received, before a test sees it (schema validation). */
  onFrame?: (frame: ReceivedFrame) => void;
  /** Frames a test never wants to see (keep-alives); still passed to `onFrame`. */
  ignore?: (frame: ReceivedFrame) => boolean;
  timeoutMs?: number;
}

/** A WebSocket client that queues what it receives so a test can read frames in order. */
export class WsClient {
  private readonly queue: ReceivedFrame[] = [];
  private readonly waiters: Array<() => void> = [];
  /** Every frame received, in order, including ignored ones. */
  readonly received: ReceivedFrame[] = [];
  /** Every frame sent with `send`, in order: what a test asked of the server. */
  readonly sent: Array<string | Record<string, unknown>> = [];
  closeInfo: CloseInfo | undefined;
  private socketError: Error | undefined;

  private constructor(
    private readonly socket: WebSocket,
    options: WsConnectOptions,
  ) {
    socket.on("message", (data, isBinary) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      const text = buf.toString("utf8");
      let json: unknown;
      let isJson = false;
      if (!isBinary) {
        try {
          json = JSON.parse(text);
          isJson = true;
        } catch {}
      }
      const frame: ReceivedFrame = { text, json, isJson, binary: isBinary };
      this.received.push(frame);
      options.onFrame?.(frame);
      if (!options.ignore?.(frame)) this.queue.push(frame);
      this.wake();
    });
    socket.on("close", (code, reason) => {
      this.closeInfo = { code, reason: reason.toString() };
      this.wake();
    });
    socket.on("error", (error) => {
      this.socketError = error;
      this.wake();
    });
  }

  static connect(url: string, options: WsConnectOptions = {}): Promise<WsClient | WsRefusal> {
    const wsUrl = url.replace(/^http/, "ws");
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(wsUrl, options.protocols ?? [], {
        headers: options.headers,
        handshakeTimeout: options.timeoutMs ?? 5_000,
      });
      socket.once("unexpected-response", (_req, res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          let isJson = false;
          try {
            json = JSON.parse(text);
            isJson = true;
          } catch {}
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
          }
          resolve({ refused: true, status: res.statusCode ?? 0, headers, text, json, isJson });
          socket.terminate();
        });
        res.on("error", reject);
      });
      const client = new WsClient(socket, options);
      socket.once("open", () => resolve(client));
      socket.once("error", (error) => reject(new Error(`WebSocket ${wsUrl}: ${error.message}`)));
    });
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  private async wait(deadline: number, what: string) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, left);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The next frame; throws when the socket closes first or nothing comes in time. */
  async next(timeoutMs = 5_000, what = "a frame"): Promise<ReceivedFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.queue.shift();
      if (frame) return frame;
      if (this.closeInfo) {
        throw new Error(`socket closed (${this.closeInfo.code} ${this.closeInfo.reason}) while waiting for ${what}`);
      }
      if (this.socketError) throw new Error(`socket failed while waiting for ${what}: ${this.socketError.message}`);
      await this.wait(deadline, what);
    }
  }

  /** The next frame as a JSON object; throws if it is not one. */
  async nextJson(timeoutMs = 5_000, what = "a frame"): Promise<Record<string, unknown>> {
    const frame = await this.next(timeoutMs, what);
    if (!frame.isJson || typeof frame.json !== "object" || frame.json === null || Array.isArray(frame.json)) {
      throw new Error(`expected a JSON object frame (${what}), got ${JSON.stringify(frame.text.slice(0, 200))}`);
    }
    return frame.json as Record<string, unknown>;
  }

  /** Reads frames until one matches; returns it and the frames skipped before it. */
  async until(
    match: (json: Record<string, unknown>) => boolean,
    timeoutMs = 5_000,
    what = "a matching frame",
  ): Promise<{ frame: Record<string, unknown>; skipped: Record<string, unknown>[] }> {
    const deadline = Date.now() + timeoutMs;
    const skipped: Record<string, unknown>[] = [];
    for (;;) {
      const json = await this.nextJson(Math.max(1, deadline - Date.now()), what);
      if (match(json)) return { frame: json, skipped };
      skipped.push(json);
    }
  }

  /** Waits for the socket to close; collects the frames that arrive before. */
  async closed(timeoutMs = 5_000, what = "the socket to close"): Promise<CloseInfo & { frames: ReceivedFrame[] }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closeInfo) {
      if (this.socketError && this.socket.readyState === WebSocket.CLOSED) break;
      await this.wait(deadline, what);
    }
    const frames = this.queue.splice(0);
    return { ...(this.closeInfo ?? { code: 1006, reason: "" }), frames };
  }

  /** The subprotocol the server selected (`""` when none). */
  get protocol(): string {
    return this.socket.protocol;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(data: string | Record<string, unknown>): void {
    this.sent.push(data);
    this.socket.send(typeof data === "string" ? data : JSON.stringify(data));
  }

  sendBinary(data: Uint8Array): void {
    this.socket.send(data, { binary: true });
  }

  close(code = 1000): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(code);
    }
  }

  /** Drops the TCP connection without a closing handshake. */
  terminate(): void {
    this.socket.terminate();
  }
}

export function isRefusal(x: WsClient | WsRefusal): x is WsRefusal {
  return (x as WsRefusal).refused === true;
}
