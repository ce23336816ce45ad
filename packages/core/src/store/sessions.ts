import type { AgentEvent } from "@switchboard/protocol/agents";
import type { ModelMessage } from "../runtime/model/types.js";

/** One conversation thread: an agent instance's named session. */
export interface SessionKey {
  agent: string;
  id: string;
  session: string;
}

/** Exclusive hold on one session; only its holder may run a prompt there. */
export interface SessionLock {
  release(): Promise<void>;
}

export interface SessionLockOptions {
  /**
   * When true, waits until the lock is free (dispatched work queues behind a running prompt);
   * when false, resolves `undefined` at once if another holder has it (attached prompts get 409).
   */
  wait: boolean;
  /** Stops waiting: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface StreamAppendOptions {
  /** The batch holds the stream's terminal events: nothing follows it. */
  ended: boolean;
  /**
   * How long after this write the log stays readable (the resume window). A running stream's
   * writer writes (possibly an empty batch) more often than that, so only a log nobody writes to
   * any more expires.
   */
  keepMs: number;
}

/** A stream log as read back: the session it belongs to and the events after the cursor. */
export interface StreamLogRead {
  key: SessionKey;
  /** The events after `after`, in order; the first one has index `after + 1`. */
  events: AgentEvent[];
  /** How many events the log holds (the index the next one will get). */
  length: number;
  /** Whether the terminal events are in the log (read together with `events`, consistently). */
  ended: boolean;
  /**
   * The log has not ended and the process writing it is gone: it stopped without ending the
   * stream, and nothing more will come from it. A store that lives and dies with its process (the
   * in-memory one) never reports this.
   */
  abandoned: boolean;
}

/**
 * The event logs of streamed prompts (SSE), by stream id: what lets a process sharing the store
 * serve a `Last-Event-ID` resume of a prompt that runs, or ran, in another process.
 */
export interface PromptStreamLog {
  /**
   * Stores `events` at indexes `from`, `from + 1`, … of stream `streamId` of session `key`,
   * creating the log on the first call. The writer appends in order (`from` is at most the log's
   * length, except for the error another process stores to end an `abandoned` log: it follows the
   * last index a client saw, and the events the dead writer sent but never stored leave a gap);
   * indexes already stored are left as they are, so a retried batch is harmless. The
   * events and `ended` are stored atomically. Logs that expired may be deleted by any append.
   */
  appendStreamEvents(
    streamId: string,
    key: SessionKey,
    from: number,
    events: readonly AgentEvent[],
    options: StreamAppendOptions,
  ): Promise<void>;
  /** The log's events after index `after` (-1: all); `undefined` for an unknown or expired stream. */
  readStreamEvents(streamId: string, after: number): Promise<StreamLogRead | undefined>;
}

/**
 * Where agent sessions keep their history and their streamed prompts' event logs. Kept small and
 * async so that a database can back it: `lock` must be exclusive across every process sharing the
 * store.
 */
export interface SessionStore extends PromptStreamLog {
  /** The session's messages, oldest first; empty for a session never used. */
  load(key: SessionKey): Promise<ModelMessage[]>;
  /** Appends messages atomically (all or none) after the existing ones. */
  append(key: SessionKey, messages: readonly ModelMessage[]): Promise<void>;
  lock(key: SessionKey, options: SessionLockOptions): Promise<SessionLock | undefined>;
  close?(): Promise<void>;
}

/** A collision-free string form of a key (names and ids may contain any character). */
export function sessionKeyString(key: SessionKey): string {
  return JSON.stringify([key.agent, key.id, key.session]);
}
