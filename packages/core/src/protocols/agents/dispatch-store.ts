// The contract of a dispatch store (what every implementation keeps and how a claim behaves) and
// the defaults and helpers the implementations share. The memory implementation
// (dispatch-memory.ts), the SQL ones (@switchboard/store-postgres) and the worker that drains any
// of them (dispatch-worker.ts) live apart, each built against this file alone.

import { randomBytes } from "node:crypto";
import type { DispatchStats } from "./dispatch.js";

/** Work handed to an agent session in the background (`POST /agents/{name}/{id}/dispatch`). */
export interface DispatchRequest {
  /** Chosen by the caller or the server; accepting the same id twice accepts it once. */
  dispatchId: string;
  agent: string;
  id: string;
  session: string;
  /** Any JSON value. */
  input: unknown;
  /** Epoch milliseconds of admission; now when absent. */
  acceptedAt?: number;
}

export type DispatchStatus = "pending" | "running" | "done" | "dead";

export interface DispatchRecord extends Omit<DispatchRequest, "acceptedAt"> {
  /** Epoch milliseconds of the first acceptance. */
  acceptedAt: number;
  status: DispatchStatus;
  /** Claims so far, including one that is running or was lost in a crash. */
  attempts: number;
  maxAttempts: number;
  /** Why the last attempt failed (the dead-letter reason once `dead`). */
  lastError?: string;
  /** What `complete` recorded (any JSON value). */
  result?: unknown;
}

/** A record taken by one worker, hidden from the others until its lease runs out. */
export interface DispatchClaim extends DispatchRecord {
  status: "running";
  /** Proves the claim is still this worker's: a lease that ran out was taken over by another. */
  lease: string;
}

export interface DispatchAcceptance {
  dispatchId: string;
  acceptedAt: number;
  /** True when the id was already accepted (nothing new was enqueued). */
  duplicate: boolean;
}

export interface DispatchStoreOptions {
  /** Attempts before a record goes to the dead-letter state (default 5). */
  maxAttempts?: number;
  /** Lease of a claim: unless renewed or settled by then, another worker may take it (default 30 s). */
  visibilityTimeoutMs?: number;
  /** Wait before the second attempt; doubles per attempt (default 1 s). */
  backoffMs?: number;
  /** Longest wait between attempts (default 60 s). */
  maxBackoffMs?: number;
}

/**
 * Dispatch admission. Delivery is at least once: a worker that dies holding a claim loses it when
 * the lease runs out and the record is claimed again, counting another attempt. `complete` with a
 * lost lease reports `false` and changes nothing, so a record is completed once.
 */
export interface DispatchStore {
  /** How long a claim stays hidden unless renewed. */
  readonly visibilityTimeoutMs: number;
  enqueue(request: DispatchRequest): Promise<DispatchAcceptance>;
  /** Takes the oldest record that is due, or `undefined` when none is. */
  claim(): Promise<DispatchClaim | undefined>;
  /** Renews the lease of a long-running claim; `false` when the lease was lost. */
  renew(claim: DispatchClaim): Promise<boolean>;
  /** Settles a claim as done; `false` (and nothing recorded) when the lease was lost. */
  complete(claim: DispatchClaim, result?: unknown): Promise<boolean>;
  /** Schedules a retry with backoff, or dead-letters the record after its last attempt. */
  fail(claim: DispatchClaim, error: string): Promise<"retry" | "dead" | "lost">;
  /** Hands a claim back untouched (a worker shutting down); the attempt does not count. */
  release(claim: DispatchClaim): Promise<boolean>;
  get(dispatchId: string): Promise<DispatchRecord | undefined>;
  /**
   * Calls `listener` when new work may be due (an enqueue here or, for a shared database, in
   * another process). Workers still poll, for leases and backoffs that run out. Resolves with the
   * unsubscribe function once wake-ups are being received (for a shared database: once its
   * LISTEN is in place), so that work enqueued after that is never missed.
   */
  onAvailable(listener: () => void): Promise<() => void>;
  /** Work not finished yet (pending or running), and how long ago the oldest of it was accepted. */
  stats?(): Promise<DispatchStats>;
  close?(): Promise<void>;
}

export const DISPATCH_DEFAULTS = {
  maxAttempts: 5,
  visibilityTimeoutMs: 30_000,
  backoffMs: 1_000,
  maxBackoffMs: 60_000,
} as const satisfies Required<DispatchStoreOptions>;

/** Wait after failed attempt number `attempts` (1-based). */
export function dispatchBackoff(attempts: number, options: Required<DispatchStoreOptions>): number {
  return Math.min(options.maxBackoffMs, options.backoffMs * 2 ** Math.max(0, attempts - 1));
}

export function newLease(): string {
  return randomBytes(12).toString("base64url");
}
