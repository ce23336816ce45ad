// Shared by the model-openai-*.test.ts files: an msw upstream at BASE, and SSE bodies and usage chunks for it.
import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

export const BASE = "http://upstream.test/v1";
export const CHAT = `${BASE}/chat/completions`;

/** The test file's msw server: listening for its tests (unhandled requests fail), handlers reset after each. */
export function upstreamServer(): ReturnType<typeof setupServer> {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

export const encoder = new TextEncoder();

/** An SSE body: each item is sent as one `data:` frame, `pauseMs` apart. */
export function sse(frames: Array<unknown>, pauseMs = 0) {
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

export const usageChunk = (prompt: number, completion: number) => ({
  choices: [],
  usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
});
