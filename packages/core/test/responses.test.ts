import type { ResponseObject, ResponseStreamEvent } from "@switchboard/protocol/responses";
import { validate } from "@switchboard/protocol/responses";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSwitchboard, type Switchboard } from "../src/app.js";
import { fromFetchRequest, toFetchResponse } from "../src/fetch.js";
import { ResponseBuilder } from "../src/protocols/responses/builder.js";
import { initialResponse } from "../src/protocols/responses/initial.js";
import { responsesProtocol } from "../src/protocols/responses/module.js";
import { createAgent } from "../src/runtime/agent/define.js";
import type { Agent, AgentConfig } from "../src/runtime/agent/types.js";
import { delay } from "../src/runtime/model/abort.js";
import { ModelError } from "../src/runtime/model/errors.js";
import { scriptedModel, textReply, toolCallReply } from "../src/runtime/model/scripted.js";
import type { ModelEvent, ModelRequest } from "../src/runtime/model/types.js";
import { defineTool } from "../src/runtime/tools/define.js";
import { memoryBus } from "../src/store/bus.js";
import { memoryResponseStore } from "../src/store/memory-responses.js";
import type { ResponseStore } from "../src/store/responses.js";

const lastUserText = (request: ModelRequest) => {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i]!;
    if (message.role === "user") return message.content;
  }
  return "";
};

const words = (text: string) => text.match(/\S+\s*/g) ?? [];

/** Observations of the scripted models, reset per test. */
let seen: { requests: ModelRequest[]; aborted: boolean; produced: number };

const agent = (config: AgentConfig): Agent => createAgent(() => config);

const agents: Record<string, Agent> = {
  echo: agent({
    model: scriptedModel("echo", (request) => {
      seen.requests.push(request);
      const text = lastUserText(request);
      const parts = words(text);
      if (request.maxOutputTokens !== undefined && parts.length > request.maxOutputTokens) {
        return [
          ...parts.slice(0, request.maxOutputTokens).map((delta): ModelEvent => ({ type: "text", delta })),
          { type: "usage", inputTokens: parts.length, outputTokens: request.maxOutputTokens },
          { type: "finish", reason: "length" },
        ];
      }
      return textReply(parts, { inputTokens: parts.length, outputTokens: parts.length });
    }),
  }),
  tools: agent({
    model: scriptedModel("tools", (request) => {
      seen.requests.push(request);
      const last = request.messages[request.messages.length - 1];
      if (last?.role === "tool") return textReply(`Tool said: ${last.content}`, { inputTokens: 3, outputTokens: 3 });
      const tool = request.tools?.[0];
      if (!tool) return textReply("no tools");
      return toolCallReply(
        [{ name: tool.name, arguments: ['{"input":', JSON.stringify(lastUserText(request)), "}"] }],
        {
          inputTokens: 2,
          outputTokens: 1,
        },
      );
    }),
  }),
  // Calls its own server-side tool, then answers with the result: two model turns, one response.
  reverser: agent({
    model: scriptedModel("reverser", (request) => {
      const last = request.messages[request.messages.length - 1];
      if (last?.role === "tool") return textReply(last.content, { inputTokens: 5, outputTokens: 2 });
      return [
        { type: "text", delta: "Reversing." },
        ...toolCallReply([{ name: "reverse", arguments: JSON.stringify({ text: lastUserText(request) }) }], {
          inputTokens: 4,
          outputTokens: 3,
        }),
      ];
    }),
    tools: [
      defineTool<{ text: string }, string>({
        name: "reverse",
        parameters: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
        execute: ({ text }) => [...text].reverse().join(""),
      }),
    ],
  }),
  slow: agent({
    model: scriptedModel("slow", async function* (request) {
      try {
        for (let i = 1; i <= 50; i++) {
          await delay(20, request.signal);
          yield { type: "text", delta: i === 1 ? "tick 1" : ` tick ${i}` } satisfies ModelEvent;
        }
        yield { type: "finish", reason: "stop" } satisfies ModelEvent;
      } finally {
        seen.aborted ||= request.signal.aborted;
      }
    }),
  }),
  // Names its calls the way some upstream servers do, not `call_…`.
  oddids: agent({
    model: scriptedModel("oddids", (request) => {
      seen.requests.push(request);
      const last = request.messages[request.messages.length - 1];
      if (last?.role === "tool") return textReply(`got ${last.content}`);
      return toolCallReply([{ id: "chatcmpl-tool-7", name: request.tools![0]!.name, arguments: "{}" }]);
    }),
  }),
  // Produces as fast as it is asked to, counting what it produced.
  firehose: agent({
    model: scriptedModel("firehose", function* () {
      for (let i = 0; i < 100_000; i++) {
        seen.produced++;
        yield { type: "text", delta: "x" } satisfies ModelEvent;
      }
      yield { type: "finish", reason: "stop" } satisfies ModelEvent;
    }),
  }),
  buggy: agent({
    model: scriptedModel("buggy", () => {
      throw new TypeError("secret internals");
    }),
  }),
  broken: agent({
    model: scriptedModel("broken", async function* () {
      yield { type: "text", delta: "partial" } satisfies ModelEvent;
      throw new ModelError("the model fell over", { code: "model_error", retryable: false });
    }),
  }),
};

