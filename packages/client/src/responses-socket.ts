import type { ResponseCreateFrame, ResponsesServerFrame } from "@switchboard/protocol/responses";
import type WebSocket from "ws";
import { openWebSocket } from "./socket.js";

/** A `response.create` frame without its `type`. */
export type ResponseCreateBody = Omit<ResponseCreateFrame, "type">;

const TERMINAL = new Set(["response.completed", "response.failed", "response.incomplete"]);
const DEFAULT_LANE = "";

/** An event that ends a turn: a terminal response event, or the refusal of a frame (no `sequence_number`). */
const endsTurn = (frame: ResponsesServerFrame) =>
  TERMINAL.has(frame.type) || (frame.type === "error" && !("sequence_number" in frame));

/** One turn's events, queued until its consumer reads them. */
class Turn {
  readonly #frames: ResponsesServerFrame[] = [];
  #wake: (() => void) | undefined;
  #ended = false;
  #closed: Error | undefined;

  push(frame: ResponsesServerFrame): void {
    this.#frames.push(frame);
    if (endsTurn(frame)) this.#ended = true;
    this.#wake?.();
  }

  fail(error: Error): void {
    this.#closed = error;
    this.#wake?.();
  }

  async *events(): AsyncGenerator<ResponsesServerFrame> {
    for (;;) {
      const frame = this.#frames.shift();
      if (frame) {
        yield frame;
        if (endsTurn(frame)) return;
        continue;
      }
      if (this.#ended) return;
      if (this.#closed) throw this.#closed;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
  }
}

/**
 * An open Responses WebSocket (WebSocket mode). `create` sends a `response.create` frame and
 * yields that response's events; responses of one lane (`stream_id`) answer in the order they
 * were created, so each event goes to the oldest unfinished turn of its lane.
 */
export class ResponsesConnection {
  readonly #ws: WebSocket;
  readonly #lanes = new Map<string, Turn[]>();
  /** Set once the socket closed: later turns fail at once instead of waiting forever. */
  #closedError: Error | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => {
        const error = new Error(`the WebSocket closed (${code}${reason.length ? ` ${reason}` : ""})`);
        this.#closedError = error;
        for (const turns of this.#lanes.values()) for (const turn of turns) turn.fail(error);
        this.#lanes.clear();
        resolve({ code, reason: reason.toString() });
      });
    });
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      const frame = JSON.parse(String(data)) as ResponsesServerFrame;
      const lane = frame.stream_id ?? DEFAULT_LANE;
      const turns = this.#lanes.get(lane);
      const turn = turns?.[0];
      if (!turn) return;
      turn.push(frame);
      if (endsTurn(frame)) {
        turns.shift();
        if (turns.length === 0) this.#lanes.delete(lane);
      }
    });
  }

  /** @internal Use `ResponsesClient.connect`. */
  static async open(url: string, headers: Record<string, string>, signal?: AbortSignal): Promise<ResponsesConnection> {
    const { ws } = await openWebSocket(url, headers, signal);
    return new ResponsesConnection(ws);
  }

  /**
   * Creates a response on the socket and yields its events, ending with its terminal event or with
   * the `error` event that refused it. Start several before reading to run them side by side (in
   * different lanes) or queued (in one lane).
   */
  create(body: ResponseCreateBody): AsyncGenerator<ResponsesServerFrame> {
    const lane = body.stream_id ?? DEFAULT_LANE;
    const turn = new Turn();
    if (this.#closedError) {
      turn.fail(this.#closedError);
      return turn.events();
    }
    const turns = this.#lanes.get(lane) ?? [];
    turns.push(turn);
    this.#lanes.set(lane, turns);
    this.#ws.send(JSON.stringify({ type: "response.create", ...body }));
    return turn.events();
  }

  close(code = 1000): Promise<{ code: number; reason: string }> {
    this.#ws.close(code);
    return this.closed;
  }
}
