import { randomBytes } from "node:crypto";
import {
  createLogger,
  DISPATCH_DEFAULTS,
  type DispatchClaim,
  type DispatchRecord,
  type DispatchStore,
  type DispatchStoreOptions,
  newLease,
  type SwitchboardLogger,
} from "@switchboard/core";
import type { Database } from "./database.js";
import { toJson } from "./json.js";

interface DispatchRow {
  dispatch_id: string;
  agent: string;
  instance_id: string;
  session: string;
  input: unknown;
  accepted_ms: number | string;
  status: DispatchRecord["status"];
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  result: unknown;
  lease: string | null;
}

const COLUMNS = `dispatch_id, agent, instance_id, session, input, status, attempts, max_attempts, last_error, result, lease,
  (extract(epoch FROM accepted_at) * 1000)::float8 AS accepted_ms`;

function toRecord(row: DispatchRow): DispatchRecord {
  const record: DispatchRecord = {
    dispatchId: row.dispatch_id,
    agent: row.agent,
    id: row.instance_id,
    session: row.session,
    input: row.input,
    acceptedAt: Math.round(Number(row.accepted_ms)),
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  };
  if (row.last_error !== null) record.lastError = row.last_error;
  if (row.result !== null) record.result = row.result;
  return record;
}

/** Owners of the stores open on each PGlite database; PGlite has one process, so no others are alive. */
const pgliteOwners = new WeakMap<Database, Set<string>>();

/** A random positive 62-bit key naming this store instance as the owner of its claims. */
function newOwnerKey(): bigint {
  return BigInt.asUintN(62, randomBytes(8).readBigUInt64BE(0)) || 1n;
}

/**
 * The dispatch queue in SQL (schema `s`, quoted). Claims take the oldest due row with
 * `FOR UPDATE SKIP LOCKED`, so workers in many processes never take the same row at once; a
 * claim's lease is `available_at` moved forward by the visibility timeout, and the database clock
 * decides when it ran out. `wakeChannel` carries a NOTIFY per enqueue so idle workers start at once.
 *
 * A claim also records its owner, a key this store holds as an advisory lock for as long as its
 * database connection lives. A process killed mid-work loses the lock with its connection, and
 * the next claim anywhere takes its work over at once instead of after the visibility timeout.
 */
