/**
 * `openAICompatible` against a real HTTP upstream with Node's own fetch untouched, so its calls go
 * through undici's `request` (the model-openai-*.test.ts files cover the fetch path through msw, which
 * replaces the global fetch). The behaviours that depend on the HTTP client are checked again here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, type Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { isAbortError } from "../src/runtime/model/abort.js";
import { ModelError } from "../src/runtime/model/errors.js";
import { openAICompatible } from "../src/runtime/model/openai-compatible.js";
import type { ModelEvent } from "../src/runtime/model/types.js";
import { collect, finishChunk, request, textChunk } from "./model-chunks.js";

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let base: string;
let handler: Handler;
let connections = 0;
const seen: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    let body = "";
    req.setEncoding("utf8").on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => handler(req, res, body));
  });
  server.on("connection", () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterEach(() => {
  seen.length = 0;
  connections = 0;
  vi.unstubAllGlobals();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const frame = (data: unknown) => `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;

function answer(res: ServerResponse, frames: unknown[]): void {
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.end(frames.map(frame).join(""));
}

/** An undici Agent that counts the requests dispatched through it. */
class CountingAgent extends Agent {
  dispatched = 0;
  override dispatch(options: Dispatcher.DispatchOptions, handlers: Dispatcher.DispatchHandler): boolean {
    this.dispatched++;
    return super.dispatch(options, handlers);
  }
}

/** Resolves with whether the client went away before the answer was finished. */
function closedEarly(res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => res.once("close", () => resolve(!res.writableFinished)));
}

