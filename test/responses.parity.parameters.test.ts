// Responses parity, create parameters: each at its default, non-default values honoured or refused with a 400 naming them, and the spec typing all of the SDK's.
import type OpenAI from "openai";
import { NotFoundError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clock, type Json, rejection, startParity, weather } from "./responses.parity.helpers.js";
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
