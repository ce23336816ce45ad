import type { InputItemsPage, ResponseStore } from "@switchboard/core";
import type { Database } from "./database.js";
import { FOREIGN_KEY_VIOLATION, sqlState, toJson } from "./json.js";
import type { ProcessLiveness } from "./liveness.js";

type ResponseObject = Parameters<ResponseStore["putResponse"]>[0];
type ItemResource = InputItemsPage["items"][number];
type OutputItem = ResponseObject["output"][number];
type ResponseStreamEvent = Parameters<ResponseStore["appendEvent"]>[1];

const UNFINISHED = ["queued", "in_progress"];

/**
 * Responses, their input items and their stream event logs in SQL (schema `s`, quoted). An
 * unfinished response records the process key of the store that put it (`liveness.ts`), so that
 * one left unfinished by a process that died can be told apart from one still running.
 */
export function sqlResponseStore(db: Database, s: string, liveness: ProcessLiveness): ResponseStore {
  const writer = new EventWriter(db, s, liveness);
  return {
    async putResponse(response) {
      const unfinished = UNFINISHED.includes(response.status);
      if (unfinished) await liveness.register();
      await db.query(
        `INSERT INTO ${s}.responses (id, body, owner_key) VALUES ($1, $2::json, $3::bigint)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, owner_key = excluded.owner_key, updated_at = now()`,
        [response.id, toJson(response), unfinished ? liveness.key : null],
      );
    },

    async takeOver(id) {
      // A row with no owner was written before owners were recorded (schema version 3 or older).
      await liveness.register();
      const gone = liveness.gone("owner_key", 4);
      const rows = await db.query(
        `UPDATE ${s}.responses SET owner_key = $2::bigint, updated_at = now()
         WHERE id = $1 AND body->>'status' = ANY($3::text[])
           AND (owner_key IS NULL OR (owner_key <> $2::bigint AND ${gone.sql}))
         RETURNING id`,
        [id, liveness.key, UNFINISHED, ...gone.params],
      );
      return rows.length > 0;
    },

    async getResponse(id) {
      const [row] = await db.query<{ body: ResponseObject }>(`SELECT body FROM ${s}.responses WHERE id = $1`, [id]);
      return row?.body;
    },

    async deleteResponse(id) {
      const rows = await db.query(`DELETE FROM ${s}.responses WHERE id = $1 RETURNING id`, [id]);
      return rows.length > 0;
    },

    async putInputItems(responseId, items) {
      // One statement instead of a transaction of four: positions past the new list are deleted,
      // the others inserted or replaced. A concurrent delete of the response either waits for it
      // (the foreign key check locks the response row) and then removes the items, or commits
      // first and fails the check: then, as for a response that never existed, nothing is stored.
      // Ids come from JS: extracting them in SQL (->>) would fail on text holding \u0000.
      try {
        await db.query(
          `WITH removed AS (
             DELETE FROM ${s}.response_input_items
             WHERE response_id = $1 AND position >= json_array_length($2::json)
           )
           INSERT INTO ${s}.response_input_items (response_id, position, item_id, body)
           SELECT $1, t.ord - 1, ($3::text[])[t.ord], t.elem
           FROM json_array_elements($2::json) WITH ORDINALITY AS t (elem, ord)
           WHERE EXISTS (SELECT 1 FROM ${s}.responses WHERE id = $1)
           ON CONFLICT (response_id, position) DO UPDATE SET item_id = excluded.item_id, body = excluded.body`,
          [responseId, toJson(items), items.map((item) => (typeof item.id === "string" ? item.id : null))],
        );
      } catch (error) {
        if (sqlState(error) !== FOREIGN_KEY_VIOLATION) throw error;
      }
    },

    async getInputItems(responseId) {
      const rows = await db.query<{ body: ItemResource }>(
        `SELECT body FROM ${s}.response_input_items WHERE response_id = $1 ORDER BY position`,
        [responseId],
      );
      return rows.map((row) => row.body);
    },

    async listInputItems(responseId, cursor): Promise<InputItemsPage | undefined> {
      const asc = cursor.order === "asc";
      let bound: number | undefined;
      if (cursor.after !== undefined) {
        const [row] = await db.query<{ position: number | null }>(
          `SELECT ${asc ? "min" : "max"}(position) AS position FROM ${s}.response_input_items
           WHERE response_id = $1 AND item_id = $2`,
          [responseId, cursor.after],
        );
        if (row?.position === null || row?.position === undefined) return undefined;
        bound = row.position;
      }
      const rows = await db.query<{ body: ItemResource }>(
        `SELECT body FROM ${s}.response_input_items
         WHERE response_id = $1 AND ($2::integer IS NULL OR position ${asc ? ">" : "<"} $2::integer)
         ORDER BY position ${asc ? "ASC" : "DESC"} LIMIT $3`,
        [responseId, bound ?? null, cursor.limit + 1],
      );
      return { items: rows.slice(0, cursor.limit).map((row) => row.body), hasMore: rows.length > cursor.limit };
    },

    async findItem(itemId) {
      const [input] = await db.query<{ body: ItemResource }>(
        `SELECT body FROM ${s}.response_input_items WHERE item_id = $1 LIMIT 1`,
        [itemId],
      );
      if (input) return input.body;
      // Output items live inside the response bodies: a scan, kept off every hot path (only an
      // item_reference to an output item that was never sent back as input comes here).
      const [output] = await db.query<{ body: OutputItem }>(
        `SELECT o.elem AS body FROM ${s}.responses r, json_array_elements(r.body->'output') AS o (elem)
         WHERE o.elem->>'id' = $1 LIMIT 1`,
        [itemId],
      );
      return output?.body;
    },

    async appendEvent(responseId, event) {
      try {
        await db.query(
          `INSERT INTO ${s}.response_events (response_id, sequence_number, body)
           SELECT $1, $2, $3::json WHERE EXISTS (SELECT 1 FROM ${s}.responses WHERE id = $1)
           ON CONFLICT DO NOTHING`,
          [responseId, event.sequence_number, toJson(event)],
        );
      } catch (error) {
        // Deleted between the check and the insert: like a response that never existed, nothing to log.
        if (sqlState(error) !== FOREIGN_KEY_VIOLATION) throw error;
      }
    },

    appendEvents(responseId, events, response) {
      if (events.length === 0 && !response) return Promise.resolve();
      // Serialised now: the caller may change its objects once this returns.
      return writer.append({
        responseId,
        sequenceNumbers: events.map((event) => event.sequence_number),
        events: events.map(toJson),
        response: response ? toJson(response) : undefined,
        // From JS, not `body->>'status'` in SQL: that fails on a body holding \u0000.
        unfinished: response !== undefined && UNFINISHED.includes(response.status),
      });
    },

    async readEvents(responseId, after) {
      const rows = await db.query<{ body: ResponseStreamEvent }>(
        `SELECT body FROM ${s}.response_events WHERE response_id = $1 AND sequence_number > $2
         ORDER BY sequence_number`,
        [responseId, after],
      );
      return rows.map((row) => row.body);
    },
  };
}

