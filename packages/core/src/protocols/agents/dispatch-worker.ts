// Delivery from a DispatchStore: the worker that claims due records and runs them (renewing,
// completing, failing or handing back each claim), and the protocol's DispatchQueue built on it.
// Apart from the store contract and its implementations because it works the same over any of them.

import { AsyncLocalStorage } from "node:async_hooks";
import { createLogger } from "../../observability/logger.js";
import type { DispatchAdmission, DispatchJob, DispatchQueue } from "./dispatch.js";
import type { DispatchClaim, DispatchStore } from "./dispatch-store.js";

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
