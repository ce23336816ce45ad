import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isAbortError } from "../src/runtime/model/abort.js";
import { ModelError } from "../src/runtime/model/errors.js";
import {
  defaultMaxConcurrency,
  LOCAL_MAX_CONCURRENCY,
  openAICompatible,
  parseRetryAfter,
  REMOTE_MAX_CONCURRENCY,
} from "../src/runtime/model/openai-compatible.js";
import type { ModelEvent } from "../src/runtime/model/types.js";
import { collect, finishChunk, request, textChunk } from "./model-chunks.js";

const BASE = "http://upstream.test/v1";
const CHAT = `${BASE}/chat/completions`;
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const encoder = new TextEncoder();

/** An SSE body: each item is sent as one `data:` frame, `pauseMs` apart. */
function sse(frames: Array<unknown>, pauseMs = 0) {
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const frame of frames) {
        const data = typeof frame === "string" ? frame : JSON.stringify(frame);
        controller.enqueue(encoder.encode(`data: ${data}\n\n`));
        if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
      controller.close();
    },
  });
  return new HttpResponse(body, { headers: { "content-type": "text/event-stream" } });
}

const usageChunk = (prompt: number, completion: number) => ({
  choices: [],
  usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
});

describe("openAICompatible (chat)", () => {
  it("maps the request to Chat Completions and streams text deltas, usage and finish", async () => {
    let sent: Record<string, unknown> | undefined;
    let auth: string | null = null;
    server.use(
      http.post(CHAT, async ({ request: upstream }) => {
        sent = (await upstream.json()) as Record<string, unknown>;
        auth = upstream.headers.get("authorization");
        return sse([textChunk("Hel"), textChunk("lo"), finishChunk("stop"), usageChunk(5, 2), "[DONE]"]);
      }),
    );
    const model = openAICompatible({ baseURL: `${BASE}/`, apiKey: "sk-test", model: "gpt-test" });
    expect(model.id).toBe("gpt-test");
    const events = await collect(
      model.stream(
        request({
          instructions: "Be brief.",
          messages: [
            { role: "developer", content: "Use tools." },
            { role: "user", content: "weather?" },
            {
              role: "assistant",
              content: "",
              toolCalls: [{ id: "call_1", name: "weather", arguments: '{"city":"Oslo"}' }],
            },
            { role: "tool", toolCallId: "call_1", content: "rainy" },
            { role: "assistant", content: "It is rainy." },
            { role: "user", content: "thanks" },
          ],
          tools: [{ name: "weather", description: "Weather by city", parameters: { type: "object" } }],
          toolChoice: { name: "weather" },
          parallelToolCalls: false,
          temperature: 0.2,
          topP: 0.9,
          maxOutputTokens: 100,
        }),
      ),
    );
    expect(events).toEqual([
      { type: "text", delta: "Hel" },
      { type: "text", delta: "lo" },
      { type: "usage", inputTokens: 5, outputTokens: 2 },
      { type: "finish", reason: "stop" },
    ]);
    expect(auth).toBe("Bearer sk-test");
    expect(sent).toEqual({
      model: "gpt-test",
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: "system", content: "Be brief." },
        { role: "system", content: "Use tools." },
        { role: "user", content: "weather?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } }],
        },
        { role: "tool", tool_call_id: "call_1", content: "rainy" },
        { role: "assistant", content: "It is rainy." },
        { role: "user", content: "thanks" },
      ],
      tools: [
        {
          type: "function",
          function: { name: "weather", description: "Weather by city", parameters: { type: "object" } },
        },
      ],
      tool_choice: { type: "function", function: { name: "weather" } },
      parallel_tool_calls: false,
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 100,
    });
  });

  it("leaves tool_choice and parallel_tool_calls out when there are no tools", async () => {
    let sent: Record<string, unknown> = {};
    server.use(
      http.post(CHAT, async ({ request: upstream }) => {
        sent = (await upstream.json()) as Record<string, unknown>;
        return sse([finishChunk("stop"), "[DONE]"]);
      }),
    );
    await collect(
      openAICompatible({ baseURL: BASE, model: "m" }).stream(request({ toolChoice: "auto", parallelToolCalls: true })),
    );
    expect(sent).not.toHaveProperty("tool_choice");
    expect(sent).not.toHaveProperty("parallel_tool_calls");
    expect(sent).not.toHaveProperty("tools");
  });

  it("assembles tool calls split across chunks, per index", async () => {
    server.use(
      http.post(CHAT, () =>
        sse([
          {
            choices: [
              {
                delta: {
                  role: "assistant",
                  tool_calls: [
                    { index: 0, id: "call_a", type: "function", function: { name: "lookup", arguments: "" } },
                  ],
                },
              },
            ],
          },
          { choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] } }] },
          {
            choices: [
              {
                delta: {
                  tool_calls: [
                    { index: 1, id: "call_b", type: "function", function: { name: "clock", arguments: "{}" } },
                  ],
                },
              },
            ],
          },
          { choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: '"cats"}' } }] } }] },
          finishChunk("tool_calls"),
          usageChunk(10, 7),
          "[DONE]",
        ]),
      ),
    );
    const events = await collect(openAICompatible({ baseURL: BASE, model: "m" }).stream(request()));
    expect(events).toEqual([
      { type: "tool_call_start", callId: "call_a", name: "lookup" },
      { type: "tool_call_delta", callId: "call_a", delta: '{"q":' },
      { type: "tool_call_start", callId: "call_b", name: "clock" },
      { type: "tool_call_delta", callId: "call_b", delta: "{}" },
      { type: "tool_call_delta", callId: "call_a", delta: '"cats"}' },
      { type: "tool_call_end", callId: "call_a" },
      { type: "tool_call_end", callId: "call_b" },
      { type: "usage", inputTokens: 10, outputTokens: 7 },
      { type: "finish", reason: "tool_calls" },
    ]);
  });

  it("retries a 429 after the Retry-After delay, then succeeds", async () => {
    const arrivals: number[] = [];
    server.use(
      http.post(CHAT, () => {
        arrivals.push(Date.now());
        if (arrivals.length === 1) {
          return HttpResponse.json(
            { error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } },
            { status: 429, headers: { "retry-after": "0.3" } },
          );
        }
        return sse([textChunk("ok"), finishChunk("stop"), "[DONE]"]);
      }),
    );
    const model = openAICompatible({ baseURL: BASE, model: "m", retryDelayMs: 1 });
    const events = await collect(model.stream(request()));
    expect(events[0]).toEqual({ type: "text", delta: "ok" });
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(290);
  });

  it("throws a ModelError with the upstream message once 5xx retries are exhausted", async () => {
    let calls = 0;
    server.use(
      http.post(CHAT, () => {
        calls++;
        return HttpResponse.json(
          { error: { message: "The server had an error", type: "server_error", code: null } },
          { status: 500 },
        );
      }),
    );
    const model = openAICompatible({ baseURL: BASE, model: "m", retries: 2, retryDelayMs: 5 });
    const error = await collect(model.stream(request())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({
      status: 500,
      code: "server_error",
      retryable: true,
      message: "The server had an error",
    });
    expect(calls).toBe(3);
  });

  it("does not retry a 400 and reports the upstream code", async () => {
    let calls = 0;
    server.use(
      http.post(CHAT, () => {
        calls++;
        return HttpResponse.json(
          { error: { message: "Unknown model 'x'", type: "invalid_request_error", code: "model_not_found" } },
          { status: 404 },
        );
      }),
    );
    const error = await collect(openAICompatible({ baseURL: BASE, model: "x" }).stream(request())).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "ModelError", status: 404, code: "model_not_found", retryable: false });
    expect(calls).toBe(1);
  });

  it("retries network errors before the first event", async () => {
    let calls = 0;
    server.use(
      http.post(CHAT, () => {
        calls++;
        return calls === 1 ? HttpResponse.error() : sse([textChunk("back"), finishChunk("stop"), "[DONE]"]);
      }),
    );
    const events = await collect(openAICompatible({ baseURL: BASE, model: "m", retryDelayMs: 1 }).stream(request()));
    expect(events[0]).toEqual({ type: "text", delta: "back" });
    expect(calls).toBe(2);
  });

  it("does not retry once an event was yielded: a cut-off stream is an error", async () => {
    let calls = 0;
    server.use(
      http.post(CHAT, () => {
        calls++;
        return sse([textChunk("partial")]);
      }),
    );
    const seen: ModelEvent[] = [];
    const error = await (async () => {
      for await (const event of openAICompatible({ baseURL: BASE, model: "m", retryDelayMs: 1 }).stream(request())) {
        seen.push(event);
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ type: "text", delta: "partial" }]);
    expect(error).toMatchObject({ name: "ModelError", code: "incomplete_stream" });
    expect(calls).toBe(1);
  });

  it("surfaces an error object sent inside the stream", async () => {
    server.use(
      http.post(CHAT, () => sse([{ error: { message: "context too long", code: "context_length_exceeded" } }])),
    );
    const error = await collect(openAICompatible({ baseURL: BASE, model: "m", retries: 0 }).stream(request())).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "ModelError", code: "context_length_exceeded", message: "context too long" });
  });

  it("aborts the upstream request mid-stream and ends promptly", async () => {
    let upstreamSignal: AbortSignal | undefined;
    server.use(
      http.post(CHAT, ({ request: upstream }) => {
        upstreamSignal = upstream.signal;
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode(`data: ${JSON.stringify(textChunk("tick"))}\n\n`));
            // Never closes on its own: only the abort can end this request.
          },
        });
        return new HttpResponse(body, { headers: { "content-type": "text/event-stream" } });
      }),
    );
    const controller = new AbortController();
    const seen: ModelEvent[] = [];
    let abortedAt = 0;
    const error = await (async () => {
      for await (const event of openAICompatible({ baseURL: BASE, model: "m" }).stream(
        request({ signal: controller.signal }),
      )) {
        seen.push(event);
        setTimeout(() => {
          abortedAt = Date.now();
          controller.abort();
        }, 20);
      }
    })().catch((e: unknown) => e);
    expect(Date.now() - abortedAt).toBeLessThan(500);
    expect(isAbortError(error)).toBe(true);
    expect(seen).toEqual([{ type: "text", delta: "tick" }]);
    expect(upstreamSignal?.aborted).toBe(true);
  });

  it("leaves a finished request alone, and aborts one whose body stays open after [DONE]", async () => {
    const signals: AbortSignal[] = [];
    let holdOpen = false;
    server.use(
      http.post(CHAT, ({ request: upstream }) => {
        signals.push(upstream.signal);
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            for (const frame of [textChunk("hi"), finishChunk("stop"), "[DONE]"]) {
              controller.enqueue(
                encoder.encode(`data: ${typeof frame === "string" ? frame : JSON.stringify(frame)}\n\n`),
              );
            }
            if (!holdOpen) controller.close();
          },
        });
        return new HttpResponse(body, { headers: { "content-type": "text/event-stream" } });
      }),
    );
    const model = openAICompatible({ baseURL: BASE, model: "m" });
    const expected = [
      { type: "text", delta: "hi" },
      { type: "finish", reason: "stop" },
    ];
    expect(await collect(model.stream(request()))).toEqual(expected);
    holdOpen = true;
    expect(await collect(model.stream(request()))).toEqual(expected);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(signals.map((signal) => signal.aborted)).toEqual([false, true]);
  });

  it("abandons a silent upstream after timeoutMs and retries", async () => {
    let calls = 0;
    server.use(
      http.post(CHAT, async () => {
        calls++;
        if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 1_000));
        return sse([textChunk("fast"), finishChunk("stop"), "[DONE]"]);
      }),
    );
    const started = Date.now();
    const model = openAICompatible({ baseURL: BASE, model: "m", timeoutMs: 100, retryDelayMs: 1 });
    const events = await collect(model.stream(request()));
    expect(events[0]).toEqual({ type: "text", delta: "fast" });
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("does not count a slow consumer as upstream silence", async () => {
    server.use(http.post(CHAT, () => sse([textChunk("a"), textChunk("b"), finishChunk("stop"), "[DONE]"])));
    const model = openAICompatible({ baseURL: BASE, model: "m", timeoutMs: 50, retries: 0 });
    const seen: string[] = [];
    for await (const event of model.stream(request())) {
      if (event.type === "text") seen.push(event.delta);
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    expect(seen).toEqual(["a", "b"]);
  });

  it("never has more than maxConcurrency requests in flight upstream", async () => {
    let inFlight = 0;
    let peak = 0;
    server.use(
      http.post(CHAT, async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 40));
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode(`data: ${JSON.stringify(textChunk("x"))}\n\n`));
            controller.enqueue(encoder.encode(`data: ${JSON.stringify(finishChunk("stop"))}\n\ndata: [DONE]\n\n`));
            inFlight--;
            controller.close();
          },
        });
        return new HttpResponse(body, { headers: { "content-type": "text/event-stream" } });
      }),
    );
    const model = openAICompatible({ baseURL: BASE, model: "m", maxConcurrency: 2 });
    const results = await Promise.all(Array.from({ length: 5 }, () => collect(model.stream(request()))));
    expect(results.every((events) => events[0]?.type === "text")).toBe(true);
    expect(peak).toBe(2);
  });

  it("shows its queue: calls in flight and calls waiting for a slot", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived = 0;
    let twoArrived!: () => void;
    const bothIn = new Promise<void>((resolve) => {
      twoArrived = resolve;
    });
    server.use(
      http.post(CHAT, async () => {
        if (++arrived === 2) twoArrived();
        await gate;
        return sse([textChunk("x"), finishChunk("stop"), "[DONE]"]);
      }),
    );
    const model = openAICompatible({ baseURL: BASE, model: "m", maxConcurrency: 2 });
    expect(model.queue).toMatchObject({ limit: 2, active: 0, waiting: 0 });
    const calls = Array.from({ length: 5 }, () => collect(model.stream(request())));
    await bothIn;
    expect({ active: model.queue!.active, waiting: model.queue!.waiting }).toEqual({ active: 2, waiting: 3 });
    release();
    await Promise.all(calls);
    expect({ active: model.queue!.active, waiting: model.queue!.waiting }).toEqual({ active: 0, waiting: 0 });
  });

  it("defaults its limit from the upstream's address: higher for a hosted API than for a local server", () => {
    expect(defaultMaxConcurrency("http://127.0.0.1:11434/v1")).toBe(LOCAL_MAX_CONCURRENCY);
    expect(defaultMaxConcurrency("http://localhost:8000/v1")).toBe(LOCAL_MAX_CONCURRENCY);
    expect(defaultMaxConcurrency("http://[::1]:8000/v1")).toBe(LOCAL_MAX_CONCURRENCY);
    expect(defaultMaxConcurrency("http://192.168.1.20:8000/v1")).toBe(LOCAL_MAX_CONCURRENCY);
    expect(defaultMaxConcurrency("http://vllm:8000/v1")).toBe(LOCAL_MAX_CONCURRENCY);
    expect(defaultMaxConcurrency("https://api.openai.com/v1")).toBe(REMOTE_MAX_CONCURRENCY);
    expect(REMOTE_MAX_CONCURRENCY).toBeGreaterThan(LOCAL_MAX_CONCURRENCY);
    expect(LOCAL_MAX_CONCURRENCY).toBeGreaterThan(8);
    expect(openAICompatible({ baseURL: "https://api.openai.com/v1", model: "m" }).queue?.limit).toBe(
      REMOTE_MAX_CONCURRENCY,
    );
  });

  it("hands its dispatcher to fetch on every call", async () => {
    const dispatcher = { name: "keep-alive pool" };
    const seen: unknown[] = [];
    const model = openAICompatible({
      baseURL: BASE,
      model: "m",
      dispatcher,
      fetch: async (_input, init) => {
        seen.push((init as { dispatcher?: unknown }).dispatcher);
        return new Response(`data: ${JSON.stringify(finishChunk("stop"))}\n\ndata: [DONE]\n\n`, {
          headers: { "content-type": "text/event-stream" },
        });
      },
    });
    await collect(model.stream(request()));
    await collect(model.stream(request()));
    expect(seen).toEqual([dispatcher, dispatcher]);
  });

  it("releases the concurrency permit when a call fails or the caller stops early", async () => {
    server.use(http.post(CHAT, () => sse([textChunk("a"), textChunk("b"), finishChunk("stop"), "[DONE]"])));
    const model = openAICompatible({ baseURL: BASE, model: "m", maxConcurrency: 1 });
    for (let i = 0; i < 3; i++) {
      for await (const event of model.stream(request())) {
        expect(event.type).toBe("text");
        break;
      }
    }
    server.use(http.post(CHAT, () => HttpResponse.json({ error: "bad" }, { status: 400 })));
    await expect(collect(model.stream(request()))).rejects.toThrow("bad");
    server.use(http.post(CHAT, () => sse([finishChunk("stop"), "[DONE]"])));
    await expect(collect(model.stream(request()))).resolves.toEqual([{ type: "finish", reason: "stop" }]);
  });
});

