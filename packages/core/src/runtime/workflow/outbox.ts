// A run's history and its delivery: the ordered outbox through which every message is stored and
// then sent to the attached connection, attaching a connection, and the grace period a run without
// one waits for a resume. Apart from run.ts, which executes the workflow and keeps its questions,
// because delivery is the same whatever the workflow does.
import type { WorkflowServerFrame } from "@switchboard/protocol/workflows";
import { defaultLogger } from "../../observability/logger.js";
import type { WorkflowStore } from "../../store/workflows.js";
import { CloseCode } from "../../ws/types.js";
import { closeCodeFor, type FinalStatus } from "./ending.js";

/** The connection a run is currently talking through. */
export interface RunAttachment {
  send(frame: WorkflowServerFrame): Promise<void>;
  close(code: number, reason: string): void;
}

export interface OutboxOptions {
  workflowUuid: string;
  store: WorkflowStore;
  graceMs: number;
  /** Messages recorded before a takeover: stored and delivered already. */
  recorded: WorkflowServerFrame[] | undefined;
  /** The run's final status, once it has one. */
  final(): FinalStatus | undefined;
  /** The run's abort signal: no grace period starts once the run is abandoned. */
  signal: AbortSignal;
  /** Nobody resumed the run within the grace period. */
  abandon(reason: string): void;
}

/**
 * Every message goes through one ordered outbox: recorded in the store, then handed to the
 * attached connection (awaiting its send, which is the backpressure). Attaching a connection is a
 * step in that same outbox, so a resuming client gets exactly the messages it missed, once,
 * followed by the live ones, with no gap and no repeat.
 */
export class RunOutbox {
  readonly #options: OutboxOptions;
  /** Every message of the run, in order (the in-memory copy of the stored history). */
  readonly #log: WorkflowServerFrame[] = [];
  /** How many `#log` entries the outbox has stored and delivered so far. */
  #processed = 0;
  #queue: Promise<void> = Promise.resolve();
  #attached: RunAttachment | undefined;
  #graceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: OutboxOptions) {
    this.#options = options;
    if (options.recorded) {
      this.#log.push(...options.recorded);
      this.#processed = this.#log.length;
    }
  }

  /** Position of a message in the run's history, -1 when it is not one. */
  indexOf(messageUuid: string): number {
    return this.#log.findIndex((m) => m.uuid === messageUuid);
  }

  /** See `WorkflowRun.attach`. */
  attach(attachment: RunAttachment, afterIndex: number): Promise<void> {
    this.clearGrace();
    return this.#enqueue(async () => {
      const previous = this.#attached;
      this.#attached = undefined;
      if (previous && previous !== attachment) previous.close(CloseCode.normal, "resumed on another connection");
      try {
        for (const frame of this.#log.slice(afterIndex + 1, this.#processed)) await attachment.send(frame);
      } catch {
        this.startGrace();
        return;
      }
      const final = this.#options.final();
      if (final) attachment.close(closeCodeFor(final), `workflow ${final}`);
      else this.#attached = attachment;
    });
  }

  /** The connection went away; the run carries on and waits for a resume during the grace period. */
  detach(attachment: RunAttachment): void {
    if (this.#attached !== attachment) return;
    this.#attached = undefined;
    this.startGrace();
  }

  /**
   * Adds a message to the history, then stores and delivers it in turn. `bestEffort`: the frame
   * reports a failure, and is delivered even when it cannot be stored.
   */
  append(frame: WorkflowServerFrame, bestEffort: boolean | undefined): Promise<void> {
    this.#log.push(frame);
    return this.#enqueue(async () => {
      try {
        await this.#options.store.appendMessage(this.#options.workflowUuid, frame);
      } catch (error) {
        // An error frame reporting a failure must still reach the client when the store is down.
        if (!bestEffort) {
          this.#log.splice(this.#log.indexOf(frame), 1);
          throw error;
        }
      }
      // The outbox runs in log order, and a frame that failed was taken out of the log.
      this.#processed += 1;
      const attached = this.#attached;
      if (!attached) return;
      try {
        await attached.send(frame);
      } catch {
        this.detach(attached);
      }
    });
  }

  /** Once every message before is delivered: stores the run's end and closes its connection. */
  end(status: FinalStatus, result: string | null): Promise<void> {
    return this.#enqueue(async () => {
      try {
        await this.#options.store.updateRun(this.#options.workflowUuid, { status, result });
      } catch (storeError) {
        defaultLogger().error(
          { err: storeError, workflowUuid: this.#options.workflowUuid },
          "could not record the end of a workflow run",
        );
      }
      const attached = this.#attached;
      this.#attached = undefined;
      attached?.close(closeCodeFor(status), `workflow ${status}`);
    });
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const done = this.#queue.then(task);
    this.#queue = done.catch(() => {});
    return done;
  }

  startGrace(): void {
    if (this.#options.final() || this.#options.signal.aborted) return;
    this.clearGrace();
    const { graceMs } = this.#options;
    this.#graceTimer = setTimeout(
      () => this.#options.abandon(`no client resumed the run within ${Math.round(graceMs / 1000)} s`),
      graceMs,
    );
    this.#graceTimer.unref?.();
  }

  clearGrace(): void {
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
    this.#graceTimer = undefined;
  }
}
