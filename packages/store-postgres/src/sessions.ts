import { createHash } from "node:crypto";
import {
  activeDispatch,
  memorySessionStore,
  type SessionKey,
  type SessionLock,
  type SessionStore,
  sessionKeyString,
} from "@switchboard/core";
import type { Database } from "./database.js";
import { toJson } from "./json.js";
import type { ProcessLiveness } from "./liveness.js";

type ModelMessage = Awaited<ReturnType<SessionStore["load"]>>[number];
type AgentEvent = Parameters<SessionStore["appendStreamEvents"]>[3][number];

/** How often a waiter retries a lock held by another process when no unlock notification came. */
const LOCK_POLL_MS = 250;

/**
 * The in-process half of the locks, one per database and schema: the advisory lock is held by the
 * Database's one lock connection, so it cannot tell two holders in this process apart.
 */
const localLocks = new WeakMap<Database, Map<string, SessionStore>>();

function localLocksOf(db: Database, s: string): SessionStore {
  let bySchema = localLocks.get(db);
  if (!bySchema) {
    bySchema = new Map();
    localLocks.set(db, bySchema);
  }
  let local = bySchema.get(s);
  if (!local) {
    local = memorySessionStore();
    bySchema.set(s, local);
  }
  return local;
}

/**
 * Agent session histories in SQL (schema `s`, quoted). Locks are exclusive within this process
 * first (FIFO, like the memory store) and then, on Postgres, across processes through an advisory
 * lock that a crashed process's connection gives back.
 */
