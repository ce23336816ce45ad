import type { EventBus } from "../store/bus.js";
import { Wakeup } from "../store/wakeup.js";

/** What one read of a stored log found. */
export interface LogRead<T> {
  /** The entries stored since the previous read. */
  items: T[];
  /** The log is complete after these entries: following stops. */
  done?: boolean;
  /** Read again at once instead of waiting (the read changed the log, say). */
  again?: boolean;
}

export interface FollowLogOptions<T> {
  /**
   * What wakes the follower when more is stored: a bus topic, subscribed to for as long as the
   * follow lasts (before the first read, so nothing stored in between is missed), or a `Wakeup`
   * the caller notifies from a subscription of its own.
   */
  wakeOn: { bus: EventBus; topic: string } | Wakeup;
  /** Stops the follow (after the batch being read). */
  signal: AbortSignal;
  /** Longest wait between reads when nothing wakes the follower (a silent bus, a dead writer). */
  pollMs: number;
  /** Reads the entries after those already read; the caller keeps the cursor. */
  read(): Promise<LogRead<T>>;
  /** Wait for a wake-up before the first read (the caller has just read the log itself). */
  waitFirst?: boolean;
}

/**
 * Follows a log kept in a store that another process (or a run in this one) appends to: reads,
 * hands the batch over, waits for a wake-up or `pollMs`, reads again, until a read says the log is
 * done or `signal` aborts. Each read comes from the store, so a slow consumer holds no buffer; it
 * only lags behind the log. Every batch is yielded, an empty one too, so a consumer can do its own
 * periodic work between reads.
 */
export async function* followLog<T>(options: FollowLogOptions<T>): AsyncGenerator<T[]> {
  const { signal, pollMs, read } = options;
  let wakeup: Wakeup;
  let unsubscribe: (() => void) | undefined;
  if (options.wakeOn instanceof Wakeup) wakeup = options.wakeOn;
  else {
    const own = new Wakeup();
    wakeup = own;
    unsubscribe = await options.wakeOn.bus.subscribe(options.wakeOn.topic, () => own.notify());
  }
  try {
    let wait = options.waitFirst === true;
    for (;;) {
      if (wait) {
        await wakeup.wait(signal, pollMs);
        if (signal.aborted) return;
      }
      const batch = await read();
      yield batch.items;
      if (batch.done || signal.aborted) return;
      wait = batch.again !== true;
    }
  } finally {
    unsubscribe?.();
  }
}