describe("openAICompatible over undici's request (Node's own fetch, unwrapped)", () => {
  it("streams text, usage and finish, sends fetch's headers, and reuses one connection", async () => {
    const bodies: unknown[] = [];
    handler = (_req, res, body) => {
      bodies.push(JSON.parse(body));
      answer(res, [
        textChunk("Hello"),
        textChunk(" there"),
        finishChunk("stop"),
        { choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } },
        "[DONE]",
      ]);
    };
    const model = openAICompatible({ baseURL: base, model: "m", apiKey: "sk-test" });
    for (let i = 0; i < 6; i++) {
      expect(await collect(model.stream(request()))).toEqual([
        { type: "text", delta: "Hello" },
        { type: "text", delta: " there" },
        { type: "usage", inputTokens: 3, outputTokens: 2 },
        { type: "finish", reason: "stop" },
      ]);
    }
    expect(bodies[0]).toMatchObject({ model: "m", stream: true, messages: [{ role: "user", content: "hello" }] });
    const headers = seen[0]!.headers;
    expect(headers).toMatchObject({
      authorization: "Bearer sk-test",
      "content-type": "application/json",
      accept: "text/event-stream",
      "user-agent": "node",
    });
    // Node's fetch adds `sec-fetch-mode: cors`; undici's request does not: this call did not go through fetch.
    expect(headers["sec-fetch-mode"]).toBeUndefined();
    // Kept alive and reused: undici may open a second connection when a call starts while the
    // previous one is still being handed back to its pool, but not one per call.
    expect(connections).toBeLessThanOrEqual(3);
  });

  it("retries a 429 after Retry-After and reports an upstream error from its JSON, with its status", async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(429, { "content-type": "application/json", "retry-after-ms": "30" });
        res.end(JSON.stringify({ error: { message: "slow down", code: "rate_limit_exceeded" } }));
      } else answer(res, [textChunk("ok"), finishChunk("stop"), "[DONE]"]);
    };
    const model = openAICompatible({ baseURL: base, model: "m", retryDelayMs: 1 });
    expect((await collect(model.stream(request())))[0]).toEqual({ type: "text", delta: "ok" });
    expect(calls).toBe(2);

    handler = (_req, res) => {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Unknown model 'x'", code: "model_not_found" } }));
    };
    const notFound = await collect(model.stream(request())).catch((e: unknown) => e);
    expect(notFound).toMatchObject({
      name: "ModelError",
      status: 404,
      code: "model_not_found",
      retryable: false,
      message: "Unknown model 'x'",
    });

    handler = (_req, res) => {
      res.writeHead(503);
      res.end();
    };
    const unavailable = await collect(
      openAICompatible({ baseURL: base, model: "m", retries: 0 }).stream(request()),
    ).catch((e: unknown) => e);
    expect(unavailable).toMatchObject({
      status: 503,
      code: "server_error",
      retryable: true,
      message: "the upstream answered 503 Service Unavailable",
    });
  });

  it("reports a refused connection as a retryable network error", async () => {
    const closedPort = createServer();
    await new Promise<void>((resolve) => closedPort.listen(0, "127.0.0.1", resolve));
    const { port } = closedPort.address() as AddressInfo;
    await new Promise((resolve) => closedPort.close(resolve));
    const error = await collect(
      openAICompatible({ baseURL: `http://127.0.0.1:${port}/v1`, model: "m", retries: 1, retryDelayMs: 1 }).stream(
        request(),
      ),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: "network_error", retryable: true });
    expect((error as Error).message).toMatch(/^could not reach the upstream \(fetch failed: .*ECONNREFUSED/);
  });

  it("retries a connection dropped before the answer; a stream cut off after an event is an error", async () => {
    let calls = 0;
    handler = (req, res) => {
      calls++;
      if (calls === 1) req.socket.destroy();
      else answer(res, [textChunk("back"), finishChunk("stop"), "[DONE]"]);
    };
    const model = openAICompatible({ baseURL: base, model: "m", retryDelayMs: 1 });
    expect((await collect(model.stream(request())))[0]).toEqual({ type: "text", delta: "back" });
    expect(calls).toBe(2);

    calls = 0;
    handler = (req, res) => {
      calls++;
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(frame(textChunk("partial")));
      setTimeout(() => req.socket.destroy(), 20);
    };
    const events: ModelEvent[] = [];
    const error = await (async () => {
      for await (const event of model.stream(request())) events.push(event);
    })().catch((e: unknown) => e);
    expect(events).toEqual([{ type: "text", delta: "partial" }]);
    expect(error).toMatchObject({ name: "ModelError", code: "network_error", retryable: true });
    expect((error as Error).message).toMatch(/^could not reach the upstream \(terminated/);
    expect(calls).toBe(1);
  });

  it("aborts the upstream request mid-stream and ends promptly", async () => {
    let upstreamClosedEarly: Promise<boolean> | undefined;
    handler = (_req, res) => {
      upstreamClosedEarly = closedEarly(res);
      res.writeHead(200, { "content-type": "text/event-stream" });
      // Never ends on its own: only the abort can end this request.
      res.write(frame(textChunk("tick")));
    };
    const controller = new AbortController();
    const events: ModelEvent[] = [];
    const error = await (async () => {
      for await (const event of openAICompatible({ baseURL: base, model: "m" }).stream(
        request({ signal: controller.signal }),
      )) {
        events.push(event);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(events).toEqual([{ type: "text", delta: "tick" }]);
    expect(await upstreamClosedEarly).toBe(true);
  });

  it("keeps the connection of a finished answer, and closes one whose body stays open after [DONE]", async () => {
    let holdOpen = false;
    const early: Array<Promise<boolean>> = [];
    handler = (_req, res) => {
      early.push(closedEarly(res));
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write([textChunk("hi"), finishChunk("stop"), "[DONE]"].map(frame).join(""));
      if (!holdOpen) res.end();
    };
    const model = openAICompatible({ baseURL: base, model: "m" });
    const expected = [
      { type: "text", delta: "hi" },
      { type: "finish", reason: "stop" },
    ];
    for (let i = 0; i < 4; i++) expect(await collect(model.stream(request()))).toEqual(expected);
    holdOpen = true;
    expect(await collect(model.stream(request()))).toEqual(expected);
    expect(await Promise.all(early)).toEqual([false, false, false, false, true]);
    // The finished calls shared connections (kept alive), where an abort would have closed each.
    expect(new Set(seen.slice(0, 4).map((req) => req.socket.remotePort)).size).toBeLessThan(4);
  });

  it("abandons a silent upstream after timeoutMs and retries", async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls === 1) return; // never answers
      answer(res, [textChunk("fast"), finishChunk("stop"), "[DONE]"]);
    };
    const model = openAICompatible({ baseURL: base, model: "m", timeoutMs: 100, retryDelayMs: 1 });
    expect((await collect(model.stream(request())))[0]).toEqual({ type: "text", delta: "fast" });
    expect(calls).toBe(2);
  });

  it("follows a redirect as fetch does (by handing the call to fetch)", async () => {
    handler = (req, res) => {
      if (req.url === "/v1/chat/completions") {
        res.writeHead(307, { location: "/moved/chat/completions" });
        res.end();
      } else answer(res, [textChunk("moved"), finishChunk("stop"), "[DONE]"]);
    };
    const events = await collect(openAICompatible({ baseURL: base, model: "m" }).stream(request()));
    expect(events[0]).toEqual({ type: "text", delta: "moved" });
    // fetch repeats the call that was redirected, then follows the redirect its own way.
    expect(seen.map((req) => [req.method, req.url])).toEqual([
      ["POST", "/v1/chat/completions"],
      ["POST", "/v1/chat/completions"],
      ["POST", "/moved/chat/completions"],
    ]);
  });

  it("sends every call through the dispatcher it was given", async () => {
    handler = (_req, res) => answer(res, [finishChunk("stop"), "[DONE]"]);
    const dispatcher = new CountingAgent({ keepAliveTimeout: 10_000 });
    const dispatched = () => dispatcher.dispatched;
    const model = openAICompatible({ baseURL: base, model: "m", dispatcher });
    await collect(model.stream(request()));
    await collect(model.stream(request()));
    expect(dispatched()).toBe(2);
    await dispatcher.close();
  });

  it("goes through the global dispatcher, as Node's fetch does (a proxy agent set with setGlobalDispatcher)", async () => {
    handler = (_req, res) => answer(res, [finishChunk("stop"), "[DONE]"]);
    const previous = getGlobalDispatcher();
    const global = new CountingAgent();
    setGlobalDispatcher(global);
    try {
      await collect(openAICompatible({ baseURL: base, model: "m" }).stream(request()));
      expect(global.dispatched).toBe(1);
    } finally {
      setGlobalDispatcher(previous);
      await global.close();
    }
  });

  it("calls a global fetch that was replaced after the provider was made (an interceptor)", async () => {
    handler = (_req, res) => answer(res, [textChunk("via fetch"), finishChunk("stop"), "[DONE]"]);
    const nodeFetch = globalThis.fetch;
    const urls: string[] = [];
    const model = openAICompatible({ baseURL: base, model: "m" });
    vi.stubGlobal("fetch", (input: string | URL | Request, init?: RequestInit) => {
      urls.push(String(input));
      return nodeFetch(input, init);
    });
    expect((await collect(model.stream(request())))[0]).toEqual({ type: "text", delta: "via fetch" });
    expect(urls).toEqual([`${base}/chat/completions`]);
    expect(seen[0]!.headers["sec-fetch-mode"]).toBe("cors");
  });
});