let sb: Switchboard;
let store: ResponseStore;

beforeEach(() => {
  seen = { requests: [], aborted: false, produced: 0 };
  store = memoryResponseStore();
  sb = createSwitchboard({ protocols: [responsesProtocol({ agents, store })], limits: { maxBodyBytes: 64 * 1024 } });
});

afterEach(async () => {
  await sb.close();
});

async function call(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<Response> {
  const request = new Request(`http://switchboard.test${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
  const response = await sb.handle(fromFetchRequest(request));
  if (!response) throw new Error(`no protocol owns ${path}`);
  return toFetchResponse(response);
}

async function create(body: Record<string, unknown>): Promise<ResponseObject> {
  const response = await call("POST", "/v1/responses", body);
  expect(response.status).toBe(200);
  return expectValid((await response.json()) as ResponseObject);
}

function expectValid(response: ResponseObject): ResponseObject {
  const checked = validate.ResponseObject(response);
  if (!checked.ok) throw new Error(`invalid response object: ${JSON.stringify(checked.issue)}`);
  return response;
}

/** Parses an SSE body into frames, checking the framing rules on the way. */
async function frames(response: Response): Promise<ResponseStreamEvent[]> {
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const text = await response.text();
  const blocks = text.split("\n\n").filter((block) => block !== "");
  expect(blocks[blocks.length - 1]).toBe("data: [DONE]");
  return blocks.slice(0, -1).map((block) => {
    const lines = block.split("\n");
    const event = lines.find((line) => line.startsWith("event: "))!.slice(7);
    const data = JSON.parse(lines.find((line) => line.startsWith("data: "))!.slice(6)) as ResponseStreamEvent;
    expect(event).toBe(data.type);
    const checked = validate.ResponseStreamEvent(data);
    if (!checked.ok) throw new Error(`invalid event ${block}: ${JSON.stringify(checked.issue)}`);
    return data;
  });
}

async function error(response: Response, status: number) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as {
    error: { type: string; message: string; param: string | null; code: string | null };
  };
  expect(validate.ResponsesErrorEnvelope(body).ok).toBe(true);
  return body.error;
}

async function until(predicate: () => Promise<boolean>, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await delay(5);
  }
}

describe("POST /v1/responses", () => {
  it("answers with a complete response object", async () => {
    const response = await create({ model: "echo", input: "hello there world", metadata: { k: "v" }, user: "u1" });
    expect(response).toMatchObject({
      object: "response",
      status: "completed",
      model: "echo",
      error: null,
      incomplete_details: null,
      instructions: null,
      metadata: { k: "v" },
      user: "u1",
      background: false,
      previous_response_id: null,
      usage: { input_tokens: 3, output_tokens: 3, total_tokens: 6, input_tokens_details: { cached_tokens: 0 } },
    });
    expect(response.id).toMatch(/^resp_[0-9a-f]+$/);
    expect(Number.isInteger(response.created_at) && Number.isInteger(response.completed_at)).toBe(true);
    expect(response.output).toEqual([
      {
        type: "message",
        id: expect.stringMatching(/^msg_[0-9a-f]+$/),
        role: "assistant",
        status: "completed",
        content: [{ type: "output_text", text: "hello there world", annotations: [], logprobs: [] }],
      },
    ]);
  });

  it("passes instructions and sampling parameters to the model", async () => {
    await create({ model: "echo", input: "x", instructions: "be brief", temperature: 0.5, top_p: 0.9 });
    expect(seen.requests[0]).toMatchObject({ instructions: "be brief", temperature: 0.5, topP: 0.9 });
  });

  it("streams the full event sequence with real indices", async () => {
    const events = await frames(await call("POST", "/v1/responses", { model: "echo", input: "a b", stream: true }));
    expect(events.map((e) => e.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const done = events.find((e) => e.type === "response.output_text.done");
    expect(done).toMatchObject({ text: "a b", output_index: 0, content_index: 0 });
  });

  it("keeps one message across server-side tool turns, one content part per turn, usage summed", async () => {
    const events = await frames(await call("POST", "/v1/responses", { model: "reverser", input: "abc", stream: true }));
    const parts = events.filter((e) => e.type === "response.content_part.done");
    expect(parts.map((e) => [e.output_index, e.content_index, e.part])).toEqual([
      [0, 0, { type: "output_text", text: "Reversing.", annotations: [], logprobs: [] }],
      [0, 1, { type: "output_text", text: "cba", annotations: [], logprobs: [] }],
    ]);
    const completed = events[events.length - 1]!;
    if (completed.type !== "response.completed") throw new Error(completed.type);
    expect(completed.response.usage).toMatchObject({ input_tokens: 9, output_tokens: 5, total_tokens: 14 });
  });

  it("ends with status incomplete when max_output_tokens is reached", async () => {
    const response = await create({ model: "echo", input: "one two three four", max_output_tokens: 2 });
    expect(seen.requests[0]?.maxOutputTokens).toBe(2);
    expect(response).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });
    expect(response.output[0]).toMatchObject({ status: "incomplete" });
  });

  it("sends the flat error event then response.failed when the model fails mid-stream", async () => {
    const events = await frames(await call("POST", "/v1/responses", { model: "broken", input: "x", stream: true }));
    const tail = events.slice(-2);
    expect(tail[0]).toEqual({
      type: "error",
      code: "model_error",
      message: "the model fell over",
      param: null,
      sequence_number: events.length - 2,
    });
    expect(tail[1]).toMatchObject({
      type: "response.failed",
      response: { status: "failed", error: { code: "model_error" } },
    });
  });

  it("answers a failed run without stream as a response with status failed, hiding internal errors", async () => {
    const failed = await create({ model: "broken", input: "x" });
    expect(failed).toMatchObject({ status: "failed", error: { code: "model_error", message: "the model fell over" } });
    const buggy = await create({ model: "buggy", input: "x" });
    expect(buggy).toMatchObject({ status: "failed", error: { code: "server_error" } });
    expect(buggy.error?.message).not.toContain("secret");
  });

  it("gives the model prev.input + prev.output + input with previous_response_id", async () => {
    const first = await create({ model: "echo", input: "first", instructions: "only once" });
    await create({ model: "echo", input: "second", previous_response_id: first.id });
    expect(seen.requests[1]?.messages).toEqual([
      { role: "user", content: "first" },
      { role: "assistant", content: "first" },
      { role: "user", content: "second" },
    ]);
    expect(seen.requests[1]?.instructions).toBeUndefined();
  });

  it("round-trips a client function call", async () => {
    const tools = [{ type: "function", name: "lookup", parameters: { type: "object" } }];
    const first = await create({ model: "tools", input: "what is up", tools });
    expect(first.output).toEqual([
      {
        type: "function_call",
        id: expect.stringMatching(/^fc_/),
        call_id: expect.stringMatching(/^call_/),
        name: "lookup",
        arguments: '{"input":"what is up"}',
        status: "completed",
      },
    ]);
    const call = first.output[0]!;
    if (call.type !== "function_call") throw new Error(call.type);
    const second = await create({
      model: "tools",
      previous_response_id: first.id,
      input: [{ type: "function_call_output", call_id: call.call_id, output: "sunny" }],
      tools,
    });
    expect(second.output[0]).toMatchObject({ type: "message", content: [{ text: "Tool said: sunny" }] });
    expect(seen.requests[1]?.messages.slice(-2)).toEqual([
      { role: "assistant", content: "", toolCalls: [{ id: call.call_id, name: "lookup", arguments: call.arguments }] },
      { role: "tool", toolCallId: call.call_id, name: "lookup", content: "sunny" },
    ]);
  });

  it("gives calls OpenAI's call_ ids even when the model names them otherwise", async () => {
    const tools = [{ type: "function", name: "f" }];
    const first = await create({ model: "oddids", input: "x", tools });
    const call = first.output[0]!;
    if (call.type !== "function_call") throw new Error(call.type);
    expect(call.call_id).toMatch(/^call_[0-9a-f]+$/);
    const second = await create({
      model: "oddids",
      previous_response_id: first.id,
      input: [{ type: "function_call_output", call_id: call.call_id, output: "42" }],
      tools,
    });
    expect(second.output[0]).toMatchObject({ content: [{ text: "got 42" }] });
  });

  it("streams function call arguments as deltas", async () => {
    const tools = [{ type: "function", name: "lookup" }];
    const events = await frames(
      await call("POST", "/v1/responses", { model: "tools", input: "q", tools, stream: true }),
    );
    expect(events.map((e) => e.type).slice(2)).toEqual([
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
  });

  it("refuses a function_call_output that answers no call, and a call left unanswered", async () => {
    const orphan = await call("POST", "/v1/responses", {
      model: "tools",
      input: [{ type: "function_call_output", call_id: "call_x", output: "1" }],
    });
    expect(await error(orphan, 400)).toMatchObject({ param: "input[0].call_id" });
    const unanswered = await call("POST", "/v1/responses", {
      model: "tools",
      input: [
        { role: "user", content: "hi" },
        { type: "function_call", call_id: "call_y", name: "f", arguments: "{}" },
      ],
    });
    expect(await error(unanswered, 400)).toMatchObject({ param: "input[1].call_id" });
  });

  it("does not store a response created with store: false", async () => {
    const response = await create({ model: "echo", input: "x", store: false });
    expect(response.store).toBe(false);
    expect(await error(await call("GET", `/v1/responses/${response.id}`), 404)).toMatchObject({
      code: "response_not_found",
    });
    const next = await call("POST", "/v1/responses", { model: "echo", input: "y", previous_response_id: response.id });
    expect(await error(next, 404)).toMatchObject({ param: "previous_response_id" });
  });

  it("pulls from the model only as fast as the client reads", async () => {
    const response = await call("POST", "/v1/responses", { model: "firehose", input: "x", stream: true });
    const reader = response.body!.getReader();
    for (let i = 0; i < 5; i++) await reader.read();
    await delay(50);
    expect(seen.produced).toBeLessThan(10);
    await reader.cancel();
  });

  it("aborts the model call when the client goes away", async () => {
    const controller = new AbortController();
    const response = await call(
      "POST",
      "/v1/responses",
      { model: "slow", input: "x", stream: true },
      {
        signal: controller.signal,
      },
    );
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    while (!received.includes("tick 2")) received += decoder.decode((await reader.read()).value);
    controller.abort();
    await reader.cancel().catch(() => {});
    await until(async () => seen.aborted);
  });
});

describe("background responses", () => {
  it("returns queued at once, runs detached, and can be cancelled", async () => {
    const queued = await create({ model: "slow", input: "x", background: true });
    expect(queued.status).toBe("queued");
    await until(async () => {
      const current = (await (await call("GET", `/v1/responses/${queued.id}`)).json()) as ResponseObject;
      return current.status === "in_progress" && current.output.length > 0;
    });
    const cancelled = (await (await call("POST", `/v1/responses/${queued.id}/cancel`)).json()) as ResponseObject;
    expect(expectValid(cancelled).status).toBe("cancelled");
    expect(seen.aborted).toBe(true);
    const again = (await (await call("POST", `/v1/responses/${queued.id}/cancel`)).json()) as ResponseObject;
    expect(again.status).toBe("cancelled");
  });

  it("refuses to cancel a response that is not in the background", async () => {
    const response = await create({ model: "echo", input: "x" });
    expect(await error(await call("POST", `/v1/responses/${response.id}/cancel`), 400)).toMatchObject({
      type: "invalid_request_error",
    });
  });

  it("replays stored events after starting_after, continuing live while it runs", async () => {
    const queued = await create({ model: "slow", input: "x", background: true });
    const events = await frames(await call("GET", `/v1/responses/${queued.id}?stream=true&starting_after=2`));
    expect(events[0]?.sequence_number).toBe(3);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i + 3));
    expect(events[events.length - 1]).toMatchObject({ type: "response.completed" });
    const text = events.filter((e) => e.type === "response.output_text.delta").map((e) => e.delta);
    expect(text.join("").split(" tick ").length).toBe(50);
  });
});

describe("stored responses", () => {
  it("retrieves, lists input items page by page, and deletes", async () => {
    const input = Array.from({ length: 5 }, (_, i) => ({ role: "user", content: `m${i}` }));
    const response = await create({ model: "echo", input });
    expect(expectValid((await (await call("GET", `/v1/responses/${response.id}`)).json()) as ResponseObject)).toEqual(
      response,
    );

    const seenTexts: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 3; page++) {
      const query = `limit=2&order=asc${after ? `&after=${after}` : ""}`;
      const list = (await (await call("GET", `/v1/responses/${response.id}/input_items?${query}`)).json()) as {
        data: Array<{ id: string; content: Array<{ text: string }> }>;
        has_more: boolean;
        first_id: string;
        last_id: string;
      };
      seenTexts.push(...list.data.map((item) => item.content[0]!.text));
      expect(list.first_id).toBe(list.data[0]!.id);
      expect(list.has_more).toBe(page < 2);
      after = list.last_id;
    }
    expect(seenTexts).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    const desc = (await (await call("GET", `/v1/responses/${response.id}/input_items`)).json()) as {
      data: Array<{ content: Array<{ text: string }> }>;
    };
    expect(desc.data.map((item) => item.content[0]!.text)).toEqual(["m4", "m3", "m2", "m1", "m0"]);

    const deleted = await call("DELETE", `/v1/responses/${response.id}`);
    expect(await deleted.json()).toEqual({ id: response.id, object: "response.deleted", deleted: true });
    await error(await call("GET", `/v1/responses/${response.id}`), 404);
    await error(await call("DELETE", `/v1/responses/${response.id}`), 404);
    expect(await store.readEvents(response.id, -1)).toEqual([]);
  });

  it("stores a plain create whole at its end, and replays it as the stream of the same run would be", async () => {
    // Consecutive deltas of one part or call are joined: how the model chunked them is not stored.
    const shape = (events: ResponseStreamEvent[]) => {
      const kept: Array<Record<string, unknown>> = [];
      for (const event of events) {
        const previous = kept.at(-1);
        if (
          previous &&
          (event.type === "response.output_text.delta" || event.type === "response.function_call_arguments.delta") &&
          previous.type === event.type &&
          previous.output_index === event.output_index
        ) {
          previous.delta = `${previous.delta as string}${event.delta}`;
          continue;
        }
        const { sequence_number: _, ...rest } = event as ResponseStreamEvent & Record<string, unknown>;
        kept.push(structuredClone(rest));
      }
      // Ids of items and of the response differ between the two runs; times too.
      return JSON.parse(
        JSON.stringify(kept)
          .replace(/"(resp|msg|fc|call)_[A-Za-z0-9]+"/g, '"$1_x"')
          .replace(/"(created_at|completed_at)":\d+/g, '"$1":0'),
      );
    };
    const requests = [
      { model: "echo", input: "a b c" },
      { model: "reverser", input: "abc" },
      { model: "tools", input: "q", tools: [{ type: "function", name: "lookup", parameters: { type: "object" } }] },
      { model: "echo", input: "one two three four", max_output_tokens: 2 },
      { model: "broken", input: "x" },
    ];
    for (const request of requests) {
      const response = await create(request);
      // Nothing but the response and its input items was written: no event log.
      expect(await store.readEvents(response.id, -1)).toEqual([]);
      expect((await store.getInputItems(response.id)).length).toBe(1);
      const replayed = await frames(await call("GET", `/v1/responses/${response.id}?stream=true`));
      expect(replayed.map((event) => event.sequence_number)).toEqual(replayed.map((_, i) => i));
      for (const event of replayed) expect(validate.ResponseStreamEvent(event).ok, event.type).toBe(true);
      expect(replayed.at(-1)).toMatchObject({ response: { id: response.id, status: response.status } });
      const streamed = await frames(await call("POST", "/v1/responses", { ...request, stream: true }));
      expect(shape(replayed), request.model).toEqual(shape(streamed));
      const later = await frames(await call("GET", `/v1/responses/${response.id}?stream=true&starting_after=3`));
      expect(later).toEqual(replayed.slice(4));
    }
  });

  it("replays a finished response's whole log", async () => {
    const response = await create({ model: "echo", input: "a b c" });
    const events = await frames(await call("GET", `/v1/responses/${response.id}?stream=true`));
    expect(events[0]).toMatchObject({ type: "response.created", sequence_number: 0 });
    expect(events[events.length - 1]).toMatchObject({ type: "response.completed", response: { id: response.id } });
  });
});

describe("models", () => {
  it("lists the served agents", async () => {
    const list = (await (await call("GET", "/v1/models")).json()) as { data: Array<{ id: string; object: string }> };
    expect(list.data.map((m) => m.id)).toEqual(Object.keys(agents));
    expect(await (await call("GET", "/v1/models/echo")).json()).toMatchObject({ id: "echo", object: "model" });
    expect(await error(await call("GET", "/v1/models/nope"), 404)).toMatchObject({ code: "model_not_found" });
  });
});

describe("bad input", () => {
  const cases: Array<[string, unknown, number, Partial<{ param: string | null; code: string }>]> = [
    ["malformed JSON", "{nope", 400, { code: "invalid_json", param: null }],
    ["unknown model", { model: "gpt-9", input: "x" }, 404, { code: "model_not_found", param: "model" }],
    ["wrong type", { model: "echo", input: "x", temperature: "hot" }, 400, { param: "temperature" }],
    [
      "unknown field",
      { model: "echo", input: "x", frobnicate: {} },
      400,
      { param: "frobnicate", code: "unknown_parameter" },
    ],
    ["nested field", { model: "echo", input: [{ role: "user", content: 5 }] }, 400, { param: "input[0].content" }],
    ["built-in tool", { model: "echo", tools: [{ type: "web_search" }] }, 400, { param: "tools[0].type" }],
    [
      "unsupported item",
      { model: "echo", input: [{ type: "web_search_call", id: "x" }] },
      400,
      { param: "input[0].type" },
    ],
    [
      "item_reference to no stored item",
      { model: "echo", input: [{ type: "item_reference", id: "msg_nope" }] },
      400,
      { param: "input[0].id" },
    ],
    ["background without store", { model: "echo", background: true, store: false }, 400, { param: "background" }],
    [
      "tool_choice naming no tool",
      { model: "echo", tool_choice: { type: "function", name: "f" } },
      400,
      { param: "tool_choice.name" },
    ],
  ];
  for (const [name, body, status, expected] of cases) {
    it(name, async () => {
      const detail = await error(await call("POST", "/v1/responses", body), status);
      expect(detail).toMatchObject(expected);
      if (expected.param) expect(detail.message).toContain(expected.param);
    });
  }

  it("answers unknown routes with 404 and wrong methods with 405 and Allow", async () => {
    expect(await error(await call("GET", "/v1/nothing"), 404)).toMatchObject({ type: "not_found_error" });
    const wrong = await call("PUT", "/v1/responses");
    // GET is WebSocket mode's upgrade (a plain GET answers 426).
    expect(wrong.headers.get("allow")).toBe("POST, GET");
    await error(wrong, 405);
  });

  it("rejects bad pagination parameters naming them", async () => {
    const response = await create({ model: "echo", input: "x" });
    for (const [query, param] of [
      ["limit=0", "limit"],
      ["limit=abc", "limit"],
      ["order=up", "order"],
      ["after=msg_nope", "after"],
    ]) {
      expect(await error(await call("GET", `/v1/responses/${response.id}/input_items?${query}`), 400)).toMatchObject({
        param,
      });
    }
  });

  it("answers an oversize body with 413 in OpenAI's envelope", async () => {
    const big = { model: "echo", input: "x".repeat(70 * 1024) };
    expect(await error(await call("POST", "/v1/responses", big), 413)).toMatchObject({ code: "payload_too_large" });
  });
});

describe("several processes sharing a store and a bus", () => {
  it("replays and cancels, from one process, a response running in another", async () => {
    const bus = memoryBus();
    const other = createSwitchboard({ protocols: [responsesProtocol({ agents, store, bus })] });
    const here = createSwitchboard({ protocols: [responsesProtocol({ agents, store, bus })] });
    const on = (app: Switchboard) => async (method: string, path: string, body?: unknown) => {
      const request = new Request(`http://switchboard.test${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return toFetchResponse((await app.handle(fromFetchRequest(request)))!);
    };
    try {
      const queued = (await (
        await on(other)("POST", "/v1/responses", { model: "slow", input: "x", background: true })
      ).json()) as ResponseObject;
      const replay = await on(here)("GET", `/v1/responses/${queued.id}?stream=true`);
      const reader = replay.body!.getReader();
      const decoder = new TextDecoder();
      let received = "";
      while (!received.includes("tick 2")) received += decoder.decode((await reader.read()).value);

      const cancelled = (await (await on(here)("POST", `/v1/responses/${queued.id}/cancel`)).json()) as ResponseObject;
      expect(cancelled.status).toBe("cancelled");
      expect(seen.aborted).toBe(true);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += decoder.decode(value);
      }
      expect(received).toContain('"status":"cancelled"');
      expect(received.trimEnd().endsWith("data: [DONE]")).toBe(true);
    } finally {
      await Promise.all([other.close(), here.close()]);
    }
  });
});

