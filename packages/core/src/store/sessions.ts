import type { ModelMessage } from "../model/types.js";

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

/**
 * Where agent sessions keep their history. Kept small and async so that a database can back it:
 * `lock` must be exclusive across every process sharing the store.
 */
export interface SessionStore {
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
