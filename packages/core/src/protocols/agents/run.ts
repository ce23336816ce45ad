import { randomBytes } from "node:crypto";
import type { AgentError, AgentEvent, AgentResult } from "@switchboard/protocol/agents";
import type { SessionKey } from "../../store/sessions.js";

export type RunOutcome = { ok: true; result: AgentResult } | { ok: false; error: AgentError };

/**
 * How far a follower may lag behind before the run stops taking new events from the model: a
 * slow SSE reader or WebSocket peer slows the model stream down instead of growing the log.
 */
const HIGH_WATER = 64;

/** One reader of a run's events (an SSE response, a WebSocket prompt). */
export interface RunFollower {
  /** Index of the next event this follower will read. */
  position: number;
}

/**
 * One prompt in flight: its abort controller and its event log, which readers follow from any
 * index. The log is what SSE resumption replays, so it is kept whole until the run is dropped.
 */
export class PromptRun {
  readonly streamId = `s_${randomBytes(9).toString("base64url")}`;
  readonly events: AgentEvent[] = [];
  readonly controller = new AbortController();
  readonly followers = new Set<RunFollower>();
  outcome: RunOutcome | undefined;
  /** Called after events are added to the log (the stream log writer copies them to the store). */
  onEvents: (() => void) | undefined;
  readonly finished: Promise<RunOutcome>;
  #resolve!: (outcome: RunOutcome) => void;
  #waiters: Array<() => void> = [];

  constructor(readonly key: SessionKey) {
    this.finished = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get done(): boolean {
    return this.outcome !== undefined;
  }

  /** Records a progress event; resolves once every follower is close enough to take more. */
  async emit(event: AgentEvent): Promise<void> {
    if (this.done) return;
    this.events.push(event);
    this.#wake();
    this.onEvents?.();
    while (
      !this.signal.aborted &&
      this.#slowest() !== undefined &&
      this.events.length - this.#slowest()! > HIGH_WATER
    ) {
      await this.changed(-1, this.signal);
    }
  }

  /** Ends the run: appends the terminal events (`result`+`idle`, or `error`) and settles `finished`. */
  finish(outcome: RunOutcome): void {
    if (this.done) return;
    if (outcome.ok) this.events.push({ type: "result", result: outcome.result }, { type: "idle" });
    else this.events.push({ type: "error", error: outcome.error });
    this.outcome = outcome;
    this.#resolve(outcome);
    this.#wake();
    this.onEvents?.();
  }

  /** Tells the run a follower moved on (it may be waiting for slow readers). */
  progressed(): void {
    this.#wake();
  }

  /**
   * Resolves when the log grows past `seen` events, the run finishes, a follower moves, or
   * `signal` aborts (never rejects: callers re-check their own state).
   */
  changed(seen: number, signal?: AbortSignal): Promise<void> {
    if (this.events.length > seen && seen >= 0) return Promise.resolve();
    if (this.done || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal?.removeEventListener("abort", done);
        resolve();
      };
      this.#waiters.push(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  #slowest(): number | undefined {
    let min: number | undefined;
    for (const f of this.followers) if (min === undefined || f.position < min) min = f.position;
    return min;
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }
}
