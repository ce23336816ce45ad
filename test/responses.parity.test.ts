/**
 * Responses parity with OpenAI, driven by the official `openai` SDK against every adapter: every
 * create parameter at its default and at a non-default value (honoured, or a 400 naming it),
 * structured output with `responses.parse()`, conversations, input token counts, compaction,
 * image and file input and `allowed_tools`. A local stub stands in for a hosted upstream model, to
 * show what the OpenAI-compatible provider passes on.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAgent, openAICompatible, responsesProtocol } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import OpenAI, { BadRequestError, NotFoundError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_KINDS, startServer, type TestServer } from "./support/index.js";

type Json = Record<string, unknown>;

/** A stand-in for a hosted model: records each Chat Completions / Responses body and answers "ok". */
function startUpstream(): Promise<{ url: string; bodies: Json[]; close(): Promise<void> }> {
  const bodies: Json[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const body = JSON.parse(raw) as Json;
      bodies.push(body);
      res.writeHead(200, { "content-type": "text/event-stream" });
      const format = (body.response_format ?? (body.text as Json | undefined)?.format) as Json | undefined;
      const text = format && format.type !== "text" ? '{"answer":"ok"}' : "ok";
      if (req.url?.endsWith("/chat/completions")) {
        const chunk = (delta: Json, finish: string | null, logprobs?: Json) =>
          `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish, ...(logprobs ? { logprobs } : {}) }] })}\n\n`;
        const logprobs = body.logprobs
          ? { content: [{ token: text, logprob: -0.25, bytes: null, top_logprobs: [{ token: text, logprob: -0.25 }] }] }
          : undefined;
        res.write(chunk({ role: "assistant", content: text }, null, logprobs));
        res.write(chunk({}, "stop"));
        res.write(
          `data: ${JSON.stringify({ id: "c1", choices: [], usage: { prompt_tokens: 3, completion_tokens: 1 } })}\n\n`,
        );
        res.end("data: [DONE]\n\n");
      } else {
        const logprobs = (body.include as string[] | undefined)?.includes("message.output_text.logprobs")
          ? [{ token: text, logprob: -0.5, bytes: [111, 107], top_logprobs: [] }]
          : undefined;
        res.write(
          `data: ${JSON.stringify({ type: "response.output_text.delta", item_id: "m1", delta: text, ...(logprobs ? { logprobs } : {}) })}\n\n`,
        );
        res.write(
          `data: ${JSON.stringify({ type: "response.completed", response: { status: "completed", usage: { input_tokens: 3, output_tokens: 1 } } })}\n\n`,
        );
        res.end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
        bodies,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

const weather = {
  type: "function" as const,
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { input: { type: "string" } }, required: ["input"] },
  strict: false,
};
const clock = { ...weather, name: "get_time", description: "Time in a city" };

describe.each(SERVER_KINDS)("Responses parity over %s with the openai SDK", (adapter) => {
  let server: TestServer;
  let client: OpenAI;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;

  beforeAll(async () => {
    upstream = await startUpstream();
    const chat = createAgent(() => ({
      model: openAICompatible({ baseURL: upstream.url, model: "gpt-4o-mini", retries: 0 }),
    }));
    const responsesApi = createAgent(() => ({
      model: openAICompatible({ baseURL: upstream.url, model: "gpt-4o-mini", api: "responses", retries: 0 }),
    }));
    server = await startServer(adapter, {
      protocols: [responsesProtocol({ agents: { ...fixtureAgents, chat, upstream: responsesApi } })],
    });
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "test", maxRetries: 0 });
  });

  afterAll(async () => {
    await server.close();
    await upstream.close();
  });

  /** The 400 the SDK raised, or fails. */
  async function rejection(promise: Promise<unknown>): Promise<InstanceType<typeof BadRequestError>> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BadRequestError);
    return error as InstanceType<typeof BadRequestError>;
  }

  describe("every create parameter at its default is accepted", () => {
    it("the defaults and nulls, all at once, echoed with their default values", async () => {
      const response = await client.responses.create({
        model: "echo",
        input: "defaults",
        background: false,
        background_options: {},
        context_management: null,
        conversation: null,
        include: [],
        instructions: null,
        max_output_tokens: null,
        max_tool_calls: null,
        metadata: null,
        moderation: null,
        parallel_tool_calls: true,
        previous_response_id: null,
        prompt: null,
        prompt_cache_key: null,
        prompt_cache_options: {},
        prompt_cache_retention: null,
        reasoning: null,
        safety_identifier: null,
        service_tier: "auto",
        store: true,
        stream: false,
        stream_options: null,
        temperature: null,
        text: { format: { type: "text" }, verbosity: "medium" },
        tool_choice: "auto",
        tools: [],
        top_logprobs: 0,
        top_p: null,
        truncation: "disabled",
        access_programs: {},
        image: {},
      } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
      expect(response).toMatchObject({
        status: "completed",
        output_text: "defaults",
        temperature: 1,
        top_p: 1,
        presence_penalty: 0,
        frequency_penalty: 0,
        top_logprobs: 0,
        truncation: "disabled",
        service_tier: "default",
        max_tool_calls: null,
        prompt_cache_key: null,
        safety_identifier: null,
        user: null,
        conversation: null,
        reasoning: { effort: null, summary: null },
        text: { format: { type: "text" }, verbosity: "medium" },
      });
    });

    it("reasoning {} and null fields inside objects", async () => {
      const response = await client.responses.create({
        model: "echo",
        input: "x",
        reasoning: { effort: null, summary: null },
        stream_options: { include_obfuscation: true },
        text: { verbosity: null },
      });
      expect(response.status).toBe("completed");
    });
  });

  describe("non-default values are honoured by the runtime", () => {
    it("sampling, hints and identifiers are echoed", async () => {
      const response = await client.responses.create({
        model: "echo",
        input: "x",
        temperature: 0.25,
        top_p: 0.5,
        max_tool_calls: 2,
        parallel_tool_calls: false,
        prompt_cache_key: "cache-1",
        prompt_cache_retention: "24h",
        safety_identifier: "user-hash",
        user: "alice",
        metadata: { a: "b" },
        truncation: "auto",
      } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
      expect(response).toMatchObject({
        temperature: 0.25,
        top_p: 0.5,
        max_tool_calls: 2,
        parallel_tool_calls: false,
        prompt_cache_key: "cache-1",
        safety_identifier: "user-hash",
        user: "alice",
        metadata: { a: "b" },
        truncation: "auto",
      } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
    });

    it("max_output_tokens ends the echo early", async () => {
      const response = await client.responses.create({ model: "echo", input: "a b c d", max_output_tokens: 2 });
      expect(response.status).toBe("incomplete");
      expect(response.output_text).toBe("a b");
    });

    it("store: false is not retrievable; background queues", async () => {
      const unstored = await client.responses.create({ model: "echo", input: "x", store: false });
      await expect(client.responses.retrieve(unstored.id)).rejects.toBeInstanceOf(NotFoundError);
      const queued = await client.responses.create({ model: "echo", input: "x", background: true });
      expect(queued.status).toBe("queued");
    });

    it("include of what Switchboard produces is accepted", async () => {
      const response = await client.responses.create({
        model: "echo",
        input: "x",
        include: ["message.input_image.image_url", "reasoning.encrypted_content"],
      });
      expect(response.status).toBe("completed");
    });

    it("tool_choice none keeps the tools fixture from calling a tool; required and forced call one", async () => {
      const none = await client.responses.create({ model: "tools", input: "x", tools: [weather], tool_choice: "none" });
      expect(none.output.some((item) => item.type === "function_call")).toBe(false);
      const forced = await client.responses.create({
        model: "tools",
        input: "Oslo",
        tools: [weather, clock],
        tool_choice: { type: "function", name: "get_time" },
      });
      expect(forced.output.find((item) => item.type === "function_call")).toMatchObject({ name: "get_time" });
      expect(forced.tools).toEqual([
        { ...weather, strict: false },
        { ...clock, strict: false },
      ]);
    });

    it("allowed_tools restricts which tools the tools fixture may call", async () => {
      const response = await client.responses.create({
        model: "tools",
        input: "Oslo",
        tools: [weather, clock],
        tool_choice: { type: "allowed_tools", mode: "required", tools: [{ type: "function", name: "get_time" }] },
      });
      const call = response.output.find((item) => item.type === "function_call");
      expect(call).toMatchObject({ name: "get_time" });
      expect(response.tool_choice).toEqual({
        type: "allowed_tools",
        mode: "required",
        tools: [{ type: "function", name: "get_time" }],
      });
      const unknown = await rejection(
        client.responses.create({
          model: "tools",
          input: "x",
          tools: [weather],
          tool_choice: { type: "allowed_tools", mode: "auto", tools: [{ type: "function", name: "nope" }] },
        }),
      );
      expect(unknown.param).toBe("tool_choice.tools[0].name");
    });

    it("echoes strict as true when a tool leaves it out", async () => {
      const { strict: _, ...loose } = weather;
      const response = await client.responses.create({ model: "tools", input: "x", tools: [loose] as never });
      expect(response.tools[0]).toMatchObject({ name: "get_weather", strict: true });
    });
  });

  describe("non-default values the agent cannot honour are a 400 naming the parameter", () => {
    const cases: Array<[string, Json]> = [
      ["reasoning.effort", { reasoning: { effort: "high" } }],
      ["reasoning.summary", { reasoning: { summary: "auto" } }],
      ["service_tier", { service_tier: "flex" }],
      ["top_logprobs", { top_logprobs: 3 }],
      ["text.verbosity", { text: { verbosity: "low" } }],
      ["include[0]", { include: ["message.output_text.logprobs"] }],
      ["prompt", { prompt: { id: "pmpt_1" } }],
      ["context_management", { context_management: [{ type: "compaction", compact_threshold: 1000 }] }],
      ["moderation", { moderation: { model: "omni-moderation-latest" } }],
      ["background_options", { background_options: { completion_window: "2h" } }],
      ["access_programs", { access_programs: { cyber: "standard" } }],
      ["image", { image: { context_compression: "enabled" } }],
      ["tools[0].type", { tools: [{ type: "web_search" }] }],
      [
        "input[0].content[0].file_id",
        { input: [{ role: "user", content: [{ type: "input_image", file_id: "file_1" }] }] },
      ],
    ];
    for (const [param, extra] of cases) {
      it(param, async () => {
        const error = await rejection(
          client.responses.create({
            model: "echo",
            input: "x",
            ...extra,
          } as OpenAI.Responses.ResponseCreateParamsNonStreaming),
        );
        expect(error.param).toBe(param);
        expect(error.message).toContain(param);
      });
    }
  });

  describe("the OpenAI-compatible provider passes parameters on", () => {
    it("to Chat Completions", async () => {
      const before = upstream.bodies.length;
      const response = await client.responses.create({
        model: "chat",
        input: [
          {
            role: "user",
            content: [
              { type: "input_text", text: "look" },
              { type: "input_image", image_url: PNG, detail: "low" },
              { type: "input_file", filename: "a.txt", file_data: "data:text/plain;base64,aGk=" },
            ],
          },
        ],
        reasoning: { effort: "low" },
        service_tier: "flex",
        text: { verbosity: "low", format: { type: "json_object" } },
        prompt_cache_key: "k",
        safety_identifier: "s",
        temperature: 0.2,
        presence_penalty: 0.5,
      } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
      expect(response.status).toBe("completed");
      const body = upstream.bodies[before]!;
      expect(body).toMatchObject({
        reasoning_effort: "low",
        service_tier: "flex",
        verbosity: "low",
        response_format: { type: "json_object" },
        prompt_cache_key: "k",
        safety_identifier: "s",
        temperature: 0.2,
        presence_penalty: 0.5,
      } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
      const user = (body.messages as Json[]).find((m) => m.role === "user")!;
      expect(user.content).toEqual([
        { type: "text", text: "look" },
        { type: "image_url", image_url: { url: PNG, detail: "low" } },
        { type: "file", file: { filename: "a.txt", file_data: "data:text/plain;base64,aGk=" } },
      ]);
    });

    it("a penalty the Responses API has no field for is a 400 on a Responses upstream", async () => {
      const error = await rejection(
        client.responses.create({
          model: "upstream",
          input: "x",
          presence_penalty: 0.5,
        } as OpenAI.Responses.ResponseCreateParamsNonStreaming),
      );
      expect(error.param).toBe("presence_penalty");
    });

    it("to a Responses upstream, with reasoning items and phase", async () => {
      const before = upstream.bodies.length;
      const response = await client.responses.create({
        model: "upstream",
        input: [
          { role: "user", content: [{ type: "input_image", image_url: "https://example.com/a.png" }] },
          {
            type: "reasoning",
            id: "rs_1",
            summary: [{ type: "summary_text", text: "thinking" }],
            encrypted_content: "e",
          },
          { role: "assistant", content: "seen", phase: "final_answer" } as never,
          { role: "user", content: "again" },
        ],
        reasoning: { effort: "high", summary: "auto" },
        text: {
          format: {
            type: "json_schema",
            name: "a",
            schema: { type: "object", properties: { answer: { type: "string" } } },
            strict: true,
          },
        },
      } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
      expect(response.status).toBe("completed");
      const body = upstream.bodies[before]!;
      expect(body).toMatchObject({
        reasoning: { effort: "high", summary: "auto" },
        text: { format: { type: "json_schema", name: "a", strict: true } },
      });
      expect(body.input).toEqual([
        {
          type: "message",
          role: "user",
          content: [{ type: "input_image", image_url: "https://example.com/a.png", detail: "auto" }],
        },
        {
          type: "reasoning",
          id: "rs_1",
          summary: [{ type: "summary_text", text: "thinking" }],
          encrypted_content: "e",
        },
        { type: "message", role: "assistant", content: "seen", phase: "final_answer" },
        { type: "message", role: "user", content: "again" },
      ]);
    });
  });

  it("log-probabilities: asked of a provider that reports them, relayed in the deltas and the output", async () => {
    const before = upstream.bodies.length;
    const events: Json[] = [];
    const stream = await client.responses.create({
      model: "chat",
      input: "x",
      top_logprobs: 1,
      include: ["message.output_text.logprobs"],
      stream: true,
    });
    for await (const event of stream) events.push(event as unknown as Json);
    expect(upstream.bodies[before]).toMatchObject({ logprobs: true, top_logprobs: 1 });
    const delta = events.find((event) => event.type === "response.output_text.delta")!;
    const expected = {
      token: "ok",
      logprob: -0.25,
      bytes: [111, 107],
      top_logprobs: [{ token: "ok", logprob: -0.25, bytes: [111, 107] }],
    };
    expect(delta.logprobs).toEqual([expected]);
    const completed = events.at(-1)!.response as OpenAI.Responses.Response;
    expect(completed.output[0]).toMatchObject({ content: [{ text: "ok", logprobs: [expected] }] });
  });

  it("log-probabilities from a Responses upstream", async () => {
    const before = upstream.bodies.length;
    const response = await client.responses.create({ model: "upstream", input: "x", top_logprobs: 2 });
    expect(upstream.bodies[before]).toMatchObject({ top_logprobs: 2, include: ["message.output_text.logprobs"] });
    expect(response.output[0]).toMatchObject({
      content: [{ text: "ok", logprobs: [{ token: "ok", logprob: -0.5, bytes: [111, 107], top_logprobs: [] }] }],
    });
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

describe("the spec types every create parameter of the installed openai SDK", () => {
  it("ResponseCreateParamsBase's fields are all CreateResponse properties", async () => {
    const { readFile } = await import("node:fs/promises");
    const { createRequire } = await import("node:module");
    const require = createRequire(import.meta.url);
    const typings = await readFile(
      require.resolve("openai/resources/responses/responses").replace(/\.m?js$/, ".d.ts"),
      "utf8",
    );
    const start = typings.indexOf("export interface ResponseCreateParamsBase {");
    const body = typings.slice(start, typings.indexOf("\n}\n", start));
    const fields = [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((match) => match[1]!);
    expect(fields.length).toBeGreaterThan(25);
    const schema = JSON.parse(
      await readFile(new URL("../specs/generated/json-schema/responses.schema.json", import.meta.url), "utf8"),
    );
    const properties = Object.keys(schema.$defs.CreateResponse.properties);
    expect(fields.filter((field) => !properties.includes(field))).toEqual([]);
  });
});