describe("ResponseBuilder.fromLog", () => {
  const request = { model: "echo", input: "hi" } as Parameters<typeof initialResponse>[1];
  const sequenced = (events: unknown[], from = 0) =>
    events.map((event, i) => ({ ...(event as object), sequence_number: from + i }) as ResponseStreamEvent);
  /** Drops what legitimately differs between two builders: the time they finished. */
  const timeless = (events: unknown[]) =>
    JSON.parse(JSON.stringify(events, (key, value) => (key === "completed_at" ? undefined : value)));

  // Every point a process could die at, in a run with text, a turn, a function call and more text.
  const steps: ((b: ResponseBuilder) => unknown[])[] = [
    (b) => b.created(),
    (b) => b.started(),
    (b) => b.text("Hello"),
    (b) => b.text(" world"),
    (b) => b.endTurn(),
    (b) => b.text("again"),
    (b) => b.functionCallStart("up_1", "lookup"),
    (b) => b.functionCallDelta("up_1", '{"q":'),
    (b) => b.functionCallDelta("up_1", '"x"}'),
    (b) => b.functionCallEnd("up_1"),
    (b) => b.functionCallStart("up_2", "lookup"),
    (b) => b.functionCallDelta("up_2", "{"),
    (b) => b.text("after"),
  ];

  for (let cut = 1; cut <= steps.length; cut++) {
    it(`concludes a log cut after step ${cut} as the original builder would have`, () => {
      const original = new ResponseBuilder(initialResponse("resp_log", request, true));
      const log = sequenced(steps.slice(0, cut).flatMap((step) => step(original)));
      // The stored object lags behind: it is the one from the first snapshot.
      const stored = (log[0] as { response: ResponseObject }).response;
      const resumed = ResponseBuilder.fromLog(stored, log);
      expect(timeless(resumed.failed({ code: "server_error", message: "gone" }))).toEqual(
        timeless(original.failed({ code: "server_error", message: "gone" })),
      );
      expect(timeless([resumed.response])).toEqual(timeless([original.response]));
    });
  }
});

