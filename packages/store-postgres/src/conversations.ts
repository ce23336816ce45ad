import type { ConversationStore, InputItemsPage } from "@switchboard/core";
import type { Database, Queryable } from "./database.js";
import { FOREIGN_KEY_VIOLATION, sqlState, toJson } from "./json.js";

type Conversation = NonNullable<Awaited<ReturnType<ConversationStore["getConversation"]>>>;
type ItemResource = InputItemsPage["items"][number];

/**
 * Conversations and their items in SQL (schema `s`, quoted). Items keep their position; appends
 * from several processes are serialised by locking the conversation row, so positions never clash.
 */
export function sqlConversationStore(db: Database, s: string): ConversationStore {
  /**
   * Appends after the last position. The conversation row is locked first, in its own statement:
   * the insert's snapshot then sees the positions of every append that went before.
   */
  const append = async (tx: Queryable, id: string, items: readonly ItemResource[]): Promise<boolean> => {
    const locked = await tx.query(`SELECT id FROM ${s}.conversations WHERE id = $1 FOR UPDATE`, [id]);
    if (locked.length === 0) return false;
    await tx.query(
      `INSERT INTO ${s}.conversation_items (conversation_id, position, item_id, body)
       SELECT $1, last.position + t.ord, ($3::text[])[t.ord], t.elem
       FROM (SELECT coalesce(max(position), -1) AS position FROM ${s}.conversation_items WHERE conversation_id = $1) AS last,
            json_array_elements($2::json) WITH ORDINALITY AS t (elem, ord)`,
      [id, toJson(items), items.map((item) => item.id)],
    );
    return true;
  };

  return {
    async createConversation(conversation, items) {
      await db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${s}.conversations (id, body) VALUES ($1, $2::json)`, [
          conversation.id,
          toJson(conversation),
        ]);
        if (items.length > 0) await append(tx, conversation.id, items);
      });
    },

    async getConversation(id) {
      const [row] = await db.query<{ body: Conversation }>(`SELECT body FROM ${s}.conversations WHERE id = $1`, [id]);
      return row?.body;
    },

    async updateConversation(id, metadata) {
      const [row] = await db.query<{ body: Conversation }>(`SELECT body FROM ${s}.conversations WHERE id = $1`, [id]);
      if (!row) return undefined;
      const updated = { ...row.body, metadata };
      const rows = await db.query(`UPDATE ${s}.conversations SET body = $2::json WHERE id = $1 RETURNING id`, [
        id,
        toJson(updated),
      ]);
      return rows.length > 0 ? updated : undefined;
    },

    async deleteConversation(id) {
      const rows = await db.query(`DELETE FROM ${s}.conversations WHERE id = $1 RETURNING id`, [id]);
      return rows.length > 0;
    },

    async appendItems(id, items) {
      try {
        return await db.transaction((tx) => append(tx, id, items));
      } catch (error) {
        // Deleted meanwhile: as for a conversation that does not exist.
        if (sqlState(error) === FOREIGN_KEY_VIOLATION) return false;
        throw error;
      }
    },

    async getItems(id) {
      if (!(await this.getConversation(id))) return undefined;
      const rows = await db.query<{ body: ItemResource }>(
        `SELECT body FROM ${s}.conversation_items WHERE conversation_id = $1 ORDER BY position`,
        [id],
      );
      return rows.map((row) => row.body);
    },

    async listItems(id, cursor): Promise<InputItemsPage | undefined> {
      const asc = cursor.order === "asc";
      let bound: number | undefined;
      if (cursor.after !== undefined) {
        const [row] = await db.query<{ position: number }>(
          `SELECT position FROM ${s}.conversation_items WHERE conversation_id = $1 AND item_id = $2`,
          [id, cursor.after],
        );
        if (!row) return undefined;
        bound = row.position;
      }
      const rows = await db.query<{ body: ItemResource }>(
        `SELECT body FROM ${s}.conversation_items
         WHERE conversation_id = $1 AND ($2::integer IS NULL OR position ${asc ? ">" : "<"} $2::integer)
         ORDER BY position ${asc ? "ASC" : "DESC"} LIMIT $3`,
        [id, bound ?? null, cursor.limit + 1],
      );
      return { items: rows.slice(0, cursor.limit).map((row) => row.body), hasMore: rows.length > cursor.limit };
    },

    async getItem(id, itemId) {
      const [row] = await db.query<{ body: ItemResource }>(
        `SELECT body FROM ${s}.conversation_items WHERE conversation_id = $1 AND item_id = $2`,
        [id, itemId],
      );
      return row?.body;
    },

    async deleteItem(id, itemId) {
      const rows = await db.query(
        `DELETE FROM ${s}.conversation_items WHERE conversation_id = $1 AND item_id = $2 RETURNING 1`,
        [id, itemId],
      );
      return rows.length > 0;
    },

    async findItem(itemId) {
      const [row] = await db.query<{ body: ItemResource }>(
        `SELECT body FROM ${s}.conversation_items WHERE item_id = $1 LIMIT 1`,
        [itemId],
      );
      return row?.body;
    },
  };
}
