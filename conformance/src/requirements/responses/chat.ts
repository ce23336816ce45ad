import { show, type TestContext } from "../../context.js";
import type { HttpResponse } from "../../http.js";
import { defineRequirements, isObject } from "../define.js";
import { ERROR_SCHEMA, expectError, expectStatus } from "./client.js";

// Chat Completions (`POST /v1/chat/completions`) in front of the same agents: OpenAI's wire, so
// the openai profile's `core`; refusing `n` > 1 (OpenAI serves it) and storing only with
// `store: true` are Switchboard's policy: `extension`.

const CREATE = "Responses.ChatCompletionsOperations.create";
const S3 = "DESIGN §3";

type Json = Record<string, unknown>;

const LOOKUP = {
  type: "function",
  function: {
    name: "lookup",
    description: "Looks something up.",
    parameters: { type: "object", properties: { input: { type: "string" } }, required: ["input"] },
  },
};

function chat(t: TestContext, body: Json): Promise<HttpResponse> {
  return t.request("POST", "/v1/chat/completions", {
    okSchema: "ChatCompletion",
    errorSchema: ERROR_SCHEMA,
    json: body,
  });
}

async function chatOk(t: TestContext, body: Json): Promise<Json> {
  const res = await chat(t, body);
  expectStatus(t, res, 200, `POST /v1/chat/completions (${show(body).slice(0, 80)})`);
  return res.json as Json;
}

function firstChoice(t: TestContext, completion: Json): Json {
  const choice = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
  if (!isObject(choice) || !isObject(choice.message)) t.fail(`no choices[0].message in ${show(completion)}`);
  return choice;
}

/** The `data:` payloads of a streamed completion: chunks, then the literal `[DONE]` last. */
async function streamChat(t: TestContext, body: Json): Promise<Json[]> {
  const res = await t.stream("POST", "/v1/chat/completions", {
    json: { ...body, stream: true },
    errorSchema: ERROR_SCHEMA,
  });
  if (!res.events) t.fail(`expected 200 text/event-stream, got ${res.status} ${show(res.text?.slice(0, 200))}`);
  const frames = await res.events.rest(10_000);
  t.equal(frames.at(-1)?.data, "[DONE]", "last frame");
  const chunks: Json[] = [];
  frames.slice(0, -1).forEach((frame, i) => {
    if (frame.event !== undefined)
      t.fail(`frame #${i} has an event: field (${show(frame.event)}); chunks are data-only`);
    const chunk = JSON.parse(frame.data ?? "") as Json;
    t.schema("ChatCompletionChunk", chunk, `chunk #${i}`);
    chunks.push(chunk);
  });
  return chunks;
}

const deltaOf = (chunk: Json): Json => {
  const choice = Array.isArray(chunk.choices) ? (chunk.choices[0] as Json | undefined) : undefined;
  return isObject(choice?.delta) ? choice.delta : {};
};

