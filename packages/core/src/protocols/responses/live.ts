import type { ItemResource, ResponseObject } from "@switchboard/protocol/responses";
import type { ResponseBuilder } from "./builder.js";
import type { OutputFormat } from "./structured.js";

/**
 * A response running in this process: what cancel and delete abort, and the builder whose
 * response object is fresher than the stored copy.
 */
export class LiveRun {
  readonly controller = new AbortController();
  /** Settles once the response and its input items are stored and the run is registered. */
  begun: Promise<void> | undefined;
  /** Stops listening for cancel and delete from other processes. */
  unsubscribe: (() => void) | undefined;
  /** Set when the response was deleted while running: the run must stop writing to the store. */
  deleted = false;
  readonly finished: Promise<void>;
  /** The `text.format` the final text is checked against. */
  format: OutputFormat | undefined;
  /** Runs when the agent finished well, before the terminal events (appends to the conversation). */
  conclude: ((response: ResponseObject) => Promise<void>) | undefined;
  #resolve!: () => void;

  constructor(
    readonly builder: ResponseBuilder,
    readonly stored: boolean,
    readonly inputItems: readonly ItemResource[],
  ) {
    this.finished = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  finish(): void {
    this.#resolve();
  }
}

/**
 * What the processes sharing a store tell each other about one response, on the bus topic
 * `responses:<id>`: new events are stored (followers read them), or a client asked to cancel or
 * delete it (the process running it aborts the work).
 */
export type ResponseSignal = { kind: "events" } | { kind: "cancel" } | { kind: "delete" };

export const responseTopic = (id: string) => `responses:${id}`;
