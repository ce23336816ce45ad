import type { Conversation, ItemResource } from "@switchboard/protocol/responses";
import type { InputItemsCursor, InputItemsPage } from "./responses.js";

/**
 * Where the Responses protocol keeps conversations (`/v1/conversations`): a conversation object
 * and its items in the order they were added. Records are plain JSON. A store shared between
 * processes makes a conversation usable from all of them.
 */
export interface ConversationStore {
  /** Stores a new conversation with its first items. */
  createConversation(conversation: Conversation, items: readonly ItemResource[]): Promise<void>;
  getConversation(id: string): Promise<Conversation | undefined>;
  /** Replaces the metadata; the updated conversation, or undefined when there is none. */
  updateConversation(id: string, metadata: Conversation["metadata"]): Promise<Conversation | undefined>;
  /** Deletes the conversation and its items; false when there was none. */
  deleteConversation(id: string): Promise<boolean>;
  /** Appends items after the existing ones (all or none); false when the conversation does not exist. */
  appendItems(id: string, items: readonly ItemResource[]): Promise<boolean>;
  /** Every item, oldest first; undefined when the conversation does not exist. */
  getItems(id: string): Promise<ItemResource[] | undefined>;
  /** A page of items; undefined when `after` names no item of the conversation. */
  listItems(id: string, cursor: InputItemsCursor): Promise<InputItemsPage | undefined>;
  getItem(id: string, itemId: string): Promise<ItemResource | undefined>;
  /** False when the conversation has no such item. */
  deleteItem(id: string, itemId: string): Promise<boolean>;
  /** Any stored conversation item by its id (for `item_reference`). */
  findItem(itemId: string): Promise<ItemResource | undefined>;
  close?(): Promise<void>;
}

interface Entry {
  conversation: Conversation;
  items: ItemResource[];
}

/** Conversations in process memory. */
export function memoryConversationStore(): ConversationStore {
  const entries = new Map<string, Entry>();
  return {
    async createConversation(conversation, items) {
      entries.set(conversation.id, { conversation: structuredClone(conversation), items: structuredClone([...items]) });
    },
    async getConversation(id) {
      const entry = entries.get(id);
      return entry ? structuredClone(entry.conversation) : undefined;
    },
    async updateConversation(id, metadata) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      entry.conversation.metadata = structuredClone(metadata);
      return structuredClone(entry.conversation);
    },
    async deleteConversation(id) {
      return entries.delete(id);
    },
    async appendItems(id, items) {
      const entry = entries.get(id);
      if (!entry) return false;
      entry.items.push(...structuredClone([...items]));
      return true;
    },
    async getItems(id) {
      const entry = entries.get(id);
      return entry ? structuredClone(entry.items) : undefined;
    },
    async listItems(id, cursor) {
      return pageOf(entries.get(id)?.items ?? [], cursor);
    },
    async getItem(id, itemId) {
      const item = entries.get(id)?.items.find((candidate) => candidate.id === itemId);
      return item ? structuredClone(item) : undefined;
    },
    async deleteItem(id, itemId) {
      const entry = entries.get(id);
      const index = entry?.items.findIndex((item) => item.id === itemId) ?? -1;
      if (!entry || index === -1) return false;
      entry.items.splice(index, 1);
      return true;
    },
    async findItem(itemId) {
      for (const entry of entries.values()) {
        const item = entry.items.find((candidate) => candidate.id === itemId);
        if (item) return structuredClone(item);
      }
      return undefined;
    },
  };
}

/** A cursor page of `items` (oldest first), as both stores page. */
export function pageOf(items: readonly ItemResource[], cursor: InputItemsCursor): InputItemsPage | undefined {
  const ordered = cursor.order === "asc" ? items : [...items].reverse();
  let start = 0;
  if (cursor.after !== undefined) {
    const index = ordered.findIndex((item) => item.id === cursor.after);
    if (index === -1) return undefined;
    start = index + 1;
  }
  return {
    items: structuredClone(ordered.slice(start, start + cursor.limit)),
    hasMore: start + cursor.limit < ordered.length,
  };
}
