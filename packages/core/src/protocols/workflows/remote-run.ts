// The follower's side of relaying a run (see follow-signals.ts): a connection attached to a run
// that another process executes, and the takeover when that process dies. Apart from
// followers.ts, the holder's side, because the two run in different processes.
import type { WorkflowServerFrame } from "@switchboard/protocol/workflows";
import { defaultLogger } from "../../observability/logger.js";
import { closeCodeFor } from "../../runtime/workflow/ending.js";
import type { RunAttachment } from "../../runtime/workflow/outbox.js";
import type { EventBus } from "../../store/bus.js";
import { Wakeup } from "../../store/wakeup.js";
import { FINAL_WORKFLOW_STATUSES, type WorkflowRunRecord, type WorkflowStore } from "../../store/workflows.js";
import { followLog } from "../../streaming/follow-log.js";
import { CloseCode } from "../../ws/types.js";
import { signalOf, type WorkflowSignal, workflowTopic } from "./follow-signals.js";
import { type Problem, type RunLink, serverFrame } from "./link.js";

/** How often a follower re-reads the store when the bus stays silent, and checks that the holder lives. */
const FOLLOW_POLL_MS = 1000;

/** An answer a follower passed to the holder; `seen` is how many messages its client had been sent then. */
interface RelayedAnswer {
  questionUuid: string | undefined;
  value: string | string[];
  field: string;
  seen: number;
}

export interface RemoteRunOptions {
  workflowUuid: string;
  bus: EventBus;
  store: WorkflowStore;
  /** The resuming client's connection. */
  attachment: RunAttachment;
  /** How often the holder hears that the client is still here; it gives up after three times as long. */
  heartbeatMs: number;
  /**
   * Called when the holder has been quiet for a poll and the run still runs: takes the run over if
   * its holder is gone (`claimRun`), attaching the client after its last message `after`. Resolves
   * to the client's new link when it did; the follower then stops.
   */
  takeOver(record: WorkflowRunRecord, after: string | undefined): Promise<RunLink | undefined>;
}

/**
 * The follower's side: a connection attached to a run that another process executes. It
 * subscribes to the run's signals first, then reads the stored history after the client's cursor,
 * then attaches to the holder and goes live, re-reading the store on each wake-up. When the holder
 * falls silent, a poll finds the run either ended (the remaining messages are sent, then the close
 * the run ended with) or running with its holder gone, and then takes it over.
 */
export class RemoteRun implements RunLink {
  readonly workflowUuid: string;
  readonly #options: RemoteRunOptions;
  readonly #topic: string;
  readonly #follower = crypto.randomUUID();
  readonly #wakeup = new Wakeup();
  readonly #stop = new AbortController();
  /** Signals addressed to this follower (a frame outside the history, a close), in arrival order. */
  readonly #inbox: WorkflowSignal[] = [];
  #unsubscribe: (() => void) | undefined;
  /** The stored history as `open` read it, until `start` has sent it. */
  #history: WorkflowServerFrame[] = [];
  /** Position in the history of the next message the client has not been sent. */
  #position = 0;
  /** Uuid of the last message the client was sent. */
  #last: string | undefined;
  #publishing: Promise<unknown> = Promise.resolve();
  /** A takeover being tried; the client's frames wait for it, so none goes to a dead holder. */
  #takingOver: Promise<RunLink | undefined> | undefined;
  /** The link to the run this process took over. */
  #successor: RunLink | undefined;
  /**
   * Answers passed to the holder that it has not acknowledged yet, by `seq`. Should the holder die
   * before applying one, the process that takes the run over applies it (`#redeliver`), so an
   * answer the client sent as its holder died is not lost.
   */
  readonly #relayed = new Map<number, RelayedAnswer>();
  #seq = 0;

  constructor(options: RemoteRunOptions) {
    this.workflowUuid = options.workflowUuid;
    this.#options = options;
    this.#topic = workflowTopic(options.workflowUuid);
  }

  get finished(): boolean {
    return this.#stop.signal.aborted;
  }

