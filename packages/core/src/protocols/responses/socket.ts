import type { ResponseCreateFrame } from "@switchboard/protocol/responses";
import { validate } from "@switchboard/protocol/responses";
import { CloseCode, type CoreSocket, type SocketHandlers } from "../../ws/types.js";
import { ResponsesApiError, validationError } from "./errors.js";
import type { HistoryItem } from "./input.js";
import type { PreparedTurn, TurnHost } from "./turn.js";

/** Lanes with work queued or running, per socket; a frame for one more → 429. */
export const MAX_LANES = 8;
/** `response.create` frames queued or running, per socket; one more → 429. */
export const MAX_PENDING = 32;
/** Recent responses whose history the socket keeps for `previous_response_id`. */
export const MEMORY_SIZE = 16;

const utf8 = new TextDecoder("utf-8", { fatal: true });
const DEFAULT_LANE = "";
const TRANSPORT_FIELDS = ["stream", "background"] as const;
const KEPT = new Set(["completed", "incomplete"]);

interface Lane {
  queue: ResponseCreateFrame[];
}

/**
 * One WebSocket in WebSocket mode. `response.create` frames are queued per lane (`stream_id`)
 * and run one after another within it; lanes run concurrently. The socket keeps the history of
 * its recent responses, so a chain continues without the store, also with `store: false`.
 */
export class ResponsesSocket implements SocketHandlers {
  readonly #host: TurnHost;
  readonly #socket: CoreSocket;
  readonly #onClosed: () => void;
  readonly #lanes = new Map<string, Lane>();
  /** Response id → its whole history (chain, input, output); oldest first, for eviction. */
  readonly #memory = new Map<string, HistoryItem[]>();
  readonly #running = new Set<AbortController>();
  #pending = 0;
  #closed = false;

  constructor(host: TurnHost, socket: CoreSocket, onClosed: () => void) {
    this.#host = host;
    this.#socket = socket;
    this.#onClosed = onClosed;
  }

  /** Server shutdown: close with 1001 and stop this socket's responses. */
  shutdown(): void {
    this.#socket.close(CloseCode.goingAway, "server shutting down");
    this.onClose();
  }

  onClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const controller of this.#running) controller.abort(new DOMException("the WebSocket closed", "AbortError"));
    this.#lanes.clear();
    this.#memory.clear();
    this.#onClosed();
  }

  onMessage(data: string | Uint8Array, isBinary: boolean): void {
    if (this.#closed) return;
    if (isBinary) {
      this.#socket.close(CloseCode.unsupportedData, "binary frames are not supported; send JSON text frames");
      this.onClose();
      return;
    }
    let frame: unknown;
    try {
      frame = JSON.parse(typeof data === "string" ? data : utf8.decode(data));
    } catch (error) {
      const why = error instanceof SyntaxError ? error.message : "it is not valid UTF-8";
      void this.#refuse(undefined, new ResponsesApiError(400, "invalid_json", `The frame is not valid JSON: ${why}`));
      return;
    }
    const lane = laneOf(frame);
    try {
      this.#enqueue(lane, this.#check(frame));
    } catch (error) {
      if (!(error instanceof ResponsesApiError)) throw error;
      void this.#refuse(lane, error);
    }
  }

  #check(frame: unknown): ResponseCreateFrame {
    if (typeof frame !== "object" || frame === null || Array.isArray(frame)) {
      throw new ResponsesApiError(400, "invalid_value", "A frame must be a JSON object with a type.");
    }
    const type = (frame as { type?: unknown }).type;
    if (type === "response.steer") {
      throw new ResponsesApiError(
        400,
        "steering_not_supported",
        "response.steer is not supported: agents take no input while a response runs; send a response.create continuing from it.",
        "type",
      );
    }
    if (type !== "response.create") {
      throw new ResponsesApiError(
        400,
        "unsupported_value",
        typeof type === "string"
          ? `Frames of type '${type}' are not supported: send response.create.`
          : "A frame needs a type: send response.create.",
        "type",
      );
    }
    for (const field of TRANSPORT_FIELDS) {
      if (field in frame && (frame as Record<string, unknown>)[field] !== null) {
        throw new ResponsesApiError(
          400,
          "unknown_parameter",
          field === "stream"
            ? "stream is not part of a response.create frame: every response streams over the socket."
            : "background is not supported over a WebSocket: use POST /v1/responses for background responses.",
          field,
        );
      }
    }
    if ((frame as { generate?: unknown }).generate === false) {
      throw new ResponsesApiError(
        400,
        "unsupported_value",
        "generate: false (a warm-up without output) is not supported: send the first turn instead.",
        "generate",
      );
    }
    const body: Record<string, unknown> = { ...frame };
    for (const field of TRANSPORT_FIELDS) delete body[field];
    const checked = validate.ResponseCreateFrame(body);
    if (!checked.ok) throw validationError(checked.issue);
    return checked.value;
  }

  #enqueue(key: string | undefined, frame: ResponseCreateFrame): void {
    const id = key ?? DEFAULT_LANE;
    let lane = this.#lanes.get(id);
    if (this.#pending >= MAX_PENDING || (!lane && this.#lanes.size >= MAX_LANES)) {
      throw new ResponsesApiError(
        429,
        "too_many_requests",
        lane
          ? `This socket already has ${MAX_PENDING} responses queued or running; wait for some to finish.`
          : `This socket already has ${MAX_LANES} lanes with responses queued or running; wait for one to finish.`,
      );
    }
    this.#pending++;
    if (lane) {
      lane.queue.push(frame);
      return;
    }
    lane = { queue: [frame] };
    this.#lanes.set(id, lane);
    void this.#drain(id, lane);
  }

  /** Runs a lane's frames one after another until its queue is empty. */
  async #drain(id: string, lane: Lane): Promise<void> {
    try {
      for (let frame = lane.queue.shift(); frame && !this.#closed; frame = lane.queue.shift()) {
        try {
          await this.#turn(frame);
        } catch (error) {
          // A store that fails mid-run: this turn is lost, the lane and the socket go on.
          console.error("[switchboard] responses: WebSocket turn failed", error);
          await this.#refuse(frame.stream_id, new ResponsesApiError(500, "server_error", "internal server error"));
        } finally {
          this.#pending--;
        }
      }
    } finally {
      if (this.#lanes.get(id) === lane) this.#lanes.delete(id);
    }
  }

  async #turn(frame: ResponseCreateFrame): Promise<void> {
    const { type: _type, stream_id: lane, generate: _generate, ...request } = frame;
    const previous = request.previous_response_id ?? undefined;
    let turn: PreparedTurn;
    try {
      turn = await this.#host.prepare(request, previous === undefined ? undefined : this.#memory.get(previous));
    } catch (error) {
      if (!(error instanceof ResponsesApiError)) throw error;
      // A failed turn must not leave its parent's state for a retry to build on.
      if (previous !== undefined) this.#memory.delete(previous);
      await this.#refuse(lane, socketError(error));
      return;
    }
    const { controller } = turn;
    this.#running.add(controller);
    if (this.#closed) controller.abort(new DOMException("the WebSocket closed", "AbortError"));
    try {
      for await (const event of turn.events()) {
        await this.#socket.send(JSON.stringify(lane === undefined ? event : { ...event, stream_id: lane }));
      }
    } finally {
      this.#running.delete(controller);
    }
    const { response } = turn;
    if (KEPT.has(response.status))
      this.#remember(response.id, [...turn.earlier, ...turn.inputItems, ...response.output]);
    else if (previous !== undefined) this.#memory.delete(previous);
  }

  #remember(id: string, history: HistoryItem[]): void {
    if (this.#closed) return;
    this.#memory.set(id, history);
    if (this.#memory.size > MEMORY_SIZE) this.#memory.delete(this.#memory.keys().next().value!);
  }

  #refuse(lane: string | undefined, error: ResponsesApiError): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const frame = {
      type: "error",
      status: error.status,
      error: error.detail(),
      ...(lane === undefined ? {} : { stream_id: lane }),
    };
    return this.#socket.send(JSON.stringify(frame));
  }
}

/** The `stream_id` of a frame, when it has a usable one (echoed even on a refusal). */
function laneOf(frame: unknown): string | undefined {
  const lane = (frame as { stream_id?: unknown } | null)?.stream_id;
  return typeof lane === "string" && lane.length > 0 && lane.length <= 256 ? lane : undefined;
}

/** OpenAI's WebSocket mode names an unknown `previous_response_id` with its own code. */
function socketError(error: ResponsesApiError): ResponsesApiError {
  if (error.status === 404 && error.param === "previous_response_id") {
    return new ResponsesApiError(404, "previous_response_not_found", error.message, error.param);
  }
  return error;
}
