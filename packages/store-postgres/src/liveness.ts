import { randomBytes } from "node:crypto";
import type { Database } from "./database.js";

/**
 * This store's process as other processes sharing the database see it: a random key that rows
 * record as "being worked on by", and a way to tell, in SQL, whether the process that wrote a key
 * is still alive. On Postgres the key is held as an advisory lock for as long as the database
 * connection lives, so a process killed with -9 is seen as gone as soon as Postgres drops its
 * connection (the mechanism the dispatch queue's claims use). A PGlite database belongs to one
 * process, so there the live keys are simply the stores open on it.
 */
export interface ProcessLiveness {
  /** A positive 62-bit integer, as text (bigint columns). */
  readonly key: string;
  /** Makes `key` visible as alive; resolves before a row may record it. */
  register(): Promise<void>;
  /** SQL true when the process whose key is in `column` is gone; its parameters are numbered from `$first`. */
  gone(column: string, first: number): { sql: string; params: unknown[] };
  /** Stops claiming to be alive (the store is closing). */
  close(): void;
}

/** Process keys of the stores open on each PGlite database; one process owns it, so no others are alive. */
const pgliteKeys = new WeakMap<Database, Set<string>>();

export function processLiveness(db: Database): ProcessLiveness {
  const key = (BigInt.asUintN(62, randomBytes(8).readBigUInt64BE(0)) || 1n).toString();
  let registered: Promise<void> | undefined;
  return {
    key,
    register() {
      registered ??= (async () => {
        if (db.advisoryLocks) await db.advisoryLocks.holdWhileOpen(BigInt(key));
        else {
          const keys = pgliteKeys.get(db) ?? new Set<string>();
          pgliteKeys.set(db, keys);
          keys.add(key);
        }
      })();
      registered.catch(() => {
        registered = undefined;
      });
      return registered;
    },
    gone(column, first) {
      // A bigint advisory lock shows in pg_locks as two 32-bit halves.
      return db.advisoryLocks
        ? {
            sql: `NOT EXISTS (SELECT 1 FROM pg_locks l
                   WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                     AND l.classid::bigint = (${column} >> 32) AND l.objid::bigint = (${column} & 4294967295))`,
            params: [],
          }
        : { sql: `NOT (${column}::text = ANY($${first}::text[]))`, params: [[...(pgliteKeys.get(db) ?? [])]] };
    },
    close() {
      pgliteKeys.get(db)?.delete(key);
    },
  };
}
