import { randomBytes } from "node:crypto";
import { createLogger, type EventBus, type SwitchboardLogger, TopicListeners } from "@switchboard/core";
import type { Database } from "./database.js";

/** NOTIFY payloads must stay under 8000 bytes; larger messages travel through a table. */
const MAX_NOTIFY_BYTES = 7_000;
/** Overflow rows are read within moments; older ones are garbage from listeners that left. */
const OVERFLOW_TTL = "10 minutes";
/** Room for an envelope's `{"o":"<origin>","b":[` and `]}` around its entries. */
const PREFIX_BYTES = 40;

interface Envelope extends Entry {
  /** The publishing bus, so it skips its own echo (it delivered locally already). */
  o: string;
  /** Several messages in one NOTIFY (then `t`, `m` and `r` are absent). */
  b?: Entry[];
}

interface Entry {
  t: string;
  /** The message, or… */
  m?: unknown;
  /** …the bus_overflow row holding it. */
  r?: string;
}

/** A message waiting for the NOTIFY in flight to finish. */
interface Queued {
  /** Its entry as JSON, `{"t":…,"m":…}`. */
  entry: string;
  bytes: number;
  sent(): void;
  failed(error: unknown): void;
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
export function sqlBus(db: Database, s: string, channel: string, logger: SwitchboardLogger = createLogger()): EventBus {
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
    if (envelope.o === origin) return;
    for (const entry of envelope.b ?? [envelope]) {
      if (!listeners.has(entry.t)) continue;
      // One chain keeps messages in publishing order even when one must be fetched from the overflow table.
      delivering = delivering.then(async () => {
        let message = entry.m;
        if (entry.r !== undefined) {
          try {
            const [row] = await db.query<{ body: string }>(`SELECT body FROM ${s}.bus_overflow WHERE id = $1`, [
              entry.r,
            ]);
            if (!row) return;
            message = JSON.parse(row.body);
          } catch (error) {
            logger.warn({ err: error }, "event bus: cannot read an overflowed message");
            return;
          }
        }
        listeners.deliver(entry.t, message);
      });
    }
  };

  /**
   * Messages published while a NOTIFY is in flight wait for it and then go out together, as many
   * as fit in one payload: under load one round trip carries the messages of many concurrent
   * publishers instead of one each. A message is still sent after its `publish` call and that
   * call resolves once it is sent, so a publisher that awaits each message keeps them in order.
   */
  const queue: Queued[] = [];
  let flushing = false;
  const flush = async () => {
    flushing = true;
    while (queue.length > 0) {
      let bytes = PREFIX_BYTES + queue[0]!.bytes;
      let count = 1;
      while (count < queue.length && bytes + 1 + queue[count]!.bytes <= MAX_NOTIFY_BYTES) {
        bytes += 1 + queue[count]!.bytes;
        count++;
      }
      const batch = queue.splice(0, count);
      // A lone message keeps the one-message form.
      const payload =
        batch.length === 1
          ? `{"o":${JSON.stringify(origin)},${batch[0]!.entry.slice(1)}`
          : `{"o":${JSON.stringify(origin)},"b":[${batch.map((queued) => queued.entry).join(",")}]}`;
      try {
        await db.query("SELECT pg_notify($1, $2)", [channel, payload]);
        for (const queued of batch) queued.sent();
      } catch (error) {
        for (const queued of batch) queued.failed(error);
      }
    }
    flushing = false;
  };
  const notify = (entry: string, bytes: number) =>
    new Promise<void>((sent, failed) => {
      queue.push({ entry, bytes, sent, failed });
      if (!flushing) void flush();
    });

  return {
    async publish(topic, message) {
      const text = JSON.stringify(message ?? null);
      if (listeners.has(topic)) listeners.deliver(topic, JSON.parse(text));
      if (!shared) return;
      const entry = `{"t":${JSON.stringify(topic)},"m":${text}}`;
      const bytes = Buffer.byteLength(entry);
      if (PREFIX_BYTES + bytes <= MAX_NOTIFY_BYTES) return notify(entry, bytes);
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
