// Streamed (SSE) prompts kept resumable with `Last-Event-ID`: holding each one for the resume
// window after it ends, serving its frames while tracking whether a client is attached, and
// resuming it from memory here or, with a bus, from the store's stream log of another process.
// Apart from the module because it has its own state (held streams, their timers and log
// writers) and its own shutdown; relay.ts and stream-log.ts hold the cross-process mechanics.

import { sse } from "../../http/response.js";
import type { CoreResponse } from "../../http/types.js";
import type { EventBus } from "../../store/bus.js";
import { type SessionKey, type SessionStore, sessionKeyString } from "../../store/sessions.js";
import { withHeartbeat } from "../../streaming/heartbeat.js";
import { AgentsProtocolError } from "./errors.js";
import { ATTACH_TOPIC, Attachments, followStoredStream } from "./relay.js";
import type { PromptRun } from "./run.js";
import { runFrames } from "./stream.js";
import { StreamLogWriter } from "./stream-log.js";

/** Upper bound on how long `close()` waits for aborted streamed prompts to store their last events. */
const CLOSE_FLUSH_MS = 5_000;
/** Stream indexes are stored as 32-bit integers; a larger `Last-Event-ID` index is past any end. */
const MAX_INDEX = 2 ** 31 - 2;

export interface ResumableStreamsOptions {
  store: SessionStore;
  bus: EventBus | undefined;
  heartbeatMs: number;
  resumeWindowMs: number;
  reattachMs: number;
  /** Aborted when the module closes: runs that end then are not held any longer. */
  closing: AbortSignal;
}

export class ResumableStreams {
  readonly #store: SessionStore;
  readonly #bus: EventBus | undefined;
  readonly #heartbeatMs: number;
  readonly #resumeWindowMs: number;
  readonly #closing: AbortSignal;
  /** Streamed prompts still resumable with `Last-Event-ID`, by stream id. */
  readonly #streams = new Map<string, PromptRun>();
  readonly #timers = new Set<NodeJS.Timeout>();
  /** The stream log writers of this process's streamed prompts (only with a bus). */
  readonly #writers = new Map<PromptRun, StreamLogWriter>();
  readonly #attachments: Attachments;

  constructor(options: ResumableStreamsOptions) {
    this.#store = options.store;
    this.#bus = options.bus;
    this.#heartbeatMs = options.heartbeatMs;
    this.#resumeWindowMs = options.resumeWindowMs;
    this.#closing = options.closing;
    this.#attachments = new Attachments(options.reattachMs, options.closing, (run) =>
      this.#writers.get(run)?.announce(),
    );
  }

  /**
   * Keeps a streamed run resumable until `resumeWindowMs` after it ends: here from memory, and
   * with a bus, in every process sharing the store from the store's stream log.
   */
  async hold(run: PromptRun): Promise<void> {
    this.#streams.set(run.streamId, run);
    let writer: StreamLogWriter | undefined;
    if (this.#bus) {
      writer = new StreamLogWriter(run, this.#store, this.#bus, this.#resumeWindowMs, () =>
        this.#attachments.followedElsewhere(run),
      );
      this.#writers.set(run, writer);
      void writer.done.then(() => this.#writers.delete(run));
    }
    void run.finished.then(() => {
      if (this.#closing.aborted) return;
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#streams.delete(run.streamId);
      }, this.#resumeWindowMs);
      timer.unref();
      this.#timers.add(timer);
    });
    await writer?.begin();
  }

  /** A run's SSE frames from `from`, with heartbeats; the run counts as attached while they are read. */
  async *frames(run: PromptRun, from: number, signal: AbortSignal): AsyncGenerator<string> {
    this.#attachments.attach(run);
    try {
      yield* withHeartbeat(runFrames(run, from, signal), this.#heartbeatMs);
    } finally {
      this.#attachments.detach(run);
    }
  }

  /**
   * A stream of this process is followed from its events in memory. With a bus, a stream of
   * another process sharing the store is followed from the store's stream log (followStoredStream).
   */
  async resume(key: SessionKey, lastEventId: string, signal: AbortSignal): Promise<CoreResponse> {
    const match = /^(.+):(\d+)$/.exec(lastEventId);
    const notFound = () =>
      new AgentsProtocolError(
        404,
        "stream_not_found",
        `Last-Event-ID ${JSON.stringify(lastEventId)} names no stream of session "${key.session}" that is still held`,
        { param: "Last-Event-ID" },
      );
    if (!match) throw notFound();
    const streamId = match[1]!;
    const index = Math.min(Number(match[2]), MAX_INDEX);
    const run = this.#streams.get(streamId);
    if (run) {
      if (sessionKeyString(run.key) !== sessionKeyString(key)) throw notFound();
      return sse(this.frames(run, Math.min(index + 1, run.events.length), signal));
    }
    if (!this.#bus) throw notFound();
    const stored = await this.#store.readStreamEvents(streamId, index);
    if (!stored || sessionKeyString(stored.key) !== sessionKeyString(key)) throw notFound();
    // Not clamped to the stored length: the client may have seen events the log does not hold yet.
    const relay = { store: this.#store, bus: this.#bus, resumeWindowMs: this.#resumeWindowMs };
    return sse(withHeartbeat(followStoredStream(relay, streamId, index + 1, signal), this.#heartbeatMs));
  }

  /** With a bus: hears that another process follows one of this process's streams for a client. */
  subscribe(): Promise<() => void> {
    if (!this.#bus) return Promise.resolve(() => {});
    return this.#bus.subscribe(ATTACH_TOPIC, (message) => {
      const streamId = (message as { streamId?: unknown } | null)?.streamId;
      const run = typeof streamId === "string" ? this.#streams.get(streamId) : undefined;
      if (run) this.#attachments.attachedElsewhere(run);
    });
  }

  /**
   * Drops every held stream and timer (at shutdown, once the prompts are aborted), then waits a
   * while for the aborted prompts' terminal events to be stored, so that followers elsewhere see
   * their streams end.
   */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#attachments.clear();
    this.#streams.clear();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.#writers.values()].map((writer) => writer.done)),
      new Promise((resolve) => {
        timer = setTimeout(resolve, CLOSE_FLUSH_MS);
      }),
    ]).finally(() => clearTimeout(timer));
  }
}