export function sqlSessionStore(
  db: Database,
  s: string,
  unlockChannel: string,
  liveness: ProcessLiveness,
): SessionStore {
  const local = localLocksOf(db, s);
  const advisory = db.advisoryLocks;
  /** Locks this store holds, released by `close` (a closed store must not keep sessions busy). */
  const held = new Set<SessionLock>();
  const waiters = new Set<() => void>();
  /** When this store last deleted expired stream logs (ms); at most once per resume window. */
  let prunedAt = 0;
  let unlisten: Promise<() => Promise<void>> | undefined;

  const wakeWaiters = () => {
    for (const wake of [...waiters]) wake();
  };
  const listenForUnlocks = () => {
    if (!unlisten) {
      const listening = db.listen(unlockChannel, wakeWaiters, wakeWaiters);
      unlisten = listening;
      // Waiters still poll; a later wait tries to listen again.
      listening.catch(() => {
        if (unlisten === listening) unlisten = undefined;
      });
    }
    return unlisten;
  };

  const track = (lock: SessionLock): SessionLock => {
    const tracked: SessionLock = {
      async release() {
        held.delete(tracked);
        await lock.release();
      },
    };
    held.add(tracked);
    return tracked;
  };

  const waitForUnlock = (signal: AbortSignal | undefined) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, LOCK_POLL_MS);
      waiters.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });

  return {
    async load(key) {
      const rows = await db.query<{ body: ModelMessage }>(
        `SELECT body FROM ${s}.session_messages WHERE agent = $1 AND instance_id = $2 AND session = $3
         ORDER BY position`,
        [key.agent, key.id, key.session],
      );
      return rows.map((row) => row.body);
    },

    async append(key, messages) {
      const claim = activeDispatch.getStore();
      const dispatch =
        claim && claim.agent === key.agent && claim.id === key.id && claim.session === key.session ? claim : undefined;
      if (messages.length === 0 && !dispatch) return;
      await db.transaction(async (tx) => {
        if (dispatch) {
          const settled = await tx.query(
            `UPDATE ${s}.dispatches SET status = 'done', lease = NULL, updated_at = now()
             WHERE dispatch_id = $1 AND status IN ('pending', 'running') RETURNING dispatch_id`,
            [dispatch.dispatchId],
          );
          // Another delivery of the same dispatch already recorded its turn: this one adds nothing.
          if (settled.length === 0) return;
        }
        if (messages.length === 0) return;
        // Upserting the session row locks it, so concurrent appends take turns on the positions.
        const [row] = await tx.query<{ message_count: number }>(
          `INSERT INTO ${s}.sessions (agent, instance_id, session, message_count) VALUES ($1, $2, $3, $4)
           ON CONFLICT (agent, instance_id, session)
           DO UPDATE SET message_count = ${s}.sessions.message_count + excluded.message_count, updated_at = now()
           RETURNING message_count`,
          [key.agent, key.id, key.session, messages.length],
        );
        const start = row!.message_count - messages.length;
        await tx.query(
          `INSERT INTO ${s}.session_messages (agent, instance_id, session, position, body, dispatch_id)
           SELECT $1, $2, $3, $4::integer + t.ord - 1, t.elem, $6
           FROM json_array_elements($5::json) WITH ORDINALITY AS t (elem, ord)`,
          [key.agent, key.id, key.session, start, toJson(messages), dispatch?.dispatchId ?? null],
        );
      });
    },

    async appendStreamEvents(streamId, key, from, events, { ended, keepMs }) {
      if (Date.now() - prunedAt >= keepMs) {
        prunedAt = Date.now();
        await db.query(`DELETE FROM ${s}.agent_streams WHERE expires_at <= now()`);
      }
      await liveness.register();
      // One statement, so the events and the end mark commit together and cost one round trip.
      await db.query(
        `WITH stream AS (
           INSERT INTO ${s}.agent_streams (stream_id, agent, instance_id, session, event_count, ended, expires_at, owner_key)
           VALUES ($1, $2, $3, $4, $5::integer + $6::integer, $7, now() + $8::integer * interval '1 millisecond', $10::bigint)
           ON CONFLICT (stream_id) DO UPDATE SET
             event_count = GREATEST(${s}.agent_streams.event_count, excluded.event_count),
             ended = ${s}.agent_streams.ended OR excluded.ended,
             expires_at = excluded.expires_at,
             owner_key = excluded.owner_key
           RETURNING stream_id
         )
         INSERT INTO ${s}.agent_stream_events (stream_id, idx, body)
         SELECT (SELECT stream_id FROM stream), $5::integer + t.ord - 1, t.elem
         FROM json_array_elements($9::json) WITH ORDINALITY AS t (elem, ord)
         ON CONFLICT DO NOTHING`,
        [
          streamId,
          key.agent,
          key.id,
          key.session,
          from,
          events.length,
          ended,
          Math.ceil(keepMs),
          toJson(events),
          liveness.key,
        ],
      );
    },

    async readStreamEvents(streamId, after) {
      const gone = liveness.gone("st.owner_key", 3);
      // One statement: the end mark and the events come from the same snapshot.
      const rows = await db.query<{
        agent: string;
        instance_id: string;
        session: string;
        event_count: number;
        ended: boolean;
        abandoned: boolean;
        body: AgentEvent | null;
      }>(
        `SELECT st.agent, st.instance_id, st.session, st.event_count, st.ended, e.body,
           (NOT st.ended AND (st.owner_key IS NULL OR ${gone.sql})) AS abandoned
         FROM ${s}.agent_streams st
         LEFT JOIN ${s}.agent_stream_events e ON e.stream_id = st.stream_id AND e.idx > $2
         WHERE st.stream_id = $1 AND st.expires_at > now()
         ORDER BY e.idx`,
        [streamId, after, ...gone.params],
      );
      const [first] = rows;
      if (!first) return undefined;
      return {
        key: { agent: first.agent, id: first.instance_id, session: first.session },
        events: rows.flatMap((row) => (row.body === null ? [] : [row.body])),
        length: first.event_count,
        ended: first.ended,
        abandoned: first.abandoned,
      };
    },

    async lock(key, options): Promise<SessionLock | undefined> {
      const inProcess = await local.lock(key, options);
      if (!inProcess) return undefined;
      if (!advisory) return track(inProcess);
      const lockKey = advisoryKey(s, key);
      try {
        if (options.wait) await listenForUnlocks().catch(() => undefined);
        for (;;) {
          if (await advisory.tryLock(lockKey)) break;
          if (!options.wait) {
            await inProcess.release();
            return undefined;
          }
          if (options.signal?.aborted) throw abortError(options.signal);
          await waitForUnlock(options.signal);
          if (options.signal?.aborted) throw abortError(options.signal);
        }
      } catch (error) {
        await inProcess.release();
        throw error;
      }
      let released = false;
      return track({
        async release() {
          if (released) return;
          released = true;
          try {
            await advisory.unlock(lockKey);
            await db.query("SELECT pg_notify($1, '')", [unlockChannel]);
          } finally {
            await inProcess.release();
          }
        },
      });
    },

    async close() {
      await Promise.allSettled([...held].map((lock) => lock.release()));
      const stop = await unlisten?.catch(() => undefined);
      await stop?.();
      wakeWaiters();
    },
  };
}

/**
 * A signed 64-bit key for pg_advisory_lock from the schema and session key. A collision costs a
 * needless wait, never a shared lock.
 */
function advisoryKey(schema: string, key: SessionKey): bigint {
  const digest = createHash("sha256")
    .update(`switchboard-session:${schema}:${sessionKeyString(key)}`)
    .digest();
  return digest.readBigInt64BE(0);
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException("The operation was aborted", "AbortError");
}
