import { agentsProtocol, createAgent, delay, scriptedModel } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import type { AgentEvent } from "@switchboard/protocol/agents";
import { fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startServer, type TestServer } from "../../../test/support/index.js";
import {
  AgentPromptError,
  createClient,
  type FetchLike,
  SwitchboardApiError,
  type SwitchboardClient,
} from "../src/index.js";

const API_KEY = "agents-client-key";

/** `count`: `n1 … nN`, N the first number in the message, 10 ms apart. */
const countAgent = createAgent(() => ({
  model: scriptedModel("count", async function* (request) {
    const last = request.messages.findLast((m) => m.role === "user")?.content ?? "";
    const count = Number(/\d+/.exec(last)?.[0] ?? 3);
    for (let i = 1; i <= count; i++) {
      if (i > 1) await delay(10, request.signal);
      yield { type: "text" as const, delta: `n${i} ` };
    }
    yield { type: "finish" as const, reason: "stop" as const };
  }),
}));

let server: TestServer;
let client: SwitchboardClient;

beforeAll(async () => {
  server = await startServer("hono", {
    apiKey: API_KEY,
    protocols: [
      agentsProtocol({
        agents: { ...fixtureAgents, count: countAgent },
        authorize: ({ id }) => id !== "forbidden",
      }),
    ],
  });
  client = createClient({ baseURL: server.url, apiKey: API_KEY });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("agents client: HTTP", () => {
  it("prompts, continues a session, and reads its history", async () => {
    const result = await client.agents.prompt("echo", "c1", "hello there");
    expect(result).toEqual({
      text: "hello there",
      usage: { inputTokens: 2, outputTokens: 2, totalTokens: 4, input: 2, output: 2, total_tokens: 4 },
      model: { id: "echo" },
    });
    await client.agents.prompt("echo", "c1", "in another", { session: "s2" });
    const history = await client.agents.history("echo", "c1");
    expect(history.messages.map((m) => m.content)).toEqual(["hello there", "hello there"]);
    expect((await client.agents.history("echo", "c1", "s2")).messages).toHaveLength(2);
  });

  it("streams typed events until idle", async () => {
    const events = await collect(client.agents.stream("tools", "c2", "abc"));
    expect(events.map((e) => e.type)).toEqual([
      "turn_start",
      "turn_end",
      "tool_start",
      "tool_call",
      "turn_start",
      "text_delta",
      "turn_end",
      "result",
      "idle",
    ]);
    expect(events.find((e) => e.type === "result")).toMatchObject({ result: { text: "cba" } });
  });

  it("resumes a dropped stream with Last-Event-ID and yields every event once", async () => {
    const lastEventIds: Array<string | undefined> = [];
    let calls = 0;
    // The first response is cut after three frames, as a dropped connection would be.
    const flaky: FetchLike = async (input, init) => {
      lastEventIds.push(new Headers(init.headers as Record<string, string>).get("last-event-id") ?? undefined);
      const response = await (undiciFetch as unknown as FetchLike)(input, init);
      if (++calls > 1 || !response.body) return response;
      return new Response(cutAfterFrames(response.body, 3), { status: response.status, headers: response.headers });
    };
    const dropping = createClient({ baseURL: server.url, apiKey: API_KEY, fetch: flaky });
    const events = await collect(dropping.agents.stream("count", "c3", "go 8", { reconnectDelayMs: 1 }));
    await dropping.close();
    expect(calls).toBe(2);
    expect(lastEventIds[0]).toBeUndefined();
    expect(lastEventIds[1]).toMatch(/:2$/);
    expect(events.map((e) => e.type)).toEqual([
      "turn_start",
      ...Array(8).fill("text_delta"),
      "turn_end",
      "result",
      "idle",
    ]);
    expect(events.filter((e) => e.type === "text_delta").map((e) => (e as { text: string }).text)).toEqual(
      Array.from({ length: 8 }, (_, i) => `n${i + 1} `),
    );
  });

  it("surfaces refusals as SwitchboardApiError and failures as AgentPromptError", async () => {
    const refused = await client.agents.prompt("echo", "forbidden", "x").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SwitchboardApiError);
    expect(refused).toMatchObject({ status: 403, type: "forbidden" });
    const unknown = await collect(client.agents.stream("nobody", "c4", "x")).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ status: 404, type: "agent_not_found" });

    const stream = client.agents.stream("count", "c4", "long 300");
    const first = await stream.next();
    expect((first.value as AgentEvent).type).toBe("turn_start");
    expect(await client.agents.abort("count", "c4")).toEqual({ aborted: true });
    const failure = await collect(stream).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AgentPromptError);
    expect(failure).toMatchObject({ type: "aborted" });
  });

  it("dispatches work and sees it in the history", async () => {
    const receipt = await client.agents.dispatch("echo", "c5", { task: "x" }, { session: "jobs" });
    expect(receipt.dispatchId).toMatch(/\S/);
    expect(Number.isNaN(Date.parse(receipt.acceptedAt))).toBe(false);
    await vi.waitFor(async () => expect((await client.agents.history("echo", "c5", "jobs")).messages).toHaveLength(2));
  });
});

