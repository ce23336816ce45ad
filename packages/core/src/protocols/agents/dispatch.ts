/** Work accepted by `POST /agents/{name}/{id}/dispatch`, as a queue stores it. */
export interface DispatchJob {
  /** Unique per queue (the protocol scopes caller-chosen ids to their agent instance). */
  dispatchId: string;
  agent: string;
  id: string;
  session: string;
  /** The dispatch body's `input`, any JSON value. */
  input: unknown;
  /** RFC 3339 time of admission. */
  acceptedAt: string;
}

/** What a queue says about an admitted job. */
export interface DispatchAdmission {
  /** RFC 3339 time of the first acceptance of this `dispatchId` (a repeat is not enqueued again). */
  acceptedAt: string;
}

/**
 * Admission and delivery of dispatched work. `enqueue` stores the job (durably, for a durable
 * queue); `start` delivers jobs to the protocol's worker in every process sharing the queue. A job
 * whose worker promise rejects is failed (and retried as the queue sees fit); one that resolves is
 * done.
 */
export interface DispatchQueue {
  /** Resolves once the job is accepted; with its admission when the queue knows of an earlier one. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a queue that keeps no admission record just resolves
  enqueue(job: DispatchJob): Promise<DispatchAdmission | undefined | void>;
  /** `onError` hears the queue's own failures (a store it cannot reach, a lease it cannot renew). */
  start(worker: (job: DispatchJob) => Promise<void>, onError?: (error: unknown) => void): void;
  /** Work waiting or running, for the dispatch queue metrics; absent when the queue cannot tell. */
  stats?(): Promise<DispatchStats>;
  /** Stops delivering; waits for jobs already handed to the worker. */
  close(): Promise<void>;
}

export interface DispatchStats {
  /** Records pending or running. */
  depth: number;
  /** Milliseconds since the oldest of them was accepted; 0 when there is none. */
  oldestAgeMs: number;
}
