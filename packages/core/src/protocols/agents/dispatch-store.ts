import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { createLogger } from "../../observability/logger.js";
import type { DispatchAdmission, DispatchJob, DispatchQueue, DispatchStats } from "./dispatch.js";

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

interface MemoryEntry {
  record: DispatchRecord;
  seq: number;
  availableAt: number;
  lease?: string;
}

/** Admission in process memory: accepted work does not survive the process. */
export function memoryDispatchStore(options: DispatchStoreOptions = {}): DispatchStore {
  const config = { ...DISPATCH_DEFAULTS, ...options };
  const entries = new Map<string, MemoryEntry>();
  const listeners = new Set<() => void>();
  let seq = 0;

  const owned = (claim: DispatchClaim): MemoryEntry | undefined => {
    const entry = entries.get(claim.dispatchId);
    return entry?.record.status === "running" && entry.lease === claim.lease ? entry : undefined;
  };
  const snapshot = (entry: MemoryEntry): DispatchRecord => structuredClone(entry.record);

  return {
    visibilityTimeoutMs: config.visibilityTimeoutMs,

    async enqueue(request) {
      const existing = entries.get(request.dispatchId);
      if (existing) return { dispatchId: request.dispatchId, acceptedAt: existing.record.acceptedAt, duplicate: true };
      const now = Date.now();
      const { acceptedAt = now, ...rest } = structuredClone(request);
      const record: DispatchRecord = {
        ...rest,
        acceptedAt,
        status: "pending",
        attempts: 0,
        maxAttempts: config.maxAttempts,
      };
      entries.set(request.dispatchId, { record, seq: seq++, availableAt: now });
      for (const listener of listeners) listener();
      return { dispatchId: request.dispatchId, acceptedAt, duplicate: false };
    },

    async claim() {
      const now = Date.now();
      let next: MemoryEntry | undefined;
      for (const entry of entries.values()) {
        const { status } = entry.record;
        if ((status !== "pending" && status !== "running") || entry.availableAt > now) continue;
        if (status === "running" && entry.record.attempts >= entry.record.maxAttempts) {
          entry.record.status = "dead";
          entry.record.lastError = "lease expired on the last attempt";
          entry.lease = undefined;
          continue;
        }
        if (
          !next ||
          entry.availableAt < next.availableAt ||
          (entry.availableAt === next.availableAt && entry.seq < next.seq)
        ) {
          next = entry;
        }
      }
      if (!next) return undefined;
      next.record.status = "running";
      next.record.attempts++;
      next.lease = newLease();
      next.availableAt = now + config.visibilityTimeoutMs;
      return { ...snapshot(next), status: "running", lease: next.lease };
    },

    async renew(claim) {
      const entry = owned(claim);
      if (!entry) return false;
      entry.availableAt = Date.now() + config.visibilityTimeoutMs;
      return true;
    },

    async complete(claim, result) {
      const entry = owned(claim);
      if (!entry) return false;
      entry.record.status = "done";
      if (result !== undefined) entry.record.result = structuredClone(result);
      entry.lease = undefined;
      return true;
    },

    async fail(claim, error) {
      const entry = owned(claim);
      if (!entry) return "lost";
      entry.record.lastError = error;
      entry.lease = undefined;
      if (entry.record.attempts >= entry.record.maxAttempts) {
        entry.record.status = "dead";
        return "dead";
      }
      entry.record.status = "pending";
      entry.availableAt = Date.now() + dispatchBackoff(entry.record.attempts, config);
      return "retry";
    },

    async release(claim) {
      const entry = owned(claim);
      if (!entry) return false;
      entry.record.status = "pending";
      entry.record.attempts--;
      entry.lease = undefined;
      entry.availableAt = Date.now();
      for (const listener of listeners) listener();
      return true;
    },

    async get(dispatchId) {
      const entry = entries.get(dispatchId);
      return entry && snapshot(entry);
    },

    async onAvailable(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async stats() {
      let depth = 0;
      let oldest = Number.POSITIVE_INFINITY;
      for (const { record } of entries.values()) {
        if (record.status !== "pending" && record.status !== "running") continue;
        depth++;
        oldest = Math.min(oldest, record.acceptedAt);
      }
      return { depth, oldestAgeMs: depth === 0 ? 0 : Math.max(0, Date.now() - oldest) };
    },
  };
}

export interface DispatchWorkerOptions {
  /** Claims processed at the same time (default 4). */
  concurrency?: number;
  /** How often to look for due work without a wake-up (default 1 s). */
  pollIntervalMs?: number;
  /** How often a running claim's lease is renewed (default: a third of the store's visibility timeout). */
  renewIntervalMs?: number;
  /** Called when the queue itself fails (a lost database connection); the worker keeps going. */
  onError?: (error: unknown) => void;
}

/**
 * Processes one claim. Resolving completes it with the value as its result; throwing fails it
 * (retry with backoff, dead after the last attempt). `signal` aborts when the worker stops or the
 * lease is lost, so the work should stop then.
 */
export type DispatchHandler = (claim: DispatchClaim, signal: AbortSignal) => Promise<unknown>;

export interface DispatchWorker {
  /** Stops claiming, aborts running handlers and hands their claims back. */
  stop(): Promise<void>;
}

/** Runs `handle` over the queue's due work until stopped. */
export function startDispatchWorker(
  queue: DispatchStore,
  handle: DispatchHandler,
  options: DispatchWorkerOptions = {},
): DispatchWorker {
  const concurrency = options.concurrency ?? 4;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const renewIntervalMs = options.renewIntervalMs ?? Math.max(10, Math.floor(queue.visibilityTimeoutMs / 3));
  const onError = options.onError ?? ((error) => createLogger().error({ err: error }, "dispatch queue error"));
  const stopping = new AbortController();
  const running = new Set<Promise<void>>();
  let wake: (() => void) | undefined;
  let woken = false;
  const poke = () => {
    woken = true;
    wake?.();
  };
  const subscribed = queue.onAvailable(poke);

  const work = async (claim: DispatchClaim): Promise<void> => {
    const lost = new AbortController();
    const signal = AbortSignal.any([stopping.signal, lost.signal]);
    const renewal = setInterval(() => {
      queue.renew(claim).then((kept) => {
        if (!kept) lost.abort(new DOMException("dispatch lease lost", "AbortError"));
      }, onError);
    }, renewIntervalMs);
    try {
      let result: unknown;
      try {
        result = await handle(claim, signal);
      } catch (error) {
        // An AbortError means the work was interrupted (shutdown), not that it failed: no attempt is spent.
        if (stopping.signal.aborted || (error as { name?: unknown } | null)?.name === "AbortError")
          await queue.release(claim);
        else if (!lost.signal.aborted) await queue.fail(claim, error instanceof Error ? error.message : String(error));
        return;
      }
      // Once stopping began, the abort may have cut the handler short, so its work is handed back.
      // Work whose effects completed the claim themselves (see activeDispatch) has nothing to hand back.
      if (stopping.signal.aborted) await queue.release(claim);
      else await queue.complete(claim, result);
    } catch (error) {
      onError(error);
    } finally {
      clearInterval(renewal);
      poke();
    }
  };

  const loop = async () => {
    while (!stopping.signal.aborted) {
      woken = false;
      if (running.size < concurrency) {
        let claim: DispatchClaim | undefined;
        try {
          claim = await queue.claim();
        } catch (error) {
          onError(error);
        }
        if (claim && !stopping.signal.aborted) {
          const task = work(claim).finally(() => running.delete(task));
          running.add(task);
          continue;
        }
        if (claim) {
          await queue.release(claim).catch(onError);
          break;
        }
      }
      if (woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, pollIntervalMs);
        stopping.signal.addEventListener("abort", done, { once: true });
        wake = done;
        function done() {
          clearTimeout(timer);
          stopping.signal.removeEventListener("abort", done);
          wake = undefined;
          resolve();
        }
      });
    }
  };
  const looping = loop();

  return {
    async stop() {
      if (!stopping.signal.aborted) {
        void subscribed.then((unsubscribe) => unsubscribe());
        stopping.abort(new DOMException("dispatch worker stopped", "AbortError"));
      }
      await looping;
      await Promise.all(running);
    },
  };
}

