/**
 * Chat Completions (`POST /v1/chat/completions`) on every adapter, through the clients that speak
 * it, unchanged: the official npm `openai` SDK, the Vercel AI SDK's `@ai-sdk/openai` chat model and
 * LangChain's `ChatOpenAI`.
 */
import { createOpenAI } from "@ai-sdk/openai";
import { type AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { responsesProtocol } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import { generateText, jsonSchema, stepCountIs, streamText, tool } from "ai";
import OpenAI, { BadRequestError, NotFoundError } from "openai";
import type { ChatCompletionChunk, ChatCompletionTool } from "openai/resources/chat/completions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_KINDS, startServer, type TestServer } from "./support/index.js";

const API_KEY = "test";
const LOOKUP: ChatCompletionTool = {
  type: "function",
  function: {
    name: "lookup",
    description: "Looks a word up.",
    parameters: { type: "object", properties: { input: { type: "string" } }, required: ["input"] },
  },
};

describe.each(SERVER_KINDS)("Chat Completions over %s", (adapter) => {
  let server: TestServer;
  let client: OpenAI;

  beforeAll(async () => {
    server = await startServer(adapter, {
      protocols: [responsesProtocol({ agents: fixtureAgents })],
      apiKey: API_KEY,
    });
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: API_KEY, maxRetries: 0 });
  });

  afterAll(async () => {
    await server.close();
  });

  describe("the openai SDK", () => {
    it("creates a completion", async () => {
      const completion = await client.chat.completions.create({
        model: "echo",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "hello chat" },
        ],
      });
      expect(completion).toMatchObject({
        object: "chat.completion",
        model: "echo",
        choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "hello chat" } }],
        usage: { prompt_tokens: 2, completion_tokens: 2, total_tokens: 4 },
      });
      expect(completion.id).toMatch(/^chatcmpl-/);
      // Not stored unless asked.
      await expect(client.responses.retrieve(completion.id.replace("chatcmpl-", "resp_"))).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });

    it("stores a completion with store: true", async () => {
      const completion = await client.chat.completions.create({
        model: "echo",
        messages: [{ role: "user", content: "keep this" }],
        store: true,
        metadata: { from: "chat" },
      });
      const stored = await client.responses.retrieve(completion.id.replace("chatcmpl-", "resp_"));
      expect(stored).toMatchObject({ output_text: "keep this", metadata: { from: "chat" } });
    });

    it("streams chunks with usage, then [DONE]", async () => {
      const chunks: ChatCompletionChunk[] = [];
      const stream = await client.chat.completions.create({
        model: "echo",
        messages: [{ role: "user", content: "one two three" }],
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
      const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
      expect(text).toBe("one two three");
      const last = chunks.at(-1)!;
      expect(last.choices).toEqual([]);
      expect(last.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 });
      expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
      expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
      expect(new Set(chunks.map((c) => c.id)).size).toBe(1);

      const raw = await fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${API_KEY}` },
        body: JSON.stringify({ model: "echo", messages: [{ role: "user", content: "hi" }], stream: true }),
      });
      const frames = (await raw.text()).split("\n\n").filter(Boolean);
      expect(frames.at(-1)).toBe("data: [DONE]");
      expect(frames.every((f) => f.startsWith("data: "))).toBe(true);
    });

    it("runs a client tool round trip with tool messages", async () => {
      const first = await client.chat.completions.create({
        model: "tools",
        messages: [{ role: "user", content: "chat tools" }],
        tools: [LOOKUP],
      });
      const choice = first.choices[0]!;
      expect(choice.finish_reason).toBe("tool_calls");
      const [call] = choice.message.tool_calls ?? [];
      expect(call).toMatchObject({
        type: "function",
        function: { name: "lookup", arguments: '{"input":"chat tools"}' },
      });

      const second = await client.chat.completions.create({
        model: "tools",
        tools: [LOOKUP],
        messages: [
          { role: "user", content: "chat tools" },
          choice.message,
          { role: "tool", tool_call_id: call!.id, content: "looked up" },
        ],
      });
      expect(second.choices[0]).toMatchObject({ finish_reason: "stop", message: { content: "Tool said: looked up" } });
    });

    it("streams a tool call as tool_calls deltas", async () => {
      const stream = await client.chat.completions.create({
        model: "tools",
        messages: [{ role: "user", content: "streamed" }],
        tools: [LOOKUP],
        stream: true,
      });
      const chunks: ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
      expect(deltas[0]).toMatchObject({ index: 0, type: "function", function: { name: "lookup" } });
      expect(deltas.map((d) => d.function?.arguments ?? "").join("")).toBe('{"input":"streamed"}');
      expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
    });

    it("answers response_format json_schema and json_object through the structured agent", async () => {
      const schema = {
        type: "object",
        properties: { name: { type: "string" }, age: { type: "integer", minimum: 0 } },
        required: ["name", "age"],
        additionalProperties: false,
      };
      const completion = await client.chat.completions.create({
        model: "structured",
        messages: [{ role: "user", content: "Ada" }],
        response_format: { type: "json_schema", json_schema: { name: "person", schema, strict: true } },
      });
      expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ name: "Ada", age: 0 });
      const object = await client.chat.completions.create({
        model: "structured",
        messages: [{ role: "user", content: "any object" }],
        response_format: { type: "json_object" },
      });
      expect(JSON.parse(object.choices[0]!.message.content!)).toEqual({ text: "any object" });
      const plain = await client.chat.completions.create({
        model: "echo",
        messages: [{ role: "user", content: "plain text please" }],
        response_format: { type: "text" },
      });
      expect(plain.choices[0]?.message.content).toBe("plain text please");
    });

    it("honours max_tokens and stop", async () => {
      const short = await client.chat.completions.create({
        model: "echo",
        messages: [{ role: "user", content: "one two three four" }],
        max_tokens: 2,
      });
      expect(short.choices[0]).toMatchObject({ finish_reason: "length", message: { content: "one two" } });
      const stopped = await client.chat.completions.create({
        model: "echo",
        messages: [{ role: "user", content: "alpha beta STOP gamma" }],
        stop: ["STOP"],
        seed: 7,
        user: "u1",
        n: 1,
      });
      expect(stopped.choices[0]).toMatchObject({ finish_reason: "stop", message: { content: "alpha beta " } });
    });

    it("refuses what no agent honours, naming the parameter, in OpenAI's envelope", async () => {
      const base = { model: "echo", messages: [{ role: "user" as const, content: "x" }] };
      for (const [extra, param] of [
        [{ n: 2 }, "n"],
        [{ logprobs: true }, "logprobs"],
        [{ messages: [] }, "messages"],
        [{ messages: [{ role: "tool", content: "x", tool_call_id: "nope" }] }, "messages[0].tool_call_id"],
        [
          { tools: [LOOKUP], tool_choice: { type: "function", function: { name: "other" } } },
          "tool_choice.function.name",
        ],
        [{ max_completion_tokens: 0 }, "max_completion_tokens"],
        [{ surprise: 1 }, "surprise"],
      ] as const) {
        const error = await client.chat.completions.create({ ...base, ...extra } as never).catch((e: unknown) => e);
        expect(error, JSON.stringify(extra)).toBeInstanceOf(BadRequestError);
        expect((error as BadRequestError).param, JSON.stringify(extra)).toBe(param);
      }
      await expect(client.chat.completions.create({ ...base, model: "no-such-agent" })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });
  });

  describe("the Vercel AI SDK (@ai-sdk/openai chat model)", () => {
    const provider = () => createOpenAI({ baseURL: `${server.url}/v1`, apiKey: API_KEY });

    it("generates and streams text", async () => {
      const { text, usage, finishReason } = await generateText({
        model: provider().chat("echo"),
        prompt: "from the ai sdk",
      });
      expect(text).toBe("from the ai sdk");
      expect(finishReason).toBe("stop");
      expect(usage.inputTokens).toBe(4);

      const result = streamText({ model: provider().chat("echo"), prompt: "streamed by the ai sdk" });
      let streamed = "";
      for await (const delta of result.textStream) streamed += delta;
      expect(streamed).toBe("streamed by the ai sdk");
      expect((await result.usage).outputTokens).toBe(5);
    });

    it("runs a tool round trip", async () => {
      const { text, steps } = await generateText({
        model: provider().chat("tools"),
        prompt: "ai sdk tools",
        tools: {
          lookup: tool({
            description: "Looks a word up.",
            inputSchema: jsonSchema<{ input: string }>({
              type: "object",
              properties: { input: { type: "string" } },
              required: ["input"],
            }),
            execute: async ({ input }) => `found ${input}`,
          }),
        },
        stopWhen: stepCountIs(3),
      });
      expect(steps[0]?.toolCalls[0]).toMatchObject({ toolName: "lookup", input: { input: "ai sdk tools" } });
      expect(text).toBe("Tool said: found ai sdk tools");
    });
  });

  describe("LangChain ChatOpenAI", () => {
    const model = (name: string) =>
      new ChatOpenAI({ model: name, apiKey: API_KEY, maxRetries: 0, configuration: { baseURL: `${server.url}/v1` } });

    it("invokes and streams", async () => {
      const answer = await model("echo").invoke([new HumanMessage("from langchain")]);
      expect(answer.content).toBe("from langchain");
      expect(answer.usage_metadata).toMatchObject({ input_tokens: 2, output_tokens: 2 });
      let streamed = "";
      for await (const chunk of await model("echo").stream("streamed by langchain")) streamed += chunk.content;
      expect(streamed).toBe("streamed by langchain");
    });

    it("calls a bound tool and reads its result", async () => {
      const bound = model("tools").bindTools([LOOKUP]);
      const question = new HumanMessage("langchain tools");
      const call = await bound.invoke([question]);
      expect(call.tool_calls?.[0]).toMatchObject({ name: "lookup", args: { input: "langchain tools" } });
      const answer = await bound.invoke([
        question,
        call as AIMessage,
        new ToolMessage({ content: "checked", tool_call_id: call.tool_calls![0]!.id! }),
      ]);
      expect(answer.content).toBe("Tool said: checked");
    });
  });
});
