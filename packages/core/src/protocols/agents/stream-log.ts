import { defaultLogger } from "../../observability/logger.js";
import type { EventBus } from "../../store/bus.js";
import type { PromptStreamLog } from "../../store/sessions.js";
import type { PromptRun } from "./run.js";

/** The bus topic on which a streamed prompt's process says that more of its events are stored. */
export const streamTopic = (streamId: string) => `agents:stream:${streamId}`;

/**
 * How long the writer gathers a streamed prompt's events before storing them as one batch: at
 * most one write (and one bus message) per stream per interval, whatever the token rate. Clients
 * in this process read the run's events from memory and never wait for it; only a follower in
 * another process sees the delay.
 */
const BATCH_MS = 50;
/** A failed write is retried after this long, up to MAX_FAILURES times in a row. */
const RETRY_MS = 500;
const MAX_FAILURES = 5;

/**
 * Copies one streamed prompt's events to the store's stream log, so that another process sharing
 * the store can serve a `Last-Event-ID` resume of it. One write at a time, in order: the events
 * that come while a write is in flight go in the next batch; the terminal events are written at
 * once, together with the end mark. Each batch is stored before it is announced on the bus. While
 * the prompt runs, the log is rewritten (an empty batch) every half window so it does not expire
 * under a prompt that is silent for long (a slow tool); once the writes stop, it expires a window
 * after the last one.
 */
export class StreamLogWriter {
  readonly #run: PromptRun;
  readonly #log: PromptStreamLog;
  readonly #bus: EventBus;
  readonly #keepMs: number;
  readonly #followedElsewhere: () => boolean;
  /** Events stored so far (the index of the next one to write). */
  #written = 0;
  #writing = false;
  #touch = false;
  #stopped = false;
  #failures = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #refresh: NodeJS.Timeout;
  #resolveDone!: () => void;
  /** Settles once the terminal events are stored, or storing them failed for good. */
  readonly done = new Promise<void>((resolve) => {
    this.#resolveDone = resolve;
  });

  /**
   * `followedElsewhere` says whether a client follows the stream from another process: only then
   * is each batch announced on the bus (a follower re-reads the log now and then anyway); the
   * terminal batch always is.
   */
  constructor(run: PromptRun, log: PromptStreamLog, bus: EventBus, keepMs: number, followedElsewhere: () => boolean) {
    this.#run = run;
    this.#log = log;
    this.#bus = bus;
    this.#keepMs = keepMs;
    this.#followedElsewhere = followedElsewhere;
    this.#refresh = setInterval(
      () => {
        this.#touch = true;
        this.#schedule();
      },
      Math.max(1, keepMs / 2),
    );
    this.#refresh.unref();
    run.onEvents = () => this.#schedule();
  }

  /**
   * Creates the log (with whatever events the run has by now). Awaited before the client gets the
   * stream's first event, so any stream id a client knows is found by every process; a failure is
   * retried like any write.
   */
  begin(): Promise<void> {
    this.#touch = true;
    return this.#flush();
  }

  /** Tells followers elsewhere to re-read the log (one just attached, and may have missed a batch's announcement). */
  announce(): void {
    this.#bus
      .publish(streamTopic(this.#run.streamId), {})
      .catch((error: unknown) => defaultLogger().warn({ err: error }, "agents: announcing stream events failed"));
  }

  #schedule(): void {
    if (this.#writing || this.#stopped) return;
    const now = this.#run.done;
    if (this.#timer && !now) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#flush(), now ? 0 : BATCH_MS);
    this.#timer.unref();
  }

  async #flush(): Promise<void> {
    this.#timer = undefined;
    const run = this.#run;
    const from = this.#written;
    // `done` is set after the terminal events are in the log, so an ended batch holds them.
    const ended = run.done;
    const events = run.events.slice(from);
    if (events.length === 0 && !ended && !this.#touch) return;
    this.#touch = false;
    this.#writing = true;
    try {
      await this.#log.appendStreamEvents(run.streamId, run.key, from, events, { ended, keepMs: this.#keepMs });
      this.#written = from + events.length;
      this.#failures = 0;
    } catch (error) {
      this.#writing = false;
      if (++this.#failures >= MAX_FAILURES) {
        defaultLogger().error(
          { err: error },
          "agents: storing a stream's events failed; other processes cannot resume it",
        );
        this.#stop();
        return;
      }
      this.#timer = setTimeout(() => void this.#flush(), RETRY_MS);
      this.#timer.unref();
      return;
    }
    // The end is always announced: a client may resume elsewhere right after it saw the end here.
    if (events.length > 0 && (ended || this.#followedElsewhere())) this.announce();
    this.#writing = false;
    if (ended) this.#stop();
    else if (this.#written < run.events.length || run.done) this.#schedule();
  }

  #stop(): void {
    this.#stopped = true;
    clearInterval(this.#refresh);
    clearTimeout(this.#timer);
    this.#run.onEvents = undefined;
    this.#resolveDone();
  }
}
