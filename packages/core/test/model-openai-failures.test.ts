// The OpenAI-compatible provider when things go wrong: retries, upstream errors, aborts, silent upstreams.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { isAbortError } from "../src/runtime/model/abort.js";
import { ModelError } from "../src/runtime/model/errors.js";
import { openAICompatible, parseRetryAfter } from "../src/runtime/model/openai-compatible.js";
import type { ModelEvent } from "../src/runtime/model/types.js";
import { collect, finishChunk, request, textChunk } from "./model-chunks.js";
import { BASE, CHAT, encoder, sse, upstreamServer } from "./model-openai-setup.js";

const server = upstreamServer();

describe("openAICompatible (chat)", () => {
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
