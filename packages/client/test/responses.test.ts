import { responsesProtocol } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import { Agent, type Dispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../../test/support/index.js";
import { createClient, parseSse, type SseEvent, SwitchboardApiError, type SwitchboardClient } from "../src/index.js";

const API_KEY = "client-test-key";

let server: TestServer;
let client: SwitchboardClient;

beforeAll(async () => {
  server = await startServer("hono", {
    protocols: [responsesProtocol({ agents: fixtureAgents })],
    apiKey: API_KEY,
  });
  client = createClient({ baseURL: server.url, apiKey: API_KEY });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("responses client: parity routes", () => {
  it("counts input tokens and compacts a history", async () => {
    expect(await client.responses.inputTokens({ model: "echo", input: "one two three" })).toEqual({
      object: "response.input_tokens",
      input_tokens: 3,
    });
    const first = await client.responses.create({ model: "echo", input: "alpha" });
    const compacted = await client.responses.compact({ model: "echo", previous_response_id: first.id });
    expect(compacted.object).toBe("response.compaction");
    expect(compacted.output.map((item) => item.type)).toEqual(["message", "compaction"]);
  });

  it("conversations: create, update, items, use from a response, delete", async () => {
    const conversation = await client.conversations.create({ metadata: { k: "v" } });
    expect(await client.conversations.retrieve(conversation.id)).toEqual(conversation);
    expect((await client.conversations.update(conversation.id, { metadata: { k: "w" } })).metadata).toEqual({ k: "w" });
    const added = await client.conversations.addItems(conversation.id, { items: [{ role: "user", content: "hi" }] });
    const itemId = added.data[0]!.id;
    expect(await client.conversations.item(conversation.id, itemId)).toEqual(added.data[0]);
    const response = await client.responses.create({ model: "echo", conversation: conversation.id });
    expect(response.conversation).toEqual({ id: conversation.id });
    const all = await collect(client.conversations.allItems(conversation.id, { order: "asc", limit: 1 }));
    expect(all.map((item) => item.type === "message" && item.role)).toEqual(["user", "assistant"]);
    expect(await client.conversations.deleteItem(conversation.id, itemId)).toMatchObject({ id: conversation.id });
    expect(await client.conversations.delete(conversation.id)).toMatchObject({ deleted: true });
    await expect(client.conversations.retrieve(conversation.id)).rejects.toBeInstanceOf(SwitchboardApiError);
  });
});

describe("responses client", () => {
  it("creates and retrieves a response", async () => {
    const created = await client.responses.create({ model: "echo", input: "typed all the way" });
    expect(created).toMatchObject({ object: "response", status: "completed", model: "echo" });
    expect(await client.responses.retrieve(created.id)).toEqual(created);
  });

  it("streams typed events and ends after the terminal one", async () => {
    const events = await collect(client.responses.stream({ model: "echo", input: "a b c" }));
    expect(events[0]?.type).toBe("response.created");
    expect(events.at(-1)?.type).toBe("response.completed");
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const text = events.flatMap((e) => (e.type === "response.output_text.delta" ? [e.delta] : [])).join("");
    expect(text).toBe("a b c");
  });

  it("replays a stored response from a sequence number", async () => {
    const created = await client.responses.create({ model: "echo", input: "x y" });
    const events = await collect(client.responses.replay(created.id, { startingAfter: 1 }));
    expect(events[0]?.sequence_number).toBe(2);
    expect(events.at(-1)).toMatchObject({ type: "response.completed" });
  });

  it("closes the connection when the caller stops reading, which cancels the response", async () => {
    let id: string | undefined;
    for await (const event of client.responses.stream({ model: "slow", input: "go" })) {
      if (event.type === "response.created") id = event.response.id;
      if (event.type === "response.output_text.delta") break;
    }
    expect(id).toBeDefined();
    const deadline = Date.now() + 5000;
    let status = "";
    while (status !== "cancelled" && Date.now() < deadline) {
      status = (await client.responses.retrieve(id!)).status;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe("cancelled");
  });

  it("cancels a background response", async () => {
    const queued = await client.responses.create({ model: "slow", input: "go", background: true });
    expect(queued.status).toBe("queued");
    const cancelled = await client.responses.cancel(queued.id);
    expect(cancelled.status).toBe("cancelled");
  });

  it("lists input items page by page and all at once", async () => {
    const input = ["one", "two", "three", "four", "five"].map((content) => ({ role: "user" as const, content }));
    const created = await client.responses.create({ model: "echo", input });
    const page = await client.responses.inputItems(created.id, { limit: 2, order: "asc" });
    expect(page).toMatchObject({ object: "list", has_more: true });
    expect(page.data).toHaveLength(2);
    const all = await collect(client.responses.allInputItems(created.id, { limit: 2, order: "asc" }));
    expect(all.map((item) => (item.type === "message" ? item.content[0] : undefined))).toEqual(
      input.map((m) => ({ type: "input_text", text: m.content })),
    );
  });

  it("deletes, then reports 404 with OpenAI's error fields", async () => {
    const created = await client.responses.create({ model: "echo", input: "bye" });
    expect(await client.responses.delete(created.id)).toEqual({
      id: created.id,
      object: "response.deleted",
      deleted: true,
    });
    const error = await client.responses.retrieve(created.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SwitchboardApiError);
    expect(error).toMatchObject({ status: 404, type: "not_found_error", code: "response_not_found" });
  });

  it("surfaces a validation error with its param", async () => {
    const error = await client.responses.create({ model: "echo", input: "x", temperature: 9 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, param: "temperature", type: "invalid_request_error" });
  });

  it("sends the API key, and fails with 401 without it", async () => {
    const anonymous = createClient({ baseURL: server.url });
    try {
      const error = await anonymous.models.list().catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 401, type: "authentication_error" });
    } finally {
      await anonymous.close();
    }
  });
});

describe("models client", () => {
  it("lists and retrieves the served agents", async () => {
    const list = await client.models.list();
    expect(list.data.map((m) => m.id)).toEqual(Object.keys(fixtureAgents));
    expect(await client.models.retrieve("tools")).toMatchObject({ id: "tools", object: "model" });
  });
});

describe("transport", () => {
  it("sends every request through an injected dispatcher", async () => {
    const agent = new Agent();
    let dispatched = 0;
    const counting = agent.compose(
      (dispatch) => (options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
        dispatched++;
        return dispatch(options, handler);
      },
    );
    const custom = createClient({ baseURL: server.url, apiKey: API_KEY, dispatcher: counting });
    try {
      await custom.models.list();
      await collect(custom.responses.stream({ model: "echo", input: "via the dispatcher" }));
      expect(dispatched).toBe(2);
    } finally {
      await custom.close();
      await agent.close();
    }
  });

  it("uses an injected fetch", async () => {
    const urls: string[] = [];
    const custom = createClient({
      baseURL: `${server.url}/`,
      apiKey: API_KEY,
      fetch: (input, init) => {
        urls.push(input);
        return fetch(input, init);
      },
    });
    try {
      await custom.models.retrieve("echo");
      expect(urls).toEqual([`${server.url}/v1/models/echo`]);
    } finally {
      await custom.close();
    }
  });
});

describe("parseSse", () => {
  const bytes = (...chunks: string[]) =>
    (async function* () {
      const encoder = new TextEncoder();
      for (const chunk of chunks) yield encoder.encode(chunk);
    })();

  it("handles fields split across chunks, CRLF split between chunks, comments and multi-line data", async () => {
    const frames = await collect(
      parseSse(
        bytes(
          ": keep-alive\n\nev",
          "ent: a\r",
          "\ndata: 1\r\n",
          "data: 2\r\n\r\n",
          "id: 7\ndata:no-space\n\n",
          "event: cut\ndata: never ends",
        ),
      ),
    );
    expect(frames).toEqual<SseEvent[]>([
      { event: "a", id: undefined, data: "1\n2" },
      { event: undefined, id: "7", data: "no-space" },
      // Cut off by the end of the body: delivered (the one rule of core's and the client's parsers),
      // with the last event id carried over.
      { event: "cut", id: "7", data: "never ends" },
    ]);
  });

  it("ends an event left open at the end of the body, whatever its last line break", async () => {
    expect(await collect(parseSse(bytes("data: a\n")))).toEqual<SseEvent[]>([
      { event: undefined, id: undefined, data: "a" },
    ]);
    expect(await collect(parseSse(bytes("data: b\r")))).toEqual<SseEvent[]>([
      { event: undefined, id: undefined, data: "b" },
    ]);
    expect(await collect(parseSse(bytes("data: c\n\n", ": only a comment")))).toEqual<SseEvent[]>([
      { event: undefined, id: undefined, data: "c" },
    ]);
    expect(await collect(parseSse(bytes("event: no-data\n")))).toEqual<SseEvent[]>([]);
  });

  it("decodes UTF-8 split inside a character", async () => {
    const encoded = new TextEncoder().encode("data: °C\n\n");
    const frames = await collect(
      parseSse(
        (async function* () {
          yield encoded.slice(0, 7);
          yield encoded.slice(7);
        })(),
      ),
    );
    expect(frames.map((f) => f.data)).toEqual(["°C"]);
  });
});
