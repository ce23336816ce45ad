/**
 * The Responses protocol driven by the official `openai` SDK, unchanged, against every adapter.
 */
import { createAgent, delay, type ModelEvent, responsesProtocol, scriptedModel } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import OpenAI, { NotFoundError } from "openai";
import type { ResponseStreamEvent } from "openai/resources/responses/responses";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_KINDS, startServer, type TestServer } from "./support/index.js";

const API_KEY = "test";
const MAX_BODY = 64 * 1024;

/** What the `probe` agent's model saw of its AbortSignal, per call. */
const probe = { started: 0, aborted: 0 };

/** Streams a tick every 20 ms until aborted, recording that the abort reached the model call. */
const probeAgent = createAgent(() => ({
  model: scriptedModel("probe", async function* (request): AsyncGenerator<ModelEvent> {
    probe.started++;
    try {
      for (let tick = 1; tick <= 500; tick++) {
        yield { type: "text", delta: `tick ${tick} ` };
        await delay(20, request.signal);
      }
      yield { type: "finish", reason: "stop" };
    } finally {
      if (request.signal.aborted) probe.aborted++;
    }
  }),
}));

const STREAM_ORDER = [
  "response.created",
  "response.in_progress",
  "response.output_item.added",
  "response.content_part.added",
  "response.output_text.delta",
  "response.output_text.delta",
  "response.output_text.delta",
  "response.output_text.done",
  "response.content_part.done",
  "response.output_item.done",
  "response.completed",
];

async function until(predicate: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await delay(10);
  }
}

