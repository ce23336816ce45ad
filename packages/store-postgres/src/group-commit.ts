import { FOREIGN_KEY_VIOLATION, sqlState } from "./json.js";

/** A failed write: a foreign-key violation (its response is gone) stores nothing and succeeds. */
function settle(entry: { done(): void; failed(error: unknown): void }, error: unknown): void {
  if (sqlState(error) === FOREIGN_KEY_VIOLATION) entry.done();
  else entry.failed(error);
}

/** SQLSTATE class 23: a row broke a constraint (a foreign key, a unique key). */
const isConstraintViolation = (error: unknown) => sqlState(error)?.startsWith("23") === true;

/** Writes taken together in one statement. */
const MAX_BATCH = 256;

/**
 * Group commit: calls made while a batch is being written wait, and then go out together in one
 * statement (`write`), so under load one round trip and one commit carry the writes of many
 * concurrent requests instead of one each. Each call resolves once its own rows are committed.
 *
 * `writers` bounds the batch statements in flight: more would only queue for the same
 * connections. PGlite has a single connection, so one writer there makes the batches largest.
 *
 * A foreign-key violation means a response was deleted while its write waited: like a write for a
 * response that never existed, it stores nothing and succeeds. Any other constraint violation (a
 * response put as new whose id is taken) fails that write. In a batch, the batch is written again
 * one by one, so that only the offending writes are dropped or fail.
 */
export class GroupWriter<T> {
  readonly #queue: Array<{ item: T; done(): void; failed(error: unknown): void }> = [];
  readonly #write: (batch: T[]) => Promise<void>;
  readonly #writers: number;
  #active = 0;
  #scheduled = false;

  constructor(write: (batch: T[]) => Promise<void>, writers: number) {
    this.#write = write;
    this.#writers = writers;
  }

  add(item: T): Promise<void> {
    return new Promise((done, failed) => {
      this.#queue.push({ item, done, failed });
      this.#schedule();
    });
  }

  /**
   * Starts a writer once the requests already read by this turn of the event loop have queued
   * their writes too (`setImmediate`): started at once, it would carry the first write alone, and
   * on PGlite, which blocks the thread while it runs a statement, the others would queue only after.
   */
  #schedule(): void {
    if (this.#scheduled || this.#active >= this.#writers) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (this.#queue.length > 0) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#active++;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MAX_BATCH);
        try {
          await this.#write(batch.map((entry) => entry.item));
          for (const entry of batch) entry.done();
        } catch (error) {
          if (!isConstraintViolation(error) || batch.length === 1) {
            for (const entry of batch) settle(entry, error);
            continue;
          }
          // One write broke a constraint: written one by one, only that write is affected.
          for (const entry of batch) {
            try {
              await this.#write([entry.item]);
              entry.done();
            } catch (single) {
              settle(entry, single);
            }
          }
        }
      }
    } finally {
      this.#active--;
    }
  }
}

/** The last entry per key, in the order keys first appeared: as if the writes had run one after another. */
export function lastPerKey<T>(batch: T[], key: (item: T) => string): Map<string, T> {
  const latest = new Map<string, T>();
  for (const item of batch) latest.set(key(item), item);
  return latest;
}