export const chatRequirements = defineRequirements("responses", [
  {
    id: "RESP-CHAT-001",
    profiles: ["openai"],
    kind: "core",
    level: "MUST",
    section: `${S3}; ${CREATE}`,
    statement: "a completion answers with the agent's reply: object chat.completion, finish_reason stop, usage",
    async run(t: TestContext) {
      const completion = await chatOk(t, { model: "echo", messages: [{ role: "user", content: "chat hello" }] });
      t.equal(completion.object, "chat.completion", "object");
      t.equal(completion.model, "echo", "model");
      const choice = firstChoice(t, completion);
      t.equal((choice.message as Json).content, "chat hello", "message.content");
      t.equal(choice.finish_reason, "stop", "finish_reason");
      t.equal(completion.usage, { ...(completion.usage as Json), total_tokens: 4 }, "usage.total_tokens");
    },
  },
  {
    id: "RESP-CHAT-002",
    profiles: ["openai"],
    kind: "core",
    level: "MUST",
    section: `${S3}; Responses.ChatCompletionChunk`,
    statement:
      "stream: true answers data-only chat.completion.chunk frames then data: [DONE]; include_usage adds a last chunk with usage and no choices",
    async run(t: TestContext) {
      const chunks = await streamChat(t, {
        model: "echo",
        messages: [{ role: "user", content: "one two three" }],
        stream_options: { include_usage: true },
      });
      t.equal(deltaOf(chunks[0] ?? {}).role, "assistant", "role of the first delta");
      t.equal(chunks.map((c) => deltaOf(c).content ?? "").join(""), "one two three", "joined content");
      const last = chunks.at(-1) ?? {};
      t.equal(last.choices, [], "choices of the usage chunk");
      t.check(isObject(last.usage) && last.usage.total_tokens === 6, `usage of the last chunk: ${show(last.usage)}`);
      t.check(new Set(chunks.map((c) => c.id)).size === 1, "chunks of one completion carry different ids");
    },
  },
  {
    id: "RESP-CHAT-003",
    profiles: ["openai"],
    kind: "core",
    level: "MUST",
    section: `${S3}; Responses.ChatToolMessage`,
    statement:
      "a client tool call ends the completion with finish_reason tool_calls; a tool message with its id continues the conversation",
    async run(t: TestContext) {
      const question = { role: "user", content: "chat tool" };
      const first = firstChoice(t, await chatOk(t, { model: "tools", messages: [question], tools: [LOOKUP] }));
      t.equal(first.finish_reason, "tool_calls", "finish_reason");
      const message = first.message as Json;
      const call = Array.isArray(message.tool_calls) ? (message.tool_calls[0] as Json) : undefined;
      if (!call || !isObject(call.function)) t.fail(`no tool_calls[0] in ${show(message)}`);
      t.equal(call.function.name, "lookup", "tool name");
      const second = firstChoice(
        t,
        await chatOk(t, {
          model: "tools",
          tools: [LOOKUP],
          messages: [question, message, { role: "tool", tool_call_id: call.id, content: "done" }],
        }),
      );
      t.equal((second.message as Json).content, "Tool said: done", "reply after the tool result");
    },
  },
  {
    id: "RESP-CHAT-004",
    kind: "extension",
    level: "MUST",
    section: `${S3}; ${CREATE}`,
    statement: "a parameter value no agent honours (n: 2) is 400 in the error envelope with param naming it",
    async run(t: TestContext) {
      const res = await chat(t, { model: "echo", messages: [{ role: "user", content: "x" }], n: 2 });
      expectError(t, res, 400, "n: 2", { param: "n" });
    },
  },
  {
    id: "RESP-CHAT-005",
    profiles: ["openai"],
    kind: "core",
    level: "MUST",
    section: `${S3}; ${CREATE}`,
    statement: "an unknown model is 404 and an empty messages list 400, in the error envelope",
    async run(t: TestContext) {
      const unknown = await chat(t, { model: t.unique("no-such-agent"), messages: [{ role: "user", content: "x" }] });
      expectError(t, unknown, 404, "unknown model", { param: "model" });
      const empty = await chat(t, { model: "echo", messages: [] });
      expectError(t, empty, 400, "empty messages", { param: "messages" });
    },
  },
  {
    id: "RESP-CHAT-006",
    kind: "extension",
    level: "MUST",
    section: `${S3}; Responses.CreateChatCompletion.store`,
    statement: "a completion is not stored unless store: true; then its response is retrievable",
    async run(t: TestContext) {
      const unstored = await chatOk(t, { model: "echo", messages: [{ role: "user", content: "forget" }] });
      const responseId = (id: unknown) => `resp_${String(id).replace(/^chatcmpl-/, "")}`;
      const gone = await t.request("GET", `/v1/responses/${responseId(unstored.id)}`, { errorSchema: ERROR_SCHEMA });
      expectError(t, gone, 404, "retrieve of an unstored completion");
      const stored = await chatOk(t, { model: "echo", messages: [{ role: "user", content: "keep" }], store: true });
      const kept = await t.request("GET", `/v1/responses/${responseId(stored.id)}`, {
        okSchema: "ResponseObject",
        errorSchema: ERROR_SCHEMA,
      });
      expectStatus(t, kept, 200, "retrieve of a stored completion");
    },
  },
]);
