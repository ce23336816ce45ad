import type { InputItemsPage, ResponseStore } from "@switchboard/core";
import type { Database } from "./database.js";
import { FOREIGN_KEY_VIOLATION, sqlState, toJson } from "./json.js";
import type { ProcessLiveness } from "./liveness.js";
import { groupWriters } from "./response-writes.js";

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
  const writes = groupWriters(db, s, liveness);
  return {
    async putResponse(response) {
      // Serialised now: the caller may change its object once this returns.
      return writes.responses.add({
        id: response.id,
        body: toJson(response),
        unfinished: UNFINISHED.includes(response.status),
      });
    },

    async putFinished(response, inputItems) {
      return writes.finished.add({
        id: response.id,
        body: toJson(response),
        items: {
          responseId: response.id,
          bodies: inputItems.map(toJson),
          ids: inputItems.map((item) => (typeof item.id === "string" ? item.id : null)),
        },
      });
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
      return writes.items.add({
        responseId,
        bodies: items.map(toJson),
        // Ids come from JS: extracting them in SQL (->>) would fail on text holding \u0000.
        ids: items.map((item) => (typeof item.id === "string" ? item.id : null)),
      });
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
      return writes.events.add({
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
