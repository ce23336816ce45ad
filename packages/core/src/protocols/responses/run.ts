import type { ResponseStreamEvent } from "@switchboard/protocol/responses";
import { defaultLogger } from "../../observability/logger.js";
import { runAgent } from "../../runtime/agent/run.js";
import type { AgentFinishReason, ResolvedAgentConfig } from "../../runtime/agent/types.js";
import type { ModelMessage } from "../../runtime/model/types.js";
import type { EventBus } from "../../store/bus.js";
import type { ResponseStore } from "../../store/responses.js";
import type { StoredResponses } from "./background.js";
import type { PendingEvent } from "./builder.js";
import { type LiveRun, type ResponseSignal, responseTopic } from "./live.js";
import type { RunParameters } from "./parameters.js";
import { applyEvent, conclude, failure, isMilestone, runOptions, TERMINAL_EVENTS } from "./translate.js";

/**
 * The responses running in this process: each runs its agent, turns the agent's events into the
 * response's and records them (stored responses in the store, announced on the bus).
 */
export class ResponseRuns {
  readonly #store: ResponseStore;
  readonly #bus: EventBus;
  readonly #stored: StoredResponses;
  /** Every run in this process, so `close()` can abort and await them. */
  readonly #running = new Set<LiveRun>();

  constructor(store: ResponseStore, bus: EventBus, stored: StoredResponses) {
    this.#store = store;
    this.#bus = bus;
    this.#stored = stored;
  }