describe("ResponseBuilder without copies", () => {
  const request = { model: "echo", input: "hi" } as Parameters<typeof initialResponse>[1];
  /** Drops what legitimately differs between two builders: the time they finished and the ids they drew. */
  const timeless = (value: unknown) =>
    JSON.parse(
      JSON.stringify(value, (key, inner) =>
        key === "completed_at" ? undefined : (key === "id" || key === "call_id") && inner !== "resp_q" ? "" : inner,
      ),
    );

  it("builds the same response as a builder handing out events, whatever it skips", () => {
    // Text, a turn's end, more text, client calls interrupting a message, text after them.
    const run = (b: ResponseBuilder) => {
      b.started();
      b.text("Hello");
      b.text(" world");
      b.endTurn();
      b.text("again");
      b.text(" and again");
      b.functionCallStart("up_1", "lookup");
      b.functionCallDelta("up_1", '{"q":"x"}');
      b.functionCallEnd("up_1");
      b.text("after");
      b.functionCallStart("up_2", "lookup");
      b.text("last");
      b.addUsage(3, 4);
      return b.completed();
    };
    const full = new ResponseBuilder(initialResponse("resp_q", request, false));
    const quiet = new ResponseBuilder(initialResponse("resp_q", request, false), { copies: false });
    const events = run(full);
    run(quiet);
    expect(events.at(-1)?.type).toBe("response.completed");
    expect(timeless(quiet.response)).toEqual(timeless(full.response));
    expect(quiet.response.output.map((item) => item.type)).toEqual([
      "message",
      "function_call",
      "message",
      "function_call",
      "message",
    ]);
  });
});