describe("agents client: WebSocket", () => {
  it("prompts over one socket, with events, concurrent sessions and ping", async () => {
    const socket = await client.agents.connect("count", "w1");
    expect(socket.ready).toEqual({ type: "ready", version: 1, target: "agent", name: "count", instanceId: "w1" });
    const seen: string[] = [];
    socket.onEvent((event, requestId) => seen.push(`${requestId}:${event.type}`));
    const deltas: string[] = [];
    const [a, b] = await Promise.all([
      socket.prompt("a 2", {
        session: "a",
        requestId: "ra",
        onEvent: (e) => e.type === "text_delta" && deltas.push(e.text),
      }),
      socket.prompt("b 3", { session: "b" }),
    ]);
    expect([a.text, b.text]).toEqual(["n1 n2 ", "n1 n2 n3 "]);
    expect(deltas).toEqual(["n1 ", "n2 "]);
    expect(seen.filter((s) => s.startsWith("ra:"))).toEqual([
      "ra:turn_start",
      "ra:text_delta",
      "ra:text_delta",
      "ra:turn_end",
    ]);
    await socket.ping();
    expect(await socket.close()).toMatchObject({ code: 1000 });
  });

  it("aborts through the signal and reports frame errors", async () => {
    const socket = await client.agents.connect("count", "w2");
    const controller = new AbortController();
    const pending = socket.prompt("long 300", { signal: controller.signal, onEvent: () => controller.abort() });
    const failure = await pending.catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AgentPromptError);
    expect(failure).toMatchObject({ type: "aborted" });

    const errors: AgentPromptError[] = [];
    socket.onError((error) => errors.push(error));
    socket.send("not json");
    await vi.waitFor(() => expect(errors.map((e) => e.type)).toEqual(["invalid_json"]));
    expect((await socket.prompt("then 1")).text).toBe("n1 ");
    await socket.close();
  });

  it("rejects a refused upgrade with the server's error", async () => {
    const refused = await client.agents.connect("echo", "forbidden").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SwitchboardApiError);
    expect(refused).toMatchObject({ status: 403, type: "forbidden" });
    const anonymous = createClient({ baseURL: server.url });
    expect(await anonymous.agents.connect("echo", "w3").catch((e: unknown) => e)).toMatchObject({ status: 401 });
    await anonymous.close();
  });
});

/** Passes the first `frames` SSE frames through, then fails the stream. */
function cutAfterFrames(body: ReadableStream<Uint8Array>, frames: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let text = "";
  return new ReadableStream({
    async pull(controller) {
      for (;;) {
        const blocks = text.split("\n\n");
        if (blocks.length > frames) {
          controller.enqueue(encoder.encode(`${blocks.slice(0, frames).join("\n\n")}\n\n`));
          await reader.cancel();
          controller.error(new TypeError("terminated"));
          return;
        }
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        text += decoder.decode(value, { stream: true });
      }
    },
  });
}