  /** Aborts every run and waits for them to record their outcome, at most `waitMs`. */
  async close(waitMs: number): Promise<void> {
    const runs = [...this.#running];
    for (const run of runs) run.controller.abort(new DOMException("the server is shutting down", "AbortError"));
    // A stream whose reader stalls finishes only once its connection closes; never wait on it forever.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(runs.map((run) => run.finished)),
      new Promise((resolve) => {
        timer = setTimeout(resolve, waitMs);
      }),
    ]);
    clearTimeout(timer);
  }

  /**
   * Runs a response that is neither streamed nor in the background to its end: `execute`'s outcome
   * without its stream, since no client sees the events. Skipping the generator that numbers and
   * hands out every event is most of the protocol's own cost for a short response. A stored one is
   * written once, finished, with its input items and no event log: nobody knows its id before it
   * ends, so nobody can read, follow, cancel or delete it meanwhile, and a replay synthesizes its
   * events from the stored response (`logOf`).
   */
  async complete(
    run: LiveRun,
    config: ResolvedAgentConfig,
    parameters: RunParameters,
    messages: ModelMessage[],
    signal: AbortSignal,
  ): Promise<void> {
    const { builder } = run;
    this.#running.add(run);
    try {
      builder.started();
      let finish: AgentFinishReason = "stop";
      const clientCalls = new Set<string>();
      try {
        for await (const event of runAgent({ config, ...runOptions(parameters, config), messages, signal })) {
          if (event.type === "done") {
            finish = event.finishReason;
            builder.setUsage(event.usage.inputTokens, event.usage.outputTokens);
          } else applyEvent(builder, event, clientCalls);
        }
        signal.throwIfAborted();
        await conclude(run, finish);
      } catch (error) {
        failure(builder, signal, error);
      }
      if (run.stored) await this.#storeFinished(run);
    } finally {
      this.forget(run);
    }
  }

  /**
   * Registers a run and stores its response and input items. Called when the run starts, not when
   * the request arrives: a stream nobody reads never starts, and leaves nothing half-done behind.
   */
  begin(run: LiveRun): Promise<void> {
    run.begun ??= (async () => {
      this.#running.add(run);
      if (!run.stored) return;
      const { id } = run.builder.response;
      this.#stored.live.set(id, run);
      try {
        await this.#store.putResponse(run.builder.response);
        await this.#store.putInputItems(id, run.inputItems);
        // Another process sharing the store may be asked to cancel or delete this response.
        run.unsubscribe = await this.#bus.subscribe(responseTopic(id), (message) => {
          const kind = (message as ResponseSignal | null)?.kind;
          if (kind === "delete") {
            run.deleted = true;
            run.controller.abort(new DOMException("the response was deleted", "AbortError"));
          } else if (kind === "cancel" && run.builder.response.background) {
            run.controller.abort(new DOMException("the response was cancelled", "AbortError"));
          }
        });
      } catch (error) {
        this.forget(run);
        throw error;
      }
    })();
    return run.begun;
  }

  forget(run: LiveRun): void {
    run.unsubscribe?.();
    const { id } = run.builder.response;
    if (this.#stored.live.get(id) === run) this.#stored.live.delete(id);
    this.#running.delete(run);
    run.finish();
  }

  /**
   * Runs the agent and yields the response's events in wire order, recording each one (and the
   * response object at each milestone) in the store first, so a replay never runs ahead of what a
   * client could have seen.
   * Ends with the terminal events whatever happens; when the consumer
   * stops early, the work is aborted and the response recorded as cancelled.
   */
  async *execute(
    run: LiveRun,
    config: ResolvedAgentConfig,
    parameters: RunParameters,
    messages: ModelMessage[],
    signal: AbortSignal,
  ): AsyncGenerator<ResponseStreamEvent> {
    const { builder } = run;
    const { id } = builder.response;
    const store = this.#store;
    let sequence = 0;
    let terminated = false;
    const persist = async (events: ResponseStreamEvent[]): Promise<ResponseStreamEvent[]> => {
      await store.appendEvents(id, events, events.some(isMilestone) ? builder.response : undefined);
      await this.#bus.publish(responseTopic(id), { kind: "events" } satisfies ResponseSignal);
      return events;
    };
    /**
     * Numbers the events; a stored run writes them to the store before they are yielded. An
     * unstored run's events come back synchronously: this runs once per streamed delta, where an
     * await or a copy per event is a measurable share of the stream's cost. The builder hands out
     * fresh objects, so numbering them in place is safe.
     */
    const record = (pending: PendingEvent[]): ResponseStreamEvent[] | Promise<ResponseStreamEvent[]> => {
      const events = pending as ResponseStreamEvent[];
      for (const event of events) {
        event.sequence_number = sequence++;
        if (TERMINAL_EVENTS.has(event.type)) terminated = true;
      }
      return !run.stored || run.deleted ? events : persist(events);
    };

    try {
      await this.begin(run);
      yield* await record(builder.created());
      yield* await record(builder.started());
      let finish: AgentFinishReason = "stop";
      const clientCalls = new Set<string>();
      try {
        for await (const event of runAgent({ config, ...runOptions(parameters, config), messages, signal })) {
          if (event.type === "done") {
            finish = event.finishReason;
            builder.setUsage(event.usage.inputTokens, event.usage.outputTokens);
          } else {
            const recorded = record(applyEvent(builder, event, clientCalls));
            for (const recordedEvent of Array.isArray(recorded) ? recorded : await recorded) yield recordedEvent;
          }
        }
        signal.throwIfAborted();
        const ended = await conclude(run, finish);
        yield* await record(ended);
      } catch (error) {
        if (terminated) throw error;
        yield* await record(failure(builder, signal, error));
      }
    } finally {
      if (!terminated) {
        // The consumer went away between events (a client that closed its stream).
        run.controller.abort(new DOMException("the client closed the connection", "AbortError"));
        await Promise.resolve(record(builder.cancelled())).catch((error) =>
          defaultLogger().error({ err: error }, "responses: recording the cancellation failed"),
        );
      }
      this.forget(run);
    }
  }

  /** Stores a finished response with its input items, in one step where the store can. */
  async #storeFinished(run: LiveRun): Promise<void> {
    const { response } = run.builder;
    if (this.#store.putFinished) return this.#store.putFinished(response, run.inputItems);
    await this.#store.putResponse(response);
    await this.#store.putInputItems(response.id, run.inputItems);
  }

  async drain(events: AsyncIterable<ResponseStreamEvent>): Promise<void> {
    try {
      for await (const _ of events);
    } catch (error) {
      defaultLogger().error({ err: error }, "responses: run failed");
    }
  }
}