describe("keep-alive", () => {
  it("sends SSE keep-alive comments on a quiet response stream, between complete frames", async () => {
    let proceed!: () => void;
    const quiet = new Promise<void>((resolve) => {
      proceed = resolve;
    });
    const hb = createSwitchboard({
      protocols: [
        responsesProtocol({
          heartbeatMs: 1,
          agents: {
            thinker: agent({
              model: scriptedModel("thinker", async function* () {
                // Silent until the test has seen a keep-alive on the stream.
                await quiet;
                yield* textReply("done");
              }),
            }),
          },
        }),
      ],
    });
    try {
      const request = new Request("http://switchboard.test/v1/responses", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "thinker", input: "x", stream: true }),
      });
      const response = toFetchResponse((await hb.handle(fromFetchRequest(request)))!);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      while (!text.includes(": keep-alive\n\n")) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`the stream ended without a keep-alive: ${text}`);
        text += value;
      }
      proceed();
      for (let step = await reader.read(); !step.done; step = await reader.read()) text += step.value;
      const blocks = text.split("\n\n").filter((block) => block !== "");
      expect(blocks.at(-1)).toBe("data: [DONE]");
      const events = blocks.filter((block) => !block.startsWith(":")).slice(0, -1);
      const types = events.map((block) => block.split("\n")[0]);
      expect(types[0]).toBe("event: response.created");
      expect(types.at(-1)).toBe("event: response.completed");
      expect(text).toContain('"text":"done"');
    } finally {
      await hb.close();
    }
  });
});