describe.each(SERVER_KINDS)("Responses over %s with the openai SDK", (adapter) => {
  let server: TestServer;
  let client: OpenAI;

  beforeAll(async () => {
    server = await startServer(adapter, {
      protocols: [responsesProtocol({ agents: { ...fixtureAgents, probe: probeAgent } })],
      apiKey: API_KEY,
      limits: { maxBodyBytes: MAX_BODY },
    });
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: API_KEY, maxRetries: 0 });
  });

  afterAll(async () => {
    await server.close();
  });

  const raw = (path: string, init: RequestInit = {}, token: string | null = API_KEY) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: {
        "content-type": "application/json",
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  it("creates a response", async () => {
    const response = await client.responses.create({ model: "echo", input: "hello from the sdk" });
    expect(response.status).toBe("completed");
    expect(response.output_text).toBe("hello from the sdk");
    expect(response.id).toMatch(/^resp_/);
    expect(response.usage).toMatchObject({ input_tokens: 4, output_tokens: 4, total_tokens: 8 });
  });

  it("streams the exact event sequence, framed as OpenAI does", async () => {
    const body = { model: "echo", input: "one two three", stream: true } as const;
    const events: ResponseStreamEvent[] = [];
    for await (const event of await client.responses.create(body)) events.push(event);
    expect(events.map((e) => e.type)).toEqual(STREAM_ORDER);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const deltas = events.flatMap((e) => (e.type === "response.output_text.delta" ? [e.delta] : []));
    expect(deltas.join("")).toBe("one two three");

    const text = await (await raw("/v1/responses", { method: "POST", body: JSON.stringify(body) })).text();
    const frames = text.split("\n\n").filter((frame) => frame !== "");
    expect(frames.pop()).toBe("data: [DONE]");
    expect(frames).toHaveLength(STREAM_ORDER.length);
    for (const frame of frames) {
      const [eventLine, dataLine, ...rest] = frame.split("\n");
      expect(rest).toEqual([]);
      expect(eventLine).toMatch(/^event: /);
      expect(dataLine).toMatch(/^data: /);
      expect(JSON.parse(dataLine!.slice(6)).type).toBe(eventLine!.slice(7));
    }
  });

  it("supports the stream helper's finalResponse()", async () => {
    const stream = client.responses.stream({ model: "echo", input: "final answer please" });
    const deltas: string[] = [];
    stream.on("response.output_text.delta", (event) => deltas.push(event.delta));
    const final = await stream.finalResponse();
    expect(final.status).toBe("completed");
    expect(final.output_text).toBe("final answer please");
    expect(deltas.join("")).toBe("final answer please");
  });

  it("retrieves, then deletes (404 afterwards)", async () => {
    const created = await client.responses.create({ model: "echo", input: "keep me", metadata: { run: "1" } });
    const retrieved = await client.responses.retrieve(created.id);
    expect(retrieved).toMatchObject({ id: created.id, status: "completed", metadata: { run: "1" } });
    expect(retrieved.output_text).toBe("keep me");
    await client.responses.delete(created.id);
    await expect(client.responses.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.responses.delete(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("continues a conversation with previous_response_id", async () => {
    const first = await client.responses.create({ model: "echo", input: "first turn" });
    const second = await client.responses.create({
      model: "echo",
      input: "second turn",
      previous_response_id: first.id,
    });
    expect(second.previous_response_id).toBe(first.id);
    expect(second.output_text).toBe("second turn");
    const third = await client.responses.create({ model: "echo", input: "third", previous_response_id: second.id });
    expect(third).toMatchObject({ previous_response_id: second.id, status: "completed" });
  });

  it("round-trips a client function tool with the tools fixture", async () => {
    const tools = [
      {
        type: "function" as const,
        name: "get_weather",
        description: "Weather for a city",
        parameters: { type: "object", properties: { input: { type: "string" } }, required: ["input"] },
        strict: false,
      },
    ];
    const first = await client.responses.create({ model: "tools", input: "Paris", tools });
    const call = first.output.find((item) => item.type === "function_call");
    if (call?.type !== "function_call") throw new Error("expected a function_call item");
    expect(call).toMatchObject({ name: "get_weather", status: "completed" });
    expect(call.call_id).toMatch(/^call_/);
    expect(call.id).toMatch(/^fc_/);
    expect(JSON.parse(call.arguments)).toEqual({ input: "Paris" });

    const second = await client.responses.create({
      model: "tools",
      previous_response_id: first.id,
      input: [{ type: "function_call_output", call_id: call.call_id, output: "sunny, 21 °C" }],
      tools,
    });
    expect(second.output_text).toBe("Tool said: sunny, 21 °C");
  });

  it("runs in the background and cancels (slow fixture)", async () => {
    const queued = await client.responses.create({ model: "slow", input: "go", background: true });
    expect(queued.status).toBe("queued");
    expect(queued.background).toBe(true);
    await until(async () => (await client.responses.retrieve(queued.id)).status === "in_progress");
    const cancelled = await client.responses.cancel(queued.id);
    expect(cancelled.status).toBe("cancelled");
    expect((await client.responses.retrieve(queued.id)).status).toBe("cancelled");
  });

  it("replays a stored response's events with stream and starting_after", async () => {
    const created = await client.responses.create({ model: "echo", input: "replay these words" });
    const events: ResponseStreamEvent[] = [];
    for await (const event of await client.responses.retrieve(created.id, { stream: true, starting_after: 3 })) {
      events.push(event);
    }
    expect(events[0]?.sequence_number).toBe(4);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i + 4));
    expect(events.at(-1)).toMatchObject({ type: "response.completed", response: { id: created.id } });
  });

  it("pages through input items with the SDK's auto-pagination", async () => {
    const input = Array.from({ length: 7 }, (_, i) => ({ role: "user" as const, content: `message ${i}` }));
    const created = await client.responses.create({ model: "echo", input });
    const first = await client.responses.inputItems.list(created.id, { limit: 3, order: "asc" });
    expect(first.data).toHaveLength(3);
    expect(first.has_more).toBe(true);
    const texts: string[] = [];
    for await (const item of client.responses.inputItems.list(created.id, { limit: 3, order: "asc" })) {
      if (item.type !== "message") throw new Error(item.type);
      const part = item.content[0];
      texts.push(part?.type === "input_text" ? part.text : "");
    }
    expect(texts).toEqual(input.map((m) => m.content));
    // Newest first by default.
    const newest = await client.responses.inputItems.list(created.id, { limit: 2 });
    expect(newest.data.map((item) => (item.type === "message" ? item.content[0] : undefined))).toEqual([
      { type: "input_text", text: "message 6" },
      { type: "input_text", text: "message 5" },
    ]);
  });

  it("lists and retrieves models", async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toEqual(expect.arrayContaining(["echo", "tools", "slow", "demo", "probe"]));
    expect(await client.models.retrieve("echo")).toMatchObject({ id: "echo", object: "model" });
    await expect(client.models.retrieve("nope")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("aborts the model call when the client disconnects mid-stream", async () => {
    const before = { ...probe };
    const controller = new AbortController();
    const response = await raw("/v1/responses", {
      method: "POST",
      body: JSON.stringify({ model: "probe", input: "x", stream: true }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    while (!received.includes("tick 2")) received += decoder.decode((await reader.read()).value);
    controller.abort();
    await until(() => probe.aborted > before.aborted);
    expect(probe.started).toBe(before.started + 1);
  });

  it("aborts the model call when the client disconnects from a response that is not streamed", async () => {
    const before = { ...probe };
    const controller = new AbortController();
    const pending = raw("/v1/responses", {
      method: "POST",
      body: JSON.stringify({ model: "probe", input: "x", store: false }),
      signal: controller.signal,
    }).catch(() => undefined);
    await until(() => probe.started > before.started);
    controller.abort();
    await pending;
    await until(() => probe.aborted > before.aborted);
  });

  describe("bad input", () => {
    const post = (body: string) => raw("/v1/responses", { method: "POST", body });

    const cases: Array<[string, () => Promise<Response>, number, { code?: string; param?: string | null }]> = [
      ["malformed JSON", () => post('{"model": "echo",'), 400, { code: "invalid_json", param: null }],
      ["wrong type", () => post(JSON.stringify({ model: "echo", input: 42 })), 400, { param: "input" }],
      [
        "wrong nested type",
        () => post(JSON.stringify({ model: "echo", input: [{ role: "user", content: "x" }], temperature: "hot" })),
        400,
        { param: "temperature" },
      ],
      [
        "unknown field",
        () => post(JSON.stringify({ model: "echo", input: "x", frobnicate: { effort: "low" } })),
        400,
        { param: "frobnicate", code: "unknown_parameter" },
      ],
      [
        // DESIGN §3's parameter policy: a documented parameter at a value the agent cannot honour.
        "a parameter the agent's model cannot honour",
        () => post(JSON.stringify({ model: "echo", input: "x", reasoning: { effort: "low" } })),
        400,
        { param: "reasoning.effort", code: "unsupported_parameter" },
      ],
      [
        "unknown model",
        () => post(JSON.stringify({ model: "gpt-x", input: "x" })),
        404,
        { code: "model_not_found", param: "model" },
      ],
      ["unknown response id", () => raw("/v1/responses/resp_nope"), 404, { code: "response_not_found" }],
      [
        "oversize body",
        () => post(JSON.stringify({ model: "echo", input: "x".repeat(MAX_BODY) })),
        413,
        { code: "payload_too_large" },
      ],
      ["missing bearer token", () => raw("/v1/models", {}, null), 401, { code: "invalid_api_key" }],
      ["wrong bearer token", () => raw("/v1/models", {}, "wrong"), 401, { code: "invalid_api_key" }],
      ["unknown route", () => raw("/v1/nothing-here"), 404, {}],
    ];

    for (const [name, send, status, expected] of cases) {
      it(name, async () => {
        const response = await send();
        expect(response.status).toBe(status);
        const body = (await response.json()) as { error: Record<string, unknown> };
        expect(Object.keys(body)).toEqual(["error"]);
        expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
        expect(body.error).toMatchObject(expected);
        if (typeof expected.param === "string") expect(body.error.message).toContain(expected.param);
        // The server keeps answering after bad input.
        expect((await raw("/v1/models")).status).toBe(200);
      });
    }

    it("the SDK surfaces a 400 with its param", async () => {
      const error = await client.responses.create({ model: "echo", input: "x", top_p: 7 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("top_p");
    });
  });
});

describe("Responses keep-alives with the openai SDK", () => {
  let server: TestServer;
  let client: OpenAI;
  // Quiet for longer than many heartbeats before answering: timers fire in order of expiry, so
  // the stream carries keep-alive comments before the text whatever the machine's load.
  const pauser = createAgent(() => ({
    model: scriptedModel("pauser", async function* (request): AsyncGenerator<ModelEvent> {
      await delay(200, request.signal);
      yield { type: "text", delta: "after the pause" };
      yield { type: "finish", reason: "stop" };
    }),
  }));

  beforeAll(async () => {
    server = await startServer("hono", { protocols: [responsesProtocol({ agents: { pauser }, heartbeatMs: 5 })] });
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "unused", maxRetries: 0 });
  });

  afterAll(async () => {
    await server.close();
  });

  it("the SDK reads a stream with keep-alive comments as if they were not there", async () => {
    const body = { model: "pauser", input: "x", stream: true } as const;
    const text = await (
      await fetch(`${server.url}/v1/responses`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      })
    ).text();
    expect(text).toContain(": keep-alive\n\n");

    const events: ResponseStreamEvent[] = [];
    for await (const event of await client.responses.create(body)) events.push(event);
    expect(events[0]?.type).toBe("response.created");
    expect(events.at(-1)?.type).toBe("response.completed");
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const deltas = events.flatMap((e) => (e.type === "response.output_text.delta" ? [e.delta] : []));
    expect(deltas.join("")).toBe("after the pause");
  });
});