export function sqlDispatchStore(
  db: Database,
  s: string,
  wakeChannel: string,
  options: DispatchStoreOptions = {},
  logger: SwitchboardLogger = createLogger(),
): DispatchStore {
  const config = { ...DISPATCH_DEFAULTS, ...options };
  const visibility = `${config.visibilityTimeoutMs} milliseconds`;
  const listeners = new Set<() => void>();
  const notifyAll = () => {
    for (const listener of [...listeners]) listener();
  };
  let unlisten: Promise<() => Promise<void>> | undefined;

  const leaseHeld = `dispatch_id = $1 AND lease = $2 AND status = 'running'`;
  const owner = newOwnerKey();
  let registered: Promise<void> | undefined;
  const register = () => {
    registered ??= (async () => {
      if (db.advisoryLocks) await db.advisoryLocks.holdWhileOpen(owner);
      else {
        let owners = pgliteOwners.get(db);
        if (!owners) {
          owners = new Set();
          pgliteOwners.set(db, owners);
        }
        owners.add(owner.toString());
      }
    })();
    registered.catch(() => {
      registered = undefined;
    });
    return registered;
  };
  /** SQL true for a running row whose owner is gone, with its parameters from `$first` on. */
  const ownerGone = (first: number): { sql: string; params: unknown[] } =>
    db.advisoryLocks
      ? {
          sql: `NOT EXISTS (SELECT 1 FROM pg_locks l
                 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND l.classid::bigint = (d.owner >> 32) AND l.objid::bigint = (d.owner & 4294967295))`,
          params: [],
        }
      : { sql: `NOT (d.owner::text = ANY($${first}::text[]))`, params: [[...(pgliteOwners.get(db) ?? [])]] };

  return {
    visibilityTimeoutMs: config.visibilityTimeoutMs,

    async enqueue(request) {
      const acceptedAt = request.acceptedAt === undefined ? null : new Date(request.acceptedAt).toISOString();
      const [inserted] = await db.query<{ accepted_ms: number | string }>(
        `INSERT INTO ${s}.dispatches (dispatch_id, agent, instance_id, session, input, max_attempts, accepted_at)
         VALUES ($1, $2, $3, $4, $5::json, $6, coalesce($7::timestamptz, now()))
         ON CONFLICT (dispatch_id) DO NOTHING
         RETURNING (extract(epoch FROM accepted_at) * 1000)::float8 AS accepted_ms`,
        [
          request.dispatchId,
          request.agent,
          request.id,
          request.session,
          toJson(request.input),
          config.maxAttempts,
          acceptedAt,
        ],
      );
      if (inserted) {
        await db.query("SELECT pg_notify($1, '')", [wakeChannel]);
        return {
          dispatchId: request.dispatchId,
          acceptedAt: Math.round(Number(inserted.accepted_ms)),
          duplicate: false,
        };
      }
      const [existing] = await db.query<{ accepted_ms: number | string }>(
        `SELECT (extract(epoch FROM accepted_at) * 1000)::float8 AS accepted_ms FROM ${s}.dispatches WHERE dispatch_id = $1`,
        [request.dispatchId],
      );
      if (!existing) throw new Error(`dispatch ${request.dispatchId} vanished while it was being accepted`);
      return { dispatchId: request.dispatchId, acceptedAt: Math.round(Number(existing.accepted_ms)), duplicate: true };
    },

    async claim() {
      await register();
      return db.transaction(async (tx) => {
        for (;;) {
          const gone = ownerGone(1);
          const [row] = await tx.query<DispatchRow>(
            `SELECT ${COLUMNS} FROM ${s}.dispatches d
             WHERE (d.status = 'pending' AND d.available_at <= now())
                OR (d.status = 'running' AND (d.available_at <= now() OR (d.owner IS NOT NULL AND ${gone.sql})))
             ORDER BY d.available_at, d.seq LIMIT 1 FOR UPDATE OF d SKIP LOCKED`,
            gone.params,
          );
          if (!row) return undefined;
          if (row.status === "running" && row.attempts >= row.max_attempts) {
            // Its last holder died (or stalled past its lease) on the final attempt.
            await tx.query(
              `UPDATE ${s}.dispatches SET status = 'dead', lease = NULL, updated_at = now(),
                 last_error = 'lease expired on the last attempt' WHERE dispatch_id = $1`,
              [row.dispatch_id],
            );
            continue;
          }
          const lease = newLease();
          const [claimed] = await tx.query<DispatchRow>(
            `UPDATE ${s}.dispatches SET status = 'running', attempts = attempts + 1, lease = $2, owner = $4::bigint,
               available_at = now() + $3::interval, updated_at = now()
             WHERE dispatch_id = $1 RETURNING ${COLUMNS}`,
            [row.dispatch_id, lease, visibility, owner.toString()],
          );
          return { ...toRecord(claimed!), status: "running", lease } satisfies DispatchClaim;
        }
      });
    },

    async renew(claim) {
      const rows = await db.query(
        `UPDATE ${s}.dispatches SET available_at = now() + $3::interval, updated_at = now()
         WHERE ${leaseHeld} RETURNING dispatch_id`,
        [claim.dispatchId, claim.lease, visibility],
      );
      return rows.length > 0;
    },

    async complete(claim, result) {
      const rows = await db.query(
        `UPDATE ${s}.dispatches SET status = 'done', lease = NULL, result = $3::json, updated_at = now()
         WHERE ${leaseHeld} RETURNING dispatch_id`,
        [claim.dispatchId, claim.lease, result === undefined ? null : toJson(result)],
      );
      return rows.length > 0;
    },

    async fail(claim, error) {
      const [row] = await db.query<{ status: "pending" | "dead" }>(
        `UPDATE ${s}.dispatches SET lease = NULL, last_error = $3, updated_at = now(),
           status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'pending' END,
           available_at = now() + (least($4::float8 * power(2, greatest(attempts - 1, 0)), $5::float8) * interval '1 millisecond')
         WHERE ${leaseHeld} RETURNING status`,
        [claim.dispatchId, claim.lease, error, config.backoffMs, config.maxBackoffMs],
      );
      if (!row) return "lost";
      return row.status === "dead" ? "dead" : "retry";
    },

    async release(claim) {
      const rows = await db.query(
        `UPDATE ${s}.dispatches SET status = 'pending', lease = NULL, attempts = attempts - 1,
           available_at = now(), updated_at = now()
         WHERE ${leaseHeld} RETURNING dispatch_id`,
        [claim.dispatchId, claim.lease],
      );
      if (rows.length > 0) await db.query("SELECT pg_notify($1, '')", [wakeChannel]);
      return rows.length > 0;
    },

    async get(dispatchId) {
      const [row] = await db.query<DispatchRow>(`SELECT ${COLUMNS} FROM ${s}.dispatches WHERE dispatch_id = $1`, [
        dispatchId,
      ]);
      return row && toRecord(row);
    },

    async onAvailable(listener) {
      listeners.add(listener);
      if (!unlisten) {
        const listening = db.listen(wakeChannel, notifyAll, notifyAll);
        unlisten = listening;
        listening.catch((error: unknown) => {
          if (unlisten === listening) unlisten = undefined;
          logger.warn({ err: error }, "dispatch: cannot LISTEN for new work; workers fall back to polling");
        });
      }
      // Resolved once LISTEN is in place: a NOTIFY sent before would be lost. A LISTEN that
      // failed leaves the workers polling, which is logged above, not the caller's failure.
      await unlisten?.catch(() => undefined);
      return () => listeners.delete(listener);
    },

    async stats() {
      const [row] = await db.query<{ depth: number; oldest_ms: number | null }>(
        `SELECT count(*)::integer AS depth,
                (extract(epoch FROM now() - min(accepted_at)) * 1000)::float8 AS oldest_ms
           FROM ${s}.dispatches WHERE status IN ('pending', 'running')`,
      );
      return { depth: row?.depth ?? 0, oldestAgeMs: Math.max(0, row?.oldest_ms ?? 0) };
    },

    async close() {
      listeners.clear();
      pgliteOwners.get(db)?.delete(owner.toString());
      const stop = await unlisten?.catch(() => undefined);
      await stop?.();
    },
  };
}
