import { randomBytes } from "node:crypto";
import { type EventBus, TopicListeners } from "@switchboard/core";
import type { Database } from "./database.js";

/** NOTIFY payloads must stay under 8000 bytes; larger messages travel through a table. */
const MAX_NOTIFY_BYTES = 7_000;
/** Overflow rows are read within moments; older ones are garbage from listeners that left. */
const OVERFLOW_TTL = "10 minutes";

interface Envelope {
  /** The publishing bus, so it skips its own echo (it delivered locally already). */
  o: string;
  t: string;
  /** The message, or… */
  m?: unknown;
  /** …the bus_overflow row holding it. */
  r?: string;
}

/** Every bus open on one PGlite database and channel shares its subscribers: they are all in this process. */
const pgliteBuses = new WeakMap<Database, Map<string, TopicListeners>>();

function pgliteListeners(db: Database, channel: string): TopicListeners {
  let byChannel = pgliteBuses.get(db);
  if (!byChannel) {
    byChannel = new Map();
    pgliteBuses.set(db, byChannel);
  }
  let listeners = byChannel.get(channel);
  if (!listeners) {
    listeners = new TopicListeners();
    byChannel.set(channel, listeners);
  }
  return listeners;
}

/**
 * The event bus over LISTEN/NOTIFY on one channel (`channel`), shared by every process on the
 * database. Subscribers in this process get a message at once; other processes get it when the
 * publisher's statement commits. PGlite has a single process, so there it stays in memory.
 */
export function sqlBus(db: Database, s: string, channel: string): EventBus {
  const shared = db.kind === "postgres";
  const listeners = shared ? new TopicListeners() : pgliteListeners(db, channel);
  const origin = randomBytes(8).toString("base64url");
  let listening: Promise<() => Promise<void>> | undefined;
  let delivering = Promise.resolve();
  let overflowWrites = 0;

  const receive = (payload: string) => {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      return;
    }
    if (envelope.o === origin || !listeners.has(envelope.t)) return;
    // One chain keeps messages in publishing order even when one must be fetched from the overflow table.
    delivering = delivering.then(async () => {
      let message = envelope.m;
      if (envelope.r !== undefined) {
        try {
          const [row] = await db.query<{ body: string }>(`SELECT body FROM ${s}.bus_overflow WHERE id = $1`, [
            envelope.r,
          ]);
          if (!row) return;
          message = JSON.parse(row.body);
        } catch (error) {
          console.error("[switchboard] event bus: cannot read an overflowed message", error);
          return;
        }
      }
      listeners.deliver(envelope.t, message);
    });
  };

  return {
    async publish(topic, message) {
      const text = JSON.stringify(message ?? null);
      if (listeners.has(topic)) listeners.deliver(topic, JSON.parse(text));
      if (!shared) return;
      const inline = `{"o":${JSON.stringify(origin)},"t":${JSON.stringify(topic)},"m":${text}}`;
      if (Buffer.byteLength(inline) <= MAX_NOTIFY_BYTES) {
        await db.query("SELECT pg_notify($1, $2)", [channel, inline]);
        return;
      }
      await db.transaction(async (tx) => {
        if (++overflowWrites % 100 === 1) {
          await tx.query(`DELETE FROM ${s}.bus_overflow WHERE created_at < now() - interval '${OVERFLOW_TTL}'`);
        }
        const [row] = await tx.query<{ id: string | number }>(
          `INSERT INTO ${s}.bus_overflow (body) VALUES ($1) RETURNING id::text AS id`,
          [text],
        );
        const envelope: Envelope = { o: origin, t: topic, r: String(row!.id) };
        await tx.query("SELECT pg_notify($1, $2)", [channel, JSON.stringify(envelope)]);
      });
    },

    async subscribe(topic, listener) {
      if (shared && !listening) {
        listening = db.listen(channel, receive);
        listening.catch(() => {
          listening = undefined;
        });
      }
      if (listening) await listening;
      return listeners.add(topic, listener);
    },

    async close() {
      const stop = await listening?.catch(() => undefined);
      listening = undefined;
      await stop?.();
      await delivering;
    },
  };
}
