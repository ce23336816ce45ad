import type {
  Conversation,
  ConversationItemList,
  CreateConversation,
  CreateConversationItems,
  DeletedConversation,
  ItemResource,
  UpdateConversation,
} from "@switchboard/protocol/responses";
import type { CallOptions, InputItemsQuery } from "./responses.js";
import type { Transport } from "./transport.js";

const path = (id: string, ...rest: string[]) =>
  ["/v1/conversations", encodeURIComponent(id), ...rest.map(encodeURIComponent)].join("/");

/** `/v1/conversations`: conversations and their items; pass a conversation's id as `conversation` to `responses.create`. */
export class ConversationsClient {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  create(body: CreateConversation = {}, options?: CallOptions): Promise<Conversation> {
    return this.#transport.json("POST", "/v1/conversations", { body, signal: options?.signal });
  }

  retrieve(id: string, options?: CallOptions): Promise<Conversation> {
    return this.#transport.json("GET", path(id), { signal: options?.signal });
  }

  /** Replaces the metadata. */
  update(id: string, body: UpdateConversation, options?: CallOptions): Promise<Conversation> {
    return this.#transport.json("POST", path(id), { body, signal: options?.signal });
  }

  delete(id: string, options?: CallOptions): Promise<DeletedConversation> {
    return this.#transport.json("DELETE", path(id), { signal: options?.signal });
  }

  /** One page of the conversation's items. */
  items(id: string, query?: InputItemsQuery, options?: CallOptions): Promise<ConversationItemList> {
    return this.#transport.json("GET", path(id, "items"), {
      query: { limit: query?.limit, order: query?.order, after: query?.after },
      signal: options?.signal,
    });
  }

  /** Every item, fetching page after page. */
  async *allItems(id: string, query?: Omit<InputItemsQuery, "after">, options?: CallOptions) {
    let after: string | undefined;
    for (;;) {
      const page = await this.items(id, { ...query, after }, options);
      yield* page.data as ItemResource[];
      if (!page.has_more || page.last_id === null) return;
      after = page.last_id;
    }
  }

  /** Appends items; answers the stored items. */
  addItems(id: string, body: CreateConversationItems, options?: CallOptions): Promise<ConversationItemList> {
    return this.#transport.json("POST", path(id, "items"), { body, signal: options?.signal });
  }

  item(id: string, itemId: string, options?: CallOptions): Promise<ItemResource> {
    return this.#transport.json("GET", path(id, "items", itemId), { signal: options?.signal });
  }

  /** Deletes one item; answers the conversation. */
  deleteItem(id: string, itemId: string, options?: CallOptions): Promise<Conversation> {
    return this.#transport.json("DELETE", path(id, "items", itemId), { signal: options?.signal });
  }
}
