import type {
  Conversation,
  ConversationItemList,
  DeletedConversation,
  ItemResource,
} from "@switchboard/protocol/responses";
import { validate } from "@switchboard/protocol/responses";
import { readJson } from "../../http/read-json.js";
import { json } from "../../http/response.js";
import type { CoreRequest, CoreResponse } from "../../http/types.js";
import type { ConversationStore } from "../../store/conversations.js";
import type { ResponseStore } from "../../store/responses.js";
import { precheck } from "./checks.js";
import { notFound, ResponsesApiError, validationError } from "./errors.js";
import { newId, nowSeconds } from "./ids.js";
import { type HistoryItem, referencedIds, toInputItems } from "./input.js";
import { listQuery } from "./list-query.js";

/**
 * `/v1/conversations`: conversations and their items, as OpenAI's Conversations API serves them.
 * A response created with `conversation` reads the items and appends its input and output.
 */
export class ConversationsApi {
  constructor(
    readonly store: ConversationStore,
    readonly responses: ResponseStore,
    readonly maxBodyBytes: number,
  ) {}

  async #body(req: CoreRequest, inputField?: string): Promise<unknown> {
    const body = await readJson(req, this.maxBodyBytes);
    if (!body.ok) throw new ResponsesApiError(400, body.reason, body.message);
    if (inputField) precheck(body.value, inputField);
    else if (typeof body.value !== "object" || body.value === null || Array.isArray(body.value)) {
      throw new ResponsesApiError(400, "invalid_value", "The request body must be a JSON object.");
    }
    return body.value;
  }

  async #conversation(id: string): Promise<Conversation> {
    const conversation = await this.store.getConversation(id);
    if (!conversation) throw notFound("conversation", id);
    return conversation;
  }

  /** Items as stored: references resolved from stored responses and conversations. */
  async #items(items: Parameters<typeof toInputItems>[0]): Promise<ItemResource[]> {
    const resolved = new Map<string, HistoryItem>();
    for (const id of referencedIds(items)) {
      if (id.includes("\u0000")) continue;
      const item = (await this.responses.findItem?.(id)) ?? (await this.store.findItem(id));
      if (item) resolved.set(id, item);
    }
    return toInputItems(items, resolved, "items");
  }

  async create(req: CoreRequest): Promise<CoreResponse> {
    const checked = validate.CreateConversation(await this.#body(req, "items"));
    if (!checked.ok) throw validationError(checked.issue);
    const conversation: Conversation = {
      id: newId("conv"),
      object: "conversation",
      created_at: nowSeconds(),
      metadata: checked.value.metadata ?? {},
    };
    await this.store.createConversation(conversation, await this.#items(checked.value.items ?? []));
    return json(200, conversation);
  }

  async retrieve(id: string): Promise<CoreResponse> {
    return json(200, await this.#conversation(id));
  }

  async update(req: CoreRequest, id: string): Promise<CoreResponse> {
    const checked = validate.UpdateConversation(await this.#body(req));
    if (!checked.ok) throw validationError(checked.issue);
    const updated = await this.store.updateConversation(id, checked.value.metadata ?? {});
    if (!updated) throw notFound("conversation", id);
    return json(200, updated);
  }

  async delete(id: string): Promise<CoreResponse> {
    if (!(await this.store.deleteConversation(id))) throw notFound("conversation", id);
    const body: DeletedConversation = { id, object: "conversation.deleted", deleted: true };
    return json(200, body);
  }

  async listItems(req: CoreRequest, id: string): Promise<CoreResponse> {
    const cursor = listQuery(req);
    await this.#conversation(id);
    const page = await this.store.listItems(id, cursor);
    if (!page) {
      throw new ResponsesApiError(
        400,
        "invalid_value",
        `after: no item '${cursor.after}' in conversation '${id}'.`,
        "after",
      );
    }
    return json(200, itemList(page.items, page.hasMore));
  }

  async createItems(req: CoreRequest, id: string): Promise<CoreResponse> {
    const checked = validate.CreateConversationItems(await this.#body(req, "items"));
    if (!checked.ok) throw validationError(checked.issue);
    await this.#conversation(id);
    const items = await this.#items(checked.value.items);
    if (!(await this.store.appendItems(id, items))) throw notFound("conversation", id);
    return json(200, itemList(items, false));
  }

  async retrieveItem(id: string, itemId: string): Promise<CoreResponse> {
    await this.#conversation(id);
    const item = await this.store.getItem(id, itemId);
    if (!item) throw notFound("item", itemId);
    return json(200, item);
  }

  async deleteItem(id: string, itemId: string): Promise<CoreResponse> {
    const conversation = await this.#conversation(id);
    if (!(await this.store.deleteItem(id, itemId))) throw notFound("item", itemId);
    return json(200, conversation);
  }
}

function itemList(items: ItemResource[], hasMore: boolean): ConversationItemList {
  return {
    object: "list",
    data: items,
    first_id: items[0]?.id ?? null,
    last_id: items.at(-1)?.id ?? null,
    has_more: hasMore,
  };
}
