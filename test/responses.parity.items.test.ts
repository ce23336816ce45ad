// Responses parity, items and state: structured output, conversations, item_reference, image and file input, input token counts and compaction.
import type OpenAI from "openai";
import { NotFoundError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PNG, rejection, startParity } from "./responses.parity.helpers.js";
import { SERVER_KINDS } from "./support/index.js";

describe.each(SERVER_KINDS)("Responses parity over %s with the openai SDK", (adapter) => {
  let client: OpenAI;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ client, close } = await startParity(adapter));
  });

  afterAll(async () => {
    await close();
  });

  describe("structured output", () => {
    const schema = {
      type: "object",
      properties: { name: { type: "string" }, age: { type: "integer" } },
      required: ["name", "age"],
      additionalProperties: false,
    };

    it("responses.parse() with a JSON Schema against the structured fixture", async () => {
      const parsed = await client.responses.parse({
        model: "structured",
        input: "Ada",
        text: { format: { type: "json_schema", name: "person", schema, strict: true } },
      });
      expect(parsed.output_text).toBe('{"name":"Ada","age":0}');
      expect(parsed.output_parsed).toEqual({ name: "Ada", age: 0 });
      expect(parsed.text?.format).toMatchObject({ type: "json_schema", name: "person", strict: true });
    });

    it("a reply that does not conform fails the response", async () => {
      const response = await client.responses.create({
        model: "echo",
        input: "not json",
        text: { format: { type: "json_schema", name: "person", schema } },
      });
      expect(response.status).toBe("failed");
      expect(response.error).toMatchObject({ code: "invalid_output" });
      const object = await client.responses.create({
        model: "echo",
        input: "[1]",
        text: { format: { type: "json_object" } },
      });
      expect(object.status).toBe("failed");
    });
  });

  describe("conversations", () => {
    it("CRUD and items", async () => {
      const conversation = await client.conversations.create({
        metadata: { topic: "demo" },
        items: [{ type: "message", role: "user", content: "hello" }],
      });
      expect(conversation).toMatchObject({ object: "conversation", metadata: { topic: "demo" } });
      expect(conversation.id).toMatch(/^conv_/);
      expect(await client.conversations.retrieve(conversation.id)).toMatchObject({ id: conversation.id });
      const updated = await client.conversations.update(conversation.id, { metadata: { topic: "new" } });
      expect(updated.metadata).toEqual({ topic: "new" });

      const added = await client.conversations.items.create(conversation.id, {
        items: [{ type: "message", role: "user", content: "second" }],
      });
      expect(added.data).toHaveLength(1);
      const itemId = added.data[0]!.id!;
      const item = await client.conversations.items.retrieve(itemId, { conversation_id: conversation.id });
      expect(item).toMatchObject({ type: "message", role: "user" });
      const listed = await client.conversations.items.list(conversation.id, { order: "asc" });
      expect(listed.data.map((i) => (i.type === "message" ? i.content[0] : undefined))).toEqual([
        { type: "input_text", text: "hello" },
        { type: "input_text", text: "second" },
      ]);
      await client.conversations.items.delete(itemId, { conversation_id: conversation.id });
      await expect(
        client.conversations.items.retrieve(itemId, { conversation_id: conversation.id }),
      ).rejects.toBeInstanceOf(NotFoundError);
      const deleted = await client.conversations.delete(conversation.id);
      expect(deleted).toMatchObject({ id: conversation.id, deleted: true });
      await expect(client.conversations.retrieve(conversation.id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("conversation on create: the agent sees the items, and input and output are appended", async () => {
      const conversation = await client.conversations.create({
        items: [{ type: "message", role: "user", content: "from the conversation" }],
      });
      const first = await client.responses.create({ model: "echo", conversation: conversation.id });
      expect(first.output_text).toBe("from the conversation");
      expect(first.conversation).toEqual({ id: conversation.id });
      const second = await client.responses.create({
        model: "echo",
        conversation: { id: conversation.id },
        input: "next",
      });
      expect(second.output_text).toBe("next");
      const items = await client.conversations.items.list(conversation.id, { order: "asc" });
      expect(
        items.data.map((item) => item.type === "message" && [item.role, (item.content[0] as { text: string }).text]),
      ).toEqual([
        ["user", "from the conversation"],
        ["assistant", "from the conversation"],
        ["user", "next"],
        ["assistant", "next"],
      ]);
      const both = await rejection(
        client.responses.create({
          model: "echo",
          input: "x",
          conversation: conversation.id,
          previous_response_id: first.id,
        }),
      );
      expect(both.param).toBe("previous_response_id");
      await expect(
        client.responses.create({ model: "echo", input: "x", conversation: "conv_nope" }),
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  it("item_reference is resolved from stored items", async () => {
    const first = await client.responses.create({ model: "echo", input: "remember me" });
    const reply = first.output[0]!;
    const second = await client.responses.create({
      model: "echo",
      input: [
        { type: "item_reference", id: reply.id! },
        { role: "user", content: "and this" },
      ],
    });
    expect(second.output_text).toBe("and this");
    const items = await client.responses.inputItems.list(second.id, { order: "asc" });
    expect(items.data[0]).toMatchObject({ type: "message", role: "assistant" });
    const unknown = await rejection(
      client.responses.create({ model: "echo", input: [{ type: "item_reference", id: "msg_nope" }] }),
    );
    expect(unknown.param).toBe("input[0].id");
  });

  it("image and file input are stored and listed by input_items", async () => {
    const created = await client.responses.create({
      model: "echo",
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "describe" },
            { type: "input_image", image_url: PNG, detail: "high" },
            { type: "input_file", filename: "n.txt", file_data: "data:text/plain;base64,aGk=" },
            { type: "input_file", file_url: "https://example.com/n.pdf" },
          ],
        },
      ],
    });
    expect(created.output_text).toBe("describe");
    const items = await client.responses.inputItems.list(created.id);
    const message = items.data[0]!;
    if (message.type !== "message") throw new Error(message.type);
    expect(message.content).toEqual([
      { type: "input_text", text: "describe" },
      { type: "input_image", image_url: PNG, detail: "high" },
      { type: "input_file", filename: "n.txt", file_data: "data:text/plain;base64,aGk=" },
      { type: "input_file", file_url: "https://example.com/n.pdf" },
    ]);
  });

  it("inputTokens.count: a real tokenizer for OpenAI models, words for fixtures", async () => {
    const fixture = await client.responses.inputTokens.count({ model: "echo", input: "one two three four" });
    expect(fixture).toEqual({ object: "response.input_tokens", input_tokens: 4 });
    const openai = await client.responses.inputTokens.count({ model: "chat", input: "tokenization" });
    // o200k_base (gpt-4o-mini): "tokenization" is 2 tokens, "user" 1, plus 3 per message and 3 to
    // prime the reply, as OpenAI's chat format counts. A word count would say 1.
    expect(openai).toEqual({ object: "response.input_tokens", input_tokens: 9 });
    const unknown = await client.responses.inputTokens.count({ model: "nope", input: "x" }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(NotFoundError);
  });

  it("compact: the user messages stay and a compaction item summarises the rest", async () => {
    const first = await client.responses.create({ model: "echo", input: "alpha beta" });
    const compacted = await client.responses.compact({
      model: "echo",
      previous_response_id: first.id,
      input: [{ role: "user", content: "gamma" }],
    });
    expect(compacted.object).toBe("response.compaction");
    expect(compacted.output.map((item) => item.type)).toEqual(["message", "message", "compaction"]);
    const next = await client.responses.create({
      model: "echo",
      input: [...(compacted.output as never[]), { role: "user", content: "delta" }],
    });
    expect(next.output_text).toBe("delta");
  });
});
