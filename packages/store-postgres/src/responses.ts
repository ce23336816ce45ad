import type { InputItemsPage, ResponseStore } from "@switchboard/core";
import type { Database } from "./database.js";
import { FOREIGN_KEY_VIOLATION, sqlState, toJson } from "./json.js";

type ResponseObject = Parameters<ResponseStore["putResponse"]>[0];
type ItemResource = InputItemsPage["items"][number];
type ResponseStreamEvent = Parameters<ResponseStore["appendEvent"]>[1];

/** Responses, their input items and their stream event logs in SQL (schema `s`, quoted). */
export function sqlResponseStore(db: Database, s: string): ResponseStore {
  return {
    async putResponse(response) {
      await db.query(
        `INSERT INTO ${s}.responses (id, body) VALUES ($1, $2::json)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = now()`,
        [response.id, toJson(response)],
      );
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

    async appendEvents(responseId, events, response) {
      if (events.length === 0 && !response) return;
      // One statement: the response (when given) and the events commit together, in one round
      // trip. The response is rewritten only when its text changed (a milestone may leave it as
      // the last write did). Ids and sequence numbers come from JS, as for input items.
      const insert = `INSERT INTO ${s}.response_events (response_id, sequence_number, body)
         SELECT $1, ($2::integer[])[t.ord], t.elem
         FROM json_array_elements($3::json) WITH ORDINALITY AS t (elem, ord)
         WHERE EXISTS (SELECT 1 FROM ${s}.responses WHERE id = $1)
         ON CONFLICT DO NOTHING`;
      const sequenceNumbers = events.map((event) => event.sequence_number);
      try {
        if (response) {
          await db.query(
            `WITH updated AS (
               UPDATE ${s}.responses SET body = $4::json, updated_at = now()
               WHERE id = $1 AND body::text IS DISTINCT FROM $4::text
             )
             ${insert}`,
            [responseId, sequenceNumbers, toJson(events), toJson(response)],
          );
        } else {
          await db.query(insert, [responseId, sequenceNumbers, toJson(events)]);
        }
      } catch (error) {
        // Deleted between the check and the insert: like a response that never existed, nothing to log.
        if (sqlState(error) !== FOREIGN_KEY_VIOLATION) throw error;
      }
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
