import type { ResponseObject, ResponseStreamEvent } from "@switchboard/protocol/responses";
import type { EventBus } from "../../store/bus.js";
import type { ResponseStore } from "../../store/responses.js";
import { Wakeup } from "../../store/wakeup.js";
import { followLog, type LogRead } from "../../streaming/follow-log.js";
import { type PendingEvent, ResponseBuilder } from "./builder.js";
import { notFound, ResponsesApiError } from "./errors.js";
import { type LiveRun, type ResponseSignal, responseTopic } from "./live.js";
import { logOf } from "./replay.js";
import { FINAL_STATUSES, TERMINAL_EVENTS } from "./translate.js";

/** How often a follower re-reads the store when the bus stays silent. */
const FOLLOW_POLL_MS = 1000;
/** How long cancel waits for another process to record the cancellation it asked for. */
const REMOTE_CANCEL_WAIT_MS = 2000;
/** The failure recorded on a response whose process stopped before it finished. */
const ABANDONED = {
  code: "server_error",
  message: "The server process running this response stopped before the response finished.",
};

/**
 * Stored responses as every process sharing the store sees them: following a response's event log
 * (wherever it runs), its freshest state, and cancelling it (here, in another process, or on
 * behalf of a process that died).
 */
export class StoredResponses {
  readonly #store: ResponseStore;
  readonly #bus: EventBus;
  /** Stored responses running in this process, by id. */
  readonly live = new Map<string, LiveRun>();

  constructor(store: ResponseStore, bus: EventBus) {
    this.#store = store;
    this.#bus = bus;
  }

  /**
   * The stored events after `after`, then the new ones as they are recorded, until the terminal
   * event. Reads from the store each time, so a slow reader holds no buffer: it only lags behind
   * the log. The bus says when there is more (the run may be in another process); a periodic
   * re-read covers a process that stopped without saying so.
   */
  async *follow(id: string, after: number, signal: AbortSignal): AsyncGenerator<ResponseStreamEvent> {
    let last = after;
    let settled = false;
    const read = async (): Promise<LogRead<ResponseStreamEvent>> => {
      const events = await this.#store.readEvents(id, last);
      const end = events.findIndex((event) => TERMINAL_EVENTS.has(event.type));
      if (end !== -1) return { items: events.slice(0, end + 1), done: true };
      if (events.length > 0) {
        last = events.at(-1)!.sequence_number;
        return { items: events };
      }
      // A run here removes itself only after recording its terminal events; elsewhere, the stored
      // status turns final only after them too. One more read then catches whatever is left.
      if (signal.aborted || this.live.has(id)) return { items: [] };
      if (settled) return { items: [], done: true };
      // Concludes a response whose process died, so this stream ends instead of waiting forever.
      const response = await this.fresh(id);
      if (!response) return { items: [], done: true };
      if (!FINAL_STATUSES.has(response.status)) return { items: [] };
      // Stored whole once it had finished, with no log (`ResponseRuns.complete`): its events are synthesized.
      if (last === after && (await this.#store.readEvents(id, -1)).length === 0) {
        return { items: logOf(response).filter((event) => event.sequence_number > after), done: true };
      }
      settled = true;
      return { items: [], again: true };
    };
    const wakeOn = { bus: this.#bus, topic: responseTopic(id) };
    for await (const events of followLog({ wakeOn, signal, pollMs: FOLLOW_POLL_MS, read })) yield* events;
  }

  /**
   * The freshest state of a stored response: the live one when it runs here, else the store's. A
   * response left unfinished by a process that died is recorded as failed first, so no reader
   * waits on it, and a conversation can continue from it.
   */
  async fresh(id: string): Promise<ResponseObject | undefined> {
    const run = this.live.get(id);
    if (run) return structuredClone(run.builder.response);
    const response = await this.#store.getResponse(id);
    if (!response || FINAL_STATUSES.has(response.status) || !(await this.#store.takeOver(id))) return response;
    return this.#conclude(response, (builder) => builder.failed(ABANDONED));
  }

  /**
   * Records the terminal events and final state of a response no process is running any more
   * (this one holds it through `takeOver`): a cancel or a failure, after the events already logged.
   */
  async #conclude(
    response: ResponseObject,
    end: (builder: ResponseBuilder) => PendingEvent[],
  ): Promise<ResponseObject> {
    const logged = await this.#store.readEvents(response.id, -1);
    const builder = ResponseBuilder.fromLog(response, logged);
    let sequence = (logged.at(-1)?.sequence_number ?? -1) + 1;
    const events = end(builder).map((event) => ({ ...event, sequence_number: sequence++ }) as ResponseStreamEvent);
    await this.#store.appendEvents(response.id, events, builder.response);
    await this.#bus.publish(responseTopic(response.id), { kind: "events" } satisfies ResponseSignal);
    return builder.response;
  }

  /**
   * Cancels a background response: here by aborting its run, elsewhere by asking its process over
   * the bus. Resolves to the response as it then stands.
   */
  async cancel(id: string): Promise<ResponseObject> {
    const response = await this.fresh(id);
    if (!response) throw notFound("response", id);
    if (!response.background) {
      throw new ResponsesApiError(
        400,
        "invalid_value",
        "Only responses created with background: true can be cancelled.",
      );
    }
    if (FINAL_STATUSES.has(response.status)) return response;
    const run = this.live.get(id);
    if (run) {
      run.controller.abort(new DOMException("the response was cancelled", "AbortError"));
      await run.finished;
      return run.builder.response;
    }
    // Running in another process sharing the store: ask it, and wait for the outcome it records.
    await this.#bus.publish(responseTopic(id), { kind: "cancel" } satisfies ResponseSignal);
    const settled = await this.#settled(id, REMOTE_CANCEL_WAIT_MS);
    if (settled) return settled;
    // Still unfinished: if its process died meanwhile, the cancellation is this process's to record;
    // if it is alive but slow to stop, it records the outcome itself, and the client sees it so far.
    const current = await this.#store.getResponse(id);
    if (!current) throw notFound("response", id);
    if (!FINAL_STATUSES.has(current.status) && (await this.#store.takeOver(id))) {
      return this.#conclude(current, (builder) => builder.cancelled());
    }
    return current;
  }

  /** The stored response once its status is final, or `undefined` after `timeoutMs`. */
  async #settled(id: string, timeoutMs: number): Promise<ResponseObject | undefined> {
    const wakeup = new Wakeup();
    const unsubscribe = await this.#bus.subscribe(responseTopic(id), () => wakeup.notify());
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      while (!deadline.aborted) {
        const response = await this.#store.getResponse(id);
        if (!response || FINAL_STATUSES.has(response.status)) return response;
        await wakeup.wait(deadline, FOLLOW_POLL_MS);
      }
      return undefined;
    } finally {
      unsubscribe();
    }
  }
}
