import type { ItemResource, ResponseObject, ResponseStreamEvent } from "@switchboard/protocol/responses";
import type { InputItemsCursor, InputItemsPage, ResponseStore } from "./responses.js";

interface Entry {
  response: ResponseObject;
  items: ItemResource[];
  events: ResponseStreamEvent[];
}

/** Responses in process memory: for tests, demos and single-process servers without a database. */
export function memoryResponseStore(): ResponseStore {
  const entries = new Map<string, Entry>();

  return {
    async putResponse(response) {
      const existing = entries.get(response.id);
      if (existing) existing.response = structuredClone(response);
      else entries.set(response.id, { response: structuredClone(response), items: [], events: [] });
    },

    async putFinished(response, items) {
      if (entries.has(response.id)) throw new Error(`response ${response.id} is already stored`);
      entries.set(response.id, { response: structuredClone(response), items: structuredClone([...items]), events: [] });
    },

    async getResponse(id) {
      const entry = entries.get(id);
      return entry ? structuredClone(entry.response) : undefined;
    },

    async deleteResponse(id) {
      return entries.delete(id);
    },

    async takeOver() {
      // Every response here was put by this process, which is alive while anyone can ask.
      return false;
    },

    async putInputItems(responseId, items) {
      const entry = entries.get(responseId);
      if (entry) entry.items = structuredClone([...items]);
    },

    async getInputItems(responseId) {
      return structuredClone(entries.get(responseId)?.items ?? []);
    },

    async listInputItems(responseId, cursor: InputItemsCursor): Promise<InputItemsPage | undefined> {
      const items = entries.get(responseId)?.items ?? [];
      const ordered = cursor.order === "asc" ? items : [...items].reverse();
      let start = 0;
      if (cursor.after !== undefined) {
        const index = ordered.findIndex((item) => item.id === cursor.after);
        if (index === -1) return undefined;
        start = index + 1;
      }
      const page = ordered.slice(start, start + cursor.limit);
      return { items: structuredClone(page), hasMore: start + cursor.limit < ordered.length };
    },

    async appendEvent(responseId, event) {
      entries.get(responseId)?.events.push(structuredClone(event));
    },

    async appendEvents(responseId, events, response) {
      const entry = entries.get(responseId);
      if (!entry) return;
      for (const event of events) entry.events.push(structuredClone(event));
      if (response) entry.response = structuredClone(response);
    },

    async findItem(itemId) {
      for (const entry of entries.values()) {
        const item =
          entry.items.find((candidate) => candidate.id === itemId) ??
          entry.response.output.find((candidate) => candidate.id === itemId);
        if (item) return structuredClone(item);
      }
      return undefined;
    },

    async readEvents(responseId, after) {
      const events = entries.get(responseId)?.events ?? [];
      // sequence_number equals the index in the log, so the tail starts right after `after`.
      return structuredClone(events.slice(Math.max(0, after + 1)));
    },
  };
}
