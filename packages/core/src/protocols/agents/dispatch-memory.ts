// The in-process DispatchStore, the default when no durable store is configured. Apart from the
// contract (dispatch-store.ts) so that the durable stores are read against the interface, not
// against this one implementation.

import {
  DISPATCH_DEFAULTS,
  type DispatchClaim,
  type DispatchRecord,
  type DispatchStore,
  type DispatchStoreOptions,
  dispatchBackoff,
  newLease,
} from "./dispatch-store.js";

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
