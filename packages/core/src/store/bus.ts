/**
 * Live events between the processes sharing a store: work running in one process publishes, a
 * client attached to another process follows. Delivery is live only (a subscriber sees what is
 * published after its subscription is in place), so a follower subscribes first, then reads the
 * stored log after its cursor, then takes the live messages it has not seen — and publishers store
 * an event before publishing it. Messages are JSON values; topics are free-form strings, by
 * convention `<protocol>:<id>` (e.g. `responses:resp_123`).
 */
import { defaultLogger, type SwitchboardLogger } from "../observability/logger.js";
import { delay } from "../runtime/model/abort.js";
import { isStoreUnavailable } from "./errors.js";

export interface EventBus {
  /** Delivers `message` to every subscriber of `topic`, in this process and others. */
  publish(topic: string, message: unknown): Promise<void>;
  /**
   * Resolves once messages published from then on will reach `listener`; call the returned function
   * to stop. The listener runs synchronously with delivery and must not throw.
   */
  subscribe(topic: string, listener: (message: unknown) => void): Promise<() => void>;
  close?(): Promise<void>;
}

/** Subscribers per topic, shared by the bus implementations. */
export class TopicListeners {
  readonly #topics = new Map<string, Set<(message: unknown) => void>>();

  add(topic: string, listener: (message: unknown) => void): () => void {
    let set = this.#topics.get(topic);
    if (!set) {
      set = new Set();
      this.#topics.set(topic, set);
    }
    // A wrapper, so one function subscribed twice is two subscriptions and each unsubscribes once.
    const entry = (message: unknown) => listener(message);
    set.add(entry);
    return () => {
      set.delete(entry);
      if (set.size === 0 && this.#topics.get(topic) === set) this.#topics.delete(topic);
    };
  }

  has(topic: string): boolean {
    return this.#topics.has(topic);
  }

  deliver(topic: string, message: unknown): void {
    const set = this.#topics.get(topic);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(message);
      } catch (error) {
        defaultLogger().error({ err: error, topic }, "event bus listener threw");
      }
    }
  }
}

/**
 * A bus for one process. Listeners get a JSON copy, as they would from another process, so a
 * publisher that later mutates its object changes nothing they hold.
 */
export function memoryBus(): EventBus {
  const listeners = new TopicListeners();
  return {
    async publish(topic, message) {
      if (!listeners.has(topic)) return;
      const text = JSON.stringify(message);
      listeners.deliver(topic, text === undefined ? undefined : JSON.parse(text));
    },
    async subscribe(topic, listener) {
      return listeners.add(topic, listener);
    },
  };
}

const RESUBSCRIBE_FIRST_MS = 250;
const RESUBSCRIBE_MAX_MS = 5_000;

/**
 * A subscription a process keeps for its whole life (signals other processes send it). A store
 * that cannot be reached when it is made (starting while Postgres restarts) is tried again with
 * backoff, with one warning, rather than leaving the process deaf to those signals until it
 * restarts. Resolves with the unsubscribe function, or with undefined once `closing` aborts or the
 * bus fails for another reason (logged as an error).
 */
export async function lastingSubscription(
  subscribe: () => Promise<() => void>,
  options: { closing: AbortSignal; logger: SwitchboardLogger; what: string },
): Promise<(() => void) | undefined> {
  const { closing, logger, what } = options;
  let waitMs = RESUBSCRIBE_FIRST_MS;
  for (let attempt = 0; !closing.aborted; attempt++) {
    try {
      const unsubscribe = await subscribe();
      if (attempt > 0) logger.info(`${what}: bus subscription in place after the store came back`);
      return unsubscribe;
    } catch (error) {
      if (!isStoreUnavailable(error)) {
        logger.error({ err: error }, `${what}: bus subscription failed`);
        return undefined;
      }
      if (attempt === 0) logger.warn({ err: error }, `${what}: bus subscription waits for the store`);
    }
    // Ends early when the server closes; the loop's condition then stops it.
    await delay(waitMs, closing).catch(() => {});
    waitMs = Math.min(waitMs * 2, RESUBSCRIBE_MAX_MS);
  }
  return undefined;
}