/**
 * The claim whose work is running in the current async context. A store that keeps session
 * histories next to its dispatch records (SQL) reads it in `SessionStore.append`, to record the
 * history and complete the dispatch in one transaction: a crash before the commit leaves both
 * undone (the dispatch is redelivered), a crash after leaves both done, so each dispatch lands in
 * the history once.
 */
export const activeDispatch = new AsyncLocalStorage<DispatchClaim>();

/**
 * The agents protocol's admission queue on top of a DispatchStore: `enqueue` records the job
 * (durably, for a durable store) and workers in every process sharing the store deliver it.
 */
export function dispatchQueueFrom(store: DispatchStore, options: DispatchWorkerOptions = {}): DispatchQueue {
  let worker: DispatchWorker | undefined;
  return {
    async enqueue(job: DispatchJob): Promise<DispatchAdmission> {
      const acceptedAt = Date.parse(job.acceptedAt);
      const acceptance = await store.enqueue({
        dispatchId: job.dispatchId,
        agent: job.agent,
        id: job.id,
        session: job.session,
        input: job.input,
        ...(Number.isFinite(acceptedAt) ? { acceptedAt } : {}),
      });
      return { acceptedAt: new Date(acceptance.acceptedAt).toISOString() };
    },
    start(run, onError) {
      if (worker) throw new Error("the dispatch queue is already started");
      worker = startDispatchWorker(
        store,
        (claim) =>
          activeDispatch.run(claim, () =>
            run({
              dispatchId: claim.dispatchId,
              agent: claim.agent,
              id: claim.id,
              session: claim.session,
              input: claim.input,
              acceptedAt: new Date(claim.acceptedAt).toISOString(),
            }),
          ),
        { ...options, onError: options.onError ?? onError },
      );
    },
    stats: store.stats ? () => store.stats!() : undefined,
    async close() {
      await worker?.stop();
    },
  };
}
