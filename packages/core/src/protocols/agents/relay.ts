import type { AgentEvent } from "@switchboard/protocol/agents";
import { sseFrame } from "../../http/response.js";
import { defaultLogger } from "../../observability/logger.js";
import type { EventBus } from "../../store/bus.js";
import type { SessionStore } from "../../store/sessions.js";
import { followLog, type LogRead } from "../../streaming/follow-log.js";
import type { PromptRun } from "./run.js";
import { streamTopic } from "./stream-log.js";
import { clientGone } from "./wire.js";

// Streamed prompts across processes sharing a store and a bus: following another process's
// stream from the store's log, and knowing when a client is attached to a stream here or there.

/** Where a process following another one's stream says, `{streamId}`, that a client is attached. */
export const ATTACH_TOPIC = "agents:attach";
/** How often such a process says it. */
const ATTACH_BEAT_MS = 1_000;
/** How long after the last such beat the client counts as attached. */
const ATTACH_LEASE_MS = 2_500;
/** How often a follower of another process's stream re-reads the log when the bus stays silent. */
const STREAM_POLL_MS = 1_000;
/** The error ending a streamed prompt whose process died before it finished. */
const ABANDONED_MESSAGE = "The server process running this prompt stopped before it finished.";

export interface RelayContext {
  store: SessionStore;
  bus: EventBus;
  /** How long a stream's log is kept after its end. */
  resumeWindowMs: number;
}

/**
 * The frames of a stream that another process runs (or ran), from index `next`: the stored
 * events, then the new ones as they are stored, until the terminal events. It subscribes to the
 * stream's topic before it reads the log (the writer stores before it announces), so no batch
 * falls in between; a periodic re-read covers a silent bus.
 *
 * Re-attaching across processes: while this follows, it tells every process every
 * ATTACH_BEAT_MS that a client is attached to the stream (ATTACH_TOPIC). The process running the
 * prompt counts that client as attached until ATTACH_LEASE_MS after the last beat, then gives
 * the usual re-attach grace before aborting: a resume on any process re-attaches, and a client
 * that leaves it (or whose process dies) has at least `reattachMs` to come back anywhere.
 *
 * The log ends when its terminal events are stored. A log whose process died without ending it
 * is ended here with an `internal_error`.
 */
export async function* followStoredStream(
  { store, bus, resumeWindowMs }: RelayContext,
  streamId: string,
  next: number,
  signal: AbortSignal,
): AsyncGenerator<string> {
  const beat = () =>
    void bus
      .publish(ATTACH_TOPIC, { streamId })
      .catch((error: unknown) => defaultLogger().warn({ err: error }, "agents: announcing a resumed stream failed"));
  beat();
  const beats = setInterval(beat, ATTACH_BEAT_MS);
  beats.unref();
  const read = async (): Promise<LogRead<string>> => {
    const log = await store.readStreamEvents(streamId, next - 1);
    if (!log) return { items: [], done: true };
    const items = log.events.map((event) => sseFrame({ event: event.type, id: `${streamId}:${next++}`, data: event }));
    // `ended` comes from the same read as the events: they were the last ones.
    if (log.ended || signal.aborted || !log.abandoned) return { items, done: log.ended };
    // Its process died mid-prompt. The log gets the error ending it (stored, so every follower
    // and later resume sees the same end; a second process writing it changes nothing). It goes
    // after what this client saw: the dead process may have sent events it never stored.
    const end: AgentEvent = { type: "error", error: { type: "internal_error", message: ABANDONED_MESSAGE } };
    await store.appendStreamEvents(streamId, log.key, Math.max(log.length, next), [end], {
      ended: true,
      keepMs: resumeWindowMs,
    });
    return { items, again: true };
  };
  try {
    const wakeOn = { bus, topic: streamTopic(streamId) };
    for await (const frames of followLog({ wakeOn, signal, pollMs: STREAM_POLL_MS, read })) yield* frames;
  } finally {
    clearInterval(beats);
  }
}

/**
 * Whether a client follows each streamed prompt of this process, here or in another process. A
 * run left with no reader keeps running for `reattachMs`, then is aborted.
 */
export class Attachments {
  readonly #reattachMs: number;
  readonly #closing: AbortSignal;
  /** Called when another process starts following a run (a batch stored before it knew was not announced). */
  readonly #onFollowedElsewhere: (run: PromptRun) => void;
  readonly #reattach = new Map<PromptRun, NodeJS.Timeout>();
  /** Streamed prompts of this process followed from another one, with the lease timer of that attachment. */
  readonly #elsewhere = new Map<PromptRun, NodeJS.Timeout>();

  constructor(reattachMs: number, closing: AbortSignal, onFollowedElsewhere: (run: PromptRun) => void) {
    this.#reattachMs = reattachMs;
    this.#closing = closing;
    this.#onFollowedElsewhere = onFollowedElsewhere;
  }

  /** Whether another process follows the run for a client. */
  followedElsewhere(run: PromptRun): boolean {
    return this.#elsewhere.has(run);
  }

  attach(run: PromptRun): void {
    const timer = this.#reattach.get(run);
    if (timer) clearTimeout(timer);
    this.#reattach.delete(run);
  }

  /**
   * The last SSE reader left (here, and no process follows the stream for another client): the
   * prompt keeps running for `reattachMs`, then is aborted.
   */
  detach(run: PromptRun): void {
    if (run.done || run.followers.size > 0 || this.#elsewhere.has(run) || this.#reattach.has(run)) return;
    const timer = setTimeout(() => {
      this.#reattach.delete(run);
      if (run.followers.size === 0 && !this.#elsewhere.has(run)) {
        run.controller.abort(clientGone());
      }
    }, this.#reattachMs);
    timer.unref();
    this.#reattach.set(run, timer);
  }

  /**
   * Another process follows this stream for a client (followStoredStream says so every
   * ATTACH_BEAT_MS): the run counts as attached until ATTACH_LEASE_MS after the last beat, and
   * then, with no reader here, the re-attach grace starts.
   */
  attachedElsewhere(run: PromptRun): void {
    if (run.done || this.#closing.aborted) return;
    const previous = this.#elsewhere.get(run);
    clearTimeout(previous);
    const lease = setTimeout(() => {
      this.#elsewhere.delete(run);
      this.detach(run);
    }, ATTACH_LEASE_MS);
    lease.unref();
    this.#elsewhere.set(run, lease);
    this.attach(run);
    // Newly followed: a batch stored before this process knew was not announced.
    if (!previous) this.#onFollowedElsewhere(run);
  }

  /** Stops every timer (at shutdown). */
  clear(): void {
    for (const timer of [...this.#reattach.values(), ...this.#elsewhere.values()]) clearTimeout(timer);
    this.#reattach.clear();
    this.#elsewhere.clear();
  }
}