describe("openAICompatible (responses)", () => {
  it("maps the request to the Responses API and parses its events", async () => {
    let sent: Record<string, unknown> = {};
    server.use(
      http.post(`${BASE}/responses`, async ({ request: upstream }) => {
        sent = (await upstream.json()) as Record<string, unknown>;
        return sse([
          { type: "response.created", response: {} },
          { type: "response.output_text.delta", item_id: "msg_1", delta: "Let me check. " },
          {
            type: "response.output_item.added",
            item: { type: "function_call", id: "fc_1", call_id: "call_1", name: "weather", arguments: "" },
          },
          { type: "response.function_call_arguments.delta", item_id: "fc_1", delta: '{"city":' },
          { type: "response.function_call_arguments.delta", item_id: "fc_1", delta: '"Oslo"}' },
          {
            type: "response.output_item.done",
            item: {
              type: "function_call",
              id: "fc_1",
              call_id: "call_1",
              name: "weather",
              arguments: '{"city":"Oslo"}',
            },
          },
          { type: "response.completed", response: { usage: { input_tokens: 9, output_tokens: 4 } } },
        ]);
      }),
    );
    const model = openAICompatible({ baseURL: BASE, model: "gpt-r", api: "responses", id: "shown-id" });
    expect(model.id).toBe("shown-id");
    const events = await collect(
      model.stream(
        request({
          instructions: "Be brief.",
          messages: [
            { role: "user", content: "weather?" },
            { role: "assistant", content: "", toolCalls: [{ id: "call_0", name: "weather", arguments: "{}" }] },
            { role: "tool", toolCallId: "call_0", content: "need a city" },
          ],
          tools: [{ name: "weather", parameters: { type: "object" } }],
          toolChoice: "required",
          maxOutputTokens: 50,
        }),
      ),
    );
    expect(events).toEqual([
      { type: "text", delta: "Let me check. " },
      { type: "tool_call_start", callId: "call_1", name: "weather" },
      { type: "tool_call_delta", callId: "call_1", delta: '{"city":' },
      { type: "tool_call_delta", callId: "call_1", delta: '"Oslo"}' },
      { type: "tool_call_end", callId: "call_1" },
      { type: "usage", inputTokens: 9, outputTokens: 4 },
      { type: "finish", reason: "tool_calls" },
    ]);
    expect(sent).toEqual({
      model: "gpt-r",
      stream: true,
      store: false,
      instructions: "Be brief.",
      input: [
        { type: "message", role: "user", content: "weather?" },
        { type: "function_call", call_id: "call_0", name: "weather", arguments: "{}" },
        { type: "function_call_output", call_id: "call_0", output: "need a city" },
      ],
      tools: [{ type: "function", name: "weather", parameters: { type: "object" }, strict: false }],
      tool_choice: "required",
      max_output_tokens: 50,
    });
  });

  it("maps response.incomplete to finish length and response.failed to a ModelError", async () => {
    server.use(
      http.post(`${BASE}/responses`, () =>
        sse([
          { type: "response.output_text.delta", delta: "abc" },
          { type: "response.incomplete", response: { incomplete_details: { reason: "max_output_tokens" } } },
        ]),
      ),
    );
    const model = openAICompatible({ baseURL: BASE, model: "m", api: "responses", retries: 0 });
    expect(await collect(model.stream(request()))).toEqual([
      { type: "text", delta: "abc" },
      { type: "finish", reason: "length" },
    ]);
    server.use(
      http.post(`${BASE}/responses`, () =>
        sse([{ type: "response.failed", response: { error: { code: "server_error", message: "boom" } } }]),
      ),
    );
    await expect(collect(model.stream(request()))).rejects.toMatchObject({ code: "server_error", message: "boom" });
  });
});

describe("parseRetryAfter", () => {
  it("reads retry-after-ms, delta seconds and HTTP dates", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "250" }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ "retry-after": "2" }), now)).toBe(2000);
    expect(parseRetryAfter(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ "retry-after": "Wed, 31 Dec 2025 23:00:00 GMT" }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });
});
