/**
 * The conversation part of the store contract (memory, PGlite, Postgres), and finding stored
 * items by id for `item_reference`. Called from each `contract.*.test.ts` with its harness.
 */
import type { ConversationStore, InputItemsPage, ResponseStore, Store } from "@switchboard/core";
import { afterEach, describe, expect, it } from "vitest";
import type { StoreHarness } from "./fixtures.js";

type Conversation = NonNullable<Awaited<ReturnType<ConversationStore["getConversation"]>>>;
type Item = InputItemsPage["items"][number];
type ResponseObject = Parameters<ResponseStore["putResponse"]>[0];

const conversation = (id: string, metadata: Record<string, string> = {}): Conversation => ({
  id,
  object: "conversation",
  created_at: 1_700_000_000,
  metadata,
});

const message = (id: string, text: string, role = "user"): Item =>
  ({ id, type: "message", role, status: "completed", content: [{ type: "input_text", text }] }) as Item;

export function conversationContract(name: string, harness: StoreHarness): void {
  describe(`conversation store contract: ${name}`, () => {
    const opened: Store[] = [];
    const open = async () => {
      const store = await harness.open();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it("creates, reads, updates and deletes a conversation with its items", async () => {
      const { conversations } = await open();
      await conversations.createConversation(conversation("conv_1", { a: "1" }), [message("msg_1", "one")]);
      expect(await conversations.getConversation("conv_1")).toEqual(conversation("conv_1", { a: "1" }));
      expect(await conversations.updateConversation("conv_1", { b: "2" })).toEqual(conversation("conv_1", { b: "2" }));
      expect(await conversations.getConversation("conv_1")).toEqual(conversation("conv_1", { b: "2" }));
      expect(await conversations.getItems("conv_1")).toEqual([message("msg_1", "one")]);
      expect(await conversations.deleteConversation("conv_1")).toBe(true);
      expect(await conversations.getConversation("conv_1")).toBeUndefined();
      expect(await conversations.getItems("conv_1")).toBeUndefined();
      expect(await conversations.deleteConversation("conv_1")).toBe(false);
      expect(await conversations.updateConversation("conv_1", {})).toBeUndefined();
    });

    it("appends items in order, pages them both ways, gets and deletes one", async () => {
      const { conversations } = await open();
      await conversations.createConversation(conversation("conv_2"), []);
      expect(await conversations.appendItems("conv_2", [message("msg_a", "a"), message("msg_b", "b")])).toBe(true);
      expect(await conversations.appendItems("conv_2", [message("msg_c", "c", "assistant")])).toBe(true);
      expect(await conversations.appendItems("conv_nope", [message("msg_x", "x")])).toBe(false);
      const ids = async (cursor: Parameters<ConversationStore["listItems"]>[1]) => {
        const page = await conversations.listItems("conv_2", cursor);
        return page && { ids: page.items.map((item) => item.id), hasMore: page.hasMore };
      };
      expect(await ids({ limit: 2, order: "asc" })).toEqual({ ids: ["msg_a", "msg_b"], hasMore: true });
      expect(await ids({ limit: 2, order: "asc", after: "msg_b" })).toEqual({ ids: ["msg_c"], hasMore: false });
      expect(await ids({ limit: 5, order: "desc" })).toEqual({ ids: ["msg_c", "msg_b", "msg_a"], hasMore: false });
      expect(await ids({ limit: 5, order: "desc", after: "msg_c" })).toEqual({
        ids: ["msg_b", "msg_a"],
        hasMore: false,
      });
      expect(await ids({ limit: 5, order: "asc", after: "msg_nope" })).toBeUndefined();
      expect(await conversations.getItem("conv_2", "msg_b")).toEqual(message("msg_b", "b"));
      expect(await conversations.findItem("msg_c")).toEqual(message("msg_c", "c", "assistant"));
      expect(await conversations.deleteItem("conv_2", "msg_b")).toBe(true);
      expect(await conversations.deleteItem("conv_2", "msg_b")).toBe(false);
      expect(await conversations.getItem("conv_2", "msg_b")).toBeUndefined();
      expect((await conversations.getItems("conv_2"))?.map((item) => item.id)).toEqual(["msg_a", "msg_c"]);
      // Appending after a deletion keeps the order.
      await conversations.appendItems("conv_2", [message("msg_d", "d")]);
      expect((await conversations.getItems("conv_2"))?.map((item) => item.id)).toEqual(["msg_a", "msg_c", "msg_d"]);
    });

    it("keeps item text exactly (NUL, non-ASCII, images)", async () => {
      const { conversations } = await open();
      const tricky = {
        id: "msg_t",
        type: "message",
        role: "user",
        status: "completed",
        content: [
          { type: "input_text", text: "ünïcödé 😀 \u0000 end" },
          { type: "input_image", image_url: "data:image/png;base64,AAAA", detail: "auto" },
        ],
      } as Item;
      await conversations.createConversation(conversation("conv_t"), [tricky]);
      expect(await conversations.getItems("conv_t")).toEqual([tricky]);
    });

    it("concurrent appends keep every item", async () => {
      const { conversations } = await open();
      await conversations.createConversation(conversation("conv_c"), []);
      await Promise.all(
        Array.from({ length: 8 }, (_, i) => conversations.appendItems("conv_c", [message(`msg_${i}`, `m${i}`)])),
      );
      expect((await conversations.getItems("conv_c"))?.map((item) => item.id).sort()).toEqual(
        Array.from({ length: 8 }, (_, i) => `msg_${i}`).sort(),
      );
    });

    it("finds stored response items by id: input items and output items", async () => {
      const { responses } = await open();
      const output = { type: "message", id: "msg_out", role: "assistant", status: "completed", content: [] };
      await responses.putResponse({
        id: "resp_f",
        object: "response",
        status: "completed",
        output: [output],
      } as unknown as ResponseObject);
      await responses.putInputItems("resp_f", [message("msg_in", "question")]);
      expect(await responses.findItem?.("msg_in")).toEqual(message("msg_in", "question"));
      expect(await responses.findItem?.("msg_out")).toEqual(output);
      expect(await responses.findItem?.("msg_none")).toBeUndefined();
    });

    if (harness.peer) {
      it("a conversation made by one process is used by another", async () => {
        const first = await open();
        const second = await harness.peer!(first);
        opened.push(second);
        await first.conversations.createConversation(conversation("conv_p"), [message("msg_1", "one")]);
        expect(await second.conversations.appendItems("conv_p", [message("msg_2", "two")])).toBe(true);
        expect((await first.conversations.getItems("conv_p"))?.map((item) => item.id)).toEqual(["msg_1", "msg_2"]);
      });
    }
  });
}