/** One `appendEvents` call, serialised. */
interface Append {
  responseId: string;
  sequenceNumbers: number[];
  /** Each event's JSON. */
  events: string[];
  /** The response's JSON, when it is to be replaced too. */
  response: string | undefined;
  /** Whether that response is queued or in progress (it then records this process as owner). */
  unfinished: boolean;
}

/** Appends written together in one statement. */
const MAX_BATCH = 256;
/** Batch statements in flight at once: more would only queue for the same pool connections. */
const MAX_WRITERS = 2;

/**
 * Writes the appends of concurrent responses together: calls made while `MAX_WRITERS` statements
 * are in flight wait and then go out in one statement, so under load one round trip and one
 * commit carry the events of many responses. Each call resolves once its rows are committed
 * (the protocol publishes the events only then). A response has at most one append in flight,
 * since its caller awaits each, so its events keep their order and concurrent statements never
 * touch the same response row.
 */
class EventWriter {
  readonly #queue: Array<{ append: Append; done(): void; failed(error: unknown): void }> = [];
  #writers = 0;

  constructor(
    readonly db: Database,
    readonly s: string,
    readonly liveness: ProcessLiveness,
  ) {}

  append(append: Append): Promise<void> {
    return new Promise((done, failed) => {
      this.#queue.push({ append, done, failed });
      if (this.#writers < MAX_WRITERS) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writers++;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MAX_BATCH);
        try {
          await this.#write(batch.map((entry) => entry.append));
          for (const entry of batch) entry.done();
        } catch (error) {
          if (sqlState(error) !== FOREIGN_KEY_VIOLATION || batch.length === 1) {
            // A response deleted between the check and the insert: like one that never existed, nothing to log.
            for (const entry of batch) {
              if (sqlState(error) === FOREIGN_KEY_VIOLATION) entry.done();
              else entry.failed(error);
            }
            continue;
          }
          // One of them was deleted meanwhile: write them one by one, so only its events are dropped.
          for (const entry of batch) {
            try {
              await this.#write([entry.append]);
              entry.done();
            } catch (single) {
              if (sqlState(single) === FOREIGN_KEY_VIOLATION) entry.done();
              else entry.failed(single);
            }
          }
        }
      }
    } finally {
      this.#writers--;
    }
  }

  /**
   * One statement: the responses given are replaced (only those whose text changed: a milestone
   * may leave one as the last write did), with their owner set as `putResponse` sets it, and the
   * events inserted, for existing responses only.
   * Ids and sequence numbers come from JS, as for input items; JSON stays `json` text throughout,
   * which keeps key order and text holding \u0000.
   */
  async #write(batch: Append[]): Promise<void> {
    const eventIds: string[] = [];
    const sequenceNumbers: number[] = [];
    const events: string[] = [];
    // The last response given per id wins, as if the appends had run one after the other.
    const responses = new Map<string, { body: string; unfinished: boolean }>();
    for (const append of batch) {
      for (let i = 0; i < append.events.length; i++) {
        eventIds.push(append.responseId);
        sequenceNumbers.push(append.sequenceNumbers[i]!);
        events.push(append.events[i]!);
      }
      if (append.response !== undefined)
        responses.set(append.responseId, { body: append.response, unfinished: append.unfinished });
    }
    const { s, liveness } = this;
    // As in putResponse: a response written unfinished records this process as its owner.
    if ([...responses.values()].some((r) => r.unfinished)) await liveness.register();
    await this.db.query(
      // Rows are matched by position with unnest/json_array_elements WITH ORDINALITY (subscripting
      // a text[] per row would be quadratic), and responses are looked up by `id = ANY(…)`, which
      // stays an index scan whatever plan a prepared statement settles on.
      `WITH updated AS (
         UPDATE ${s}.responses AS r SET body = u.body, updated_at = now(),
           owner_key = k.owner_key
         FROM unnest($4::text[], $6::bigint[]) WITH ORDINALITY AS k (id, owner_key, ord)
         JOIN json_array_elements($5::json) WITH ORDINALITY AS u (body, ord) USING (ord)
         WHERE r.id = ANY($4::text[]) AND r.id = k.id AND r.body::text IS DISTINCT FROM u.body::text
       )
       INSERT INTO ${s}.response_events (response_id, sequence_number, body)
       SELECT k.id, k.sequence_number, e.body
       FROM unnest($1::text[], $2::integer[]) WITH ORDINALITY AS k (id, sequence_number, ord)
       JOIN json_array_elements($3::json) WITH ORDINALITY AS e (body, ord) USING (ord)
       WHERE k.id IN (SELECT id FROM ${s}.responses WHERE id = ANY($1::text[]))
       ON CONFLICT DO NOTHING`,
      [
        eventIds,
        sequenceNumbers,
        `[${events.join(",")}]`,
        [...responses.keys()],
        `[${[...responses.values()].map((r) => r.body).join(",")}]`,
        [...responses.values()].map((r) => (r.unfinished ? liveness.key : null)),
      ],
    );
  }
}
