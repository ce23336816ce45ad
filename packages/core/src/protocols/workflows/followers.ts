// The holder's side of relaying a run (see follow-signals.ts): the process executing the run
// applies what the clients following it from other processes send, and wakes them. Apart from
// remote-run.ts, the follower's side, because the two run in different processes.
import { defaultLogger } from "../../observability/logger.js";
import type { RunAttachment } from "../../runtime/workflow/outbox.js";
import type { WorkflowRun } from "../../runtime/workflow/run.js";
import type { EventBus } from "../../store/bus.js";
import { CloseCode } from "../../ws/types.js";
import { signalOf, TO_HOLDER, type WorkflowSignal, workflowTopic } from "./follow-signals.js";
import { reportAnswer, reportProblem } from "./link.js";

/**
 * The holder's side: the clients attached to this run through other processes. Like a local
 * connection, a follower is the run's attachment (one at a time, wherever connected: attaching one
 * closes the one before), except that what it is sent is a wake-up — the message is in the store
 * already — and its close is a signal. A follower that stops sending heartbeats for `expireMs`
 * (its process died) is detached, and the run's grace period starts.
 */
export class Followers {
  readonly #run: WorkflowRun;
  readonly #bus: EventBus;
  readonly #topic: string;
  readonly #expireMs: number;
  readonly #attached = new Map<string, { attachment: RunAttachment; timer?: ReturnType<typeof setTimeout> }>();
  /** Followers closed here, and how: a heartbeat of one that was in flight gets the close again. */
  readonly #closed = new Map<string, { code: number; reason: string }>();
  /** Signals are applied one at a time, in arrival order, as a connection's frames are. */
  #queue: Promise<void> = Promise.resolve();

  constructor(run: WorkflowRun, bus: EventBus, expireMs: number) {
    this.#run = run;
    this.#bus = bus;
    this.#topic = workflowTopic(run.workflowUuid);
    this.#expireMs = expireMs;
  }

  receive(message: unknown): void {
    const signal = signalOf(message);
    if (!signal || !TO_HOLDER.has(signal.kind)) return;
    this.#queue = this.#queue
      .then(() => this.#handle(signal))
      .catch((error: unknown) => {
        defaultLogger().warn(
          { err: error, workflowUuid: this.#run.workflowUuid },
          "workflows: failed to apply a signal",
        );
      });
  }

  /** The run has settled: no more expiries. */
  dispose(): void {
    for (const entry of this.#attached.values()) clearTimeout(entry.timer);
    this.#attached.clear();
  }

  async #handle(signal: WorkflowSignal): Promise<void> {
    if (!("follower" in signal)) return;
    const { follower } = signal;
    const closed = this.#closed.get(follower);
    switch (signal.kind) {
      case "attach": {
        if (closed) return this.#publish({ kind: "close", follower, ...closed });
        if (this.#attached.has(follower)) return this.#expireLater(follower);
        const after = signal.after === null ? -1 : this.#run.indexOf(signal.after);
        return this.#run.attach(this.#attach(follower), after);
      }
      case "detach": {
        const entry = this.#attached.get(follower);
        if (!entry) return;
        this.#forget(follower, { code: CloseCode.normal, reason: "the client left" });
        this.#run.detach(entry.attachment);
        return;
      }
      case "answer":
        // A replaced connection's later frames are not applied, as on a connection closed here.
        if (closed) return;
        {
          const outcome = await this.#run.answer(signal.questionUuid ?? undefined, signal.value, signal.field);
          // Acknowledged before a refusal joins the history, so a follower that has seen the
          // refusal has had the acknowledgement too, and never applies the answer again.
          await this.#publish({ kind: "answered", follower, seq: signal.seq });
          if (outcome.ok) return;
          return reportAnswer(this.#run, outcome, (frame) => this.#publish({ kind: "frame", follower, frame }));
        }
      case "report":
        if (closed) return;
        return reportProblem(this.#run, signal.problem, (frame) => this.#publish({ kind: "frame", follower, frame }));
    }
  }

  #attach(follower: string): RunAttachment {
    const attachment: RunAttachment = {
      // The follower reads the message from the store; it also re-reads it on its own every
      // second, so a wake-up that cannot be published delays the message and nothing more.
      send: () => this.#publish({ kind: "messages" }),
      close: (code, reason) => {
        this.#forget(follower, { code, reason });
        void this.#publish({ kind: "close", follower, code, reason });
      },
    };
    this.#attached.set(follower, { attachment });
    this.#expireLater(follower);
    return attachment;
  }

  #expireLater(follower: string): void {
    const entry = this.#attached.get(follower);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      if (this.#attached.get(follower) !== entry) return;
      this.#forget(follower, { code: CloseCode.goingAway, reason: "heartbeats stopped" });
      this.#run.detach(entry.attachment);
    }, this.#expireMs);
    entry.timer.unref?.();
  }

  #forget(follower: string, how: { code: number; reason: string }): void {
    clearTimeout(this.#attached.get(follower)?.timer);
    this.#attached.delete(follower);
    this.#closed.set(follower, how);
  }

  async #publish(signal: WorkflowSignal): Promise<void> {
    try {
      await this.#bus.publish(this.#topic, signal);
    } catch (error) {
      defaultLogger().warn(
        { err: error, workflowUuid: this.#run.workflowUuid },
        "workflows: could not signal a follower",
      );
    }
  }
}
