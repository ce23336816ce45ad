// The OpenAI-compatible provider's concurrency: its limit, its queue, its dispatcher, releasing permits.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  defaultMaxConcurrency,
  LOCAL_MAX_CONCURRENCY,
  openAICompatible,
  REMOTE_MAX_CONCURRENCY,
} from "../src/runtime/model/openai-compatible.js";
import { collect, finishChunk, request, textChunk } from "./model-chunks.js";
import { BASE, CHAT, encoder, sse, upstreamServer } from "./model-openai-setup.js";

const server = upstreamServer();

describe("openAICompatible (chat)", () => {
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