  /**
   * Subscribes, then reads the history after `after` (all of it when undefined). Resolves false,
   * and stops, when `after` is not a message of the run.
   */
  async open(after: string | undefined): Promise<boolean> {
    this.#unsubscribe = await this.#options.bus.subscribe(this.#topic, (message) => this.#receive(message));
    let history: WorkflowServerFrame[];
    try {
      history = await this.#options.store.listMessages(this.workflowUuid);
    } catch (error) {
      this.#halt();
      throw error;
    }
    const index = after === undefined ? -1 : history.findIndex((m) => m.uuid === after);
    if (index === -1 && after !== undefined) {
      this.#halt();
      return false;
    }
    this.#history = history.slice(index + 1);
    this.#position = index + 1;
    this.#last = after;
    return true;
  }

  /** Attaches to the holder, sends what `open` read, then follows in the background. */
  async start(): Promise<void> {
    if (this.finished) return;
    const history = this.#history;
    this.#history = [];
    // The holder wakes this follower for what it stores after the history read here.
    this.#heartbeat(history.at(-1)?.uuid ?? this.#last);
    try {
      await this.#send(history);
    } catch {
      // The client left; `detach` has told the holder.
      return;
    }
    void this.#follow();
  }

  async answer(questionUuid: string | undefined, value: string | string[], field: string): Promise<void> {
    const successor = await this.#successorOrNone();
    if (successor) return successor.answer(questionUuid, value, field);
    const seq = this.#seq++;
    this.#relayed.set(seq, { questionUuid, value, field, seen: this.#position });
    return this.#publish({
      kind: "answer",
      follower: this.#follower,
      seq,
      questionUuid: questionUuid ?? null,
      value,
      field,
    });
  }

  async report(problem: Problem): Promise<void> {
    const successor = await this.#successorOrNone();
    if (successor) return successor.report(problem);
    return this.#publish({
      kind: "report",
      follower: this.#follower,
      problem: { short: problem.short, long: problem.long },
    });
  }

  detach(): void {
    if (this.#successor) {
      this.#successor.detach();
      return;
    }
    if (this.finished) return;
    this.#halt();
    this.#publish({ kind: "detach", follower: this.#follower }).catch((error: unknown) => {
      defaultLogger().warn({ err: error, workflowUuid: this.workflowUuid }, "workflows: could not detach from the run");
    });
  }

  /** Attaches, or tells the holder the client is still here; `after` is the last message read. */
  #heartbeat(after: string | undefined): void {
    this.#publish({ kind: "attach", follower: this.#follower, after: after ?? null }).catch((error: unknown) => {
      defaultLogger().warn({ err: error, workflowUuid: this.workflowUuid }, "workflows: could not reach the holder");
    });
  }

  #receive(message: unknown): void {
    const signal = signalOf(message);
    if (!signal) return;
    if (signal.kind === "messages") this.#wakeup.notify();
    else if (signal.kind === "answered" && signal.follower === this.#follower) this.#relayed.delete(signal.seq);
    else if ((signal.kind === "close" || signal.kind === "frame") && signal.follower === this.#follower) {
      this.#inbox.push(signal);
      this.#wakeup.notify();
    }
  }

  async #follow(): Promise<void> {
    const { signal } = this.#stop;
    const { heartbeatMs } = this.#options;
    let beat = Date.now();
    let checked = Date.now();
    // The history up to `open`'s read was sent by `start`: wait for more before reading again.
    const log = followLog({
      wakeOn: this.#wakeup,
      signal,
      pollMs: Math.min(FOLLOW_POLL_MS, heartbeatMs),
      waitFirst: true,
      read: async () => ({ items: await this.#options.store.listMessages(this.workflowUuid, this.#position) }),
    });
    try {
      for await (const messages of log) {
        await this.#send(messages);
        const fresh = messages.length > 0;
        for (const received of this.#inbox.splice(0)) {
          if (received.kind === "frame") await this.#options.attachment.send(received.frame);
          else if (received.kind === "close") {
            // The holder closes after storing every message the client is due; send them first.
            await this.#catchUp();
            return this.#end(received.code, received.reason);
          }
        }
        const now = Date.now();
        if (now - beat >= heartbeatMs) {
          beat = now;
          this.#heartbeat(this.#last);
        }
        if (!fresh && now - checked >= FOLLOW_POLL_MS) {
          checked = now;
          if (await this.#checkHolder()) return;
        }
      }
    } catch (error) {
      // A send fails when the client left (and `detach` stopped this); anything else is reported.
      if (signal.aborted) return;
      defaultLogger().warn(
        { err: error, workflowUuid: this.workflowUuid },
        "workflows: lost track of the run executing elsewhere",
      );
      await this.#options.attachment
        .send(
          serverFrame(
            "error",
            { short: "run_unavailable", long: `workflow_uuid: lost track of run ${this.workflowUuid}; resume it` },
            this.workflowUuid,
          ),
        )
        .catch(() => {});
      this.#end(CloseCode.internalError, "run_unavailable");
    }
  }

  /** Whether the run is over for this follower: it ended, or this process took it over. */
  async #checkHolder(): Promise<boolean> {
    const record = await this.#options.store.getRun(this.workflowUuid);
    if (record && FINAL_WORKFLOW_STATUSES.includes(record.status)) {
      // Its status turns final after its last message is stored.
      await this.#catchUp();
      this.#end(closeCodeFor(record.status), `workflow ${record.status}`);
      return true;
    }
    if (record?.status !== "running") return false;
    // The client's answers wait for this, redelivered ones included, so they keep their order.
    const attempt = this.#options.takeOver(record, this.#last).then(async (successor) => {
      // The run is this process's now whatever happens here; a failure loses only those answers.
      if (successor) {
        await this.#redeliver(successor).catch((error: unknown) => {
          defaultLogger().warn(
            { err: error, workflowUuid: this.workflowUuid },
            "workflows: could not reapply the answers relayed",
          );
        });
      }
      return successor;
    });
    this.#takingOver = attempt;
    try {
      this.#successor = await attempt;
    } finally {
      this.#takingOver = undefined;
    }
    if (!this.#successor) return false;
    this.#halt();
    return true;
  }

  /**
   * Applies, on the run this process took over, the relayed answers its dead holder did not
   * acknowledge: those whose question has no recorded answer (the holder records an answer before
   * the run goes on, so one it applied without getting to acknowledge it is left out). A raw text
   * answer meant the oldest unanswered question among those its client had seen.
   */
  async #redeliver(successor: RunLink): Promise<void> {
    const relayed = [...this.#relayed.values()];
    this.#relayed.clear();
    if (relayed.length === 0) return;
    const [history, answers] = await Promise.all([
      this.#options.store.listMessages(this.workflowUuid),
      this.#options.store.listAnswers(this.workflowUuid),
    ]);
    for (const { questionUuid, value, field, seen } of relayed) {
      const target =
        questionUuid ??
        history
          .slice(0, seen)
          .find((m) => (m.type === "text_input" || m.type === "multiple_choice") && !(m.uuid in answers))?.uuid;
      if (target === undefined || target in answers) continue;
      await successor.answer(target, value, field);
    }
  }

  async #successorOrNone(): Promise<RunLink | undefined> {
    return this.#successor ?? (await this.#takingOver?.catch(() => undefined));
  }

  /** Sends the stored messages the client has not had; resolves whether there were any. */
  async #catchUp(): Promise<boolean> {
    const messages = await this.#options.store.listMessages(this.workflowUuid, this.#position);
    await this.#send(messages);
    return messages.length > 0;
  }

  async #send(messages: WorkflowServerFrame[]): Promise<void> {
    for (const message of messages) {
      await this.#options.attachment.send(message);
      this.#position += 1;
      this.#last = message.uuid;
    }
  }

  #end(code: number, reason: string): void {
    this.#halt();
    this.#options.attachment.close(code, reason);
  }

  #halt(): void {
    if (this.#stop.signal.aborted) return;
    this.#stop.abort();
    this.#unsubscribe?.();
  }

  /** Signals to the holder go out one after the other, so it applies them in the client's order. */
  #publish(signal: WorkflowSignal): Promise<void> {
    const published = this.#publishing.then(() => this.#options.bus.publish(this.#topic, signal));
    this.#publishing = published.catch(() => {});
    return published;
  }
}
