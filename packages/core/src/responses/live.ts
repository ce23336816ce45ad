import type { ResponseBuilder } from "./builder.js";

/**
 * A response running in this process: what cancel aborts, what a live replay waits on, and the
 * builder whose response object is fresher than the stored copy.
 */
export class LiveRun {
  readonly controller = new AbortController();
  /** Set when the response was deleted while running: the run must stop writing to the store. */
  deleted = false;
  #done = false;
  #waiters: Array<() => void> = [];
  readonly finished: Promise<void>;
  #resolve!: () => void;

  constructor(readonly builder: ResponseBuilder) {
    this.finished = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  get done(): boolean {
    return this.#done;
  }

  /** New events are in the store. */
  notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  finish(): void {
    this.#done = true;
    this.#resolve();
    this.notify();
  }

  /** Resolves at the next `notify`, when the run ends, or when `signal` aborts; never rejects. */
  changed(signal: AbortSignal): Promise<void> {
    if (this.#done || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        signal.removeEventListener("abort", wake);
        resolve();
      };
      this.#waiters.push(wake);
      signal.addEventListener("abort", wake, { once: true });
    });
  }
}
