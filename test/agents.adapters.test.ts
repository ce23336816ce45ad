/**
 * The instance-agent protocol (`/agents/{name}/{id}`) on every adapter: sessions, busy sessions and
 * dispatch, authorization on all four surfaces, the WebSocket rules, abort reaching the model
 * call, and SSE resumption.
 */
import { type AgentAuthorize, agentsProtocol, createAgent, delay, scriptedModel, textReply } from "@switchboard/core";
import { echoAgent, toolsAgent } from "@switchboard/core/fixtures";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import type { AgentEvent, AgentServerFrame } from "../packages/protocol/src/agents.js";
import { validate } from "../packages/protocol/src/agents.js";
import { ADAPTERS, startServer, type TestServer } from "./support/index.js";

const TICK_MS = 20;
const REATTACH_MS = 400;
const MAX_FRAME = 16 * 1024;

function lastUserText(messages: readonly { role: string; content?: string }[]): string {
  return messages.findLast((m) => m.role === "user")?.content ?? "";
}

/** The model signal of each `ticker` prompt, by its message, so tests can see aborts arrive. */
const signals = new Map<string, AbortSignal>();

/**
 * `ticker`: `tick 1` … `tick N`, N the last number in the message, one delta every TICK_MS. The last,
 * not the first: messages like `abort-http-${id} 200` carry the instance id (with its counter) first.
 */
const tickerAgent = createAgent(() => ({
  model: scriptedModel("ticker", async function* (request) {
    const message = lastUserText(request.messages);
    signals.set(message, request.signal);
    const count = Number(/(\d+)\D*$/.exec(message)?.[1] ?? 3);
    for (let tick = 1; tick <= count; tick++) {
      if (tick > 1) await delay(TICK_MS, request.signal);
      yield { type: "text" as const, delta: `tick ${tick} ` };
    }
    yield { type: "usage" as const, inputTokens: 1, outputTokens: count };
    yield { type: "finish" as const, reason: "stop" as const };
  }),
}));

/** `recall`: every user message of the session so far, joined with ` | `. */
const recallAgent = createAgent(() => ({
  model: scriptedModel("recall", (request) =>
    textReply(
      request.messages
        .filter((m) => m.role === "user")
        .map((m) => m.content)
        .join(" | "),
    ),
  ),
}));

/** Instances named `owned-<user>` belong to the caller whose `x-user` header is `<user>`. */
const authorize: AgentAuthorize = ({ id, request }) => {
  if (!id.startsWith("owned-")) return true;
  const user = request.header("x-user");
  if (!user) return { status: 401, message: "send x-user" };
  return id === `owned-${user}`;
};

const JSON_HEADERS = { "content-type": "application/json" };

describe.each(ADAPTERS)("%s adapter: instance agents", (framework) => {
  let server: TestServer;
  let n = 0;
  /** A fresh instance id per test, so tests never share sessions. */
  const fresh = (prefix = "i") => `${prefix}-${framework}-${++n}`;

  beforeAll(async () => {
    server = await startServer(framework, {
      limits: { maxFrameBytes: MAX_FRAME },
      protocols: [
        agentsProtocol({
          agents: { echo: echoAgent, tools: toolsAgent, ticker: tickerAgent, recall: recallAgent },
          authorize,
          reattachMs: REATTACH_MS,
        }),
      ],
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { ...JSON_HEADERS, ...headers },
      body: JSON.stringify(body),
    });

  const prompt = async (agent: string, id: string, message: string, session?: string) => {
    const response = await post(`/agents/${agent}/${id}`, session === undefined ? { message } : { message, session });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(validate.AgentPromptResponse(body).ok).toBe(true);
    return body.result.text as string;
  };

  const history = async (agent: string, id: string, session = "default") => {
    const response = await fetch(`${server.url}/agents/${agent}/${id}/sessions/${session}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(validate.AgentSessionHistory(body).ok).toBe(true);
    return body.messages as Array<{ role: string; content: string }>;
  };

  it("keeps one history per session and per instance", async () => {
    const id = fresh();
    expect(await prompt("recall", id, "a1")).toBe("a1");
    expect(await prompt("recall", id, "a2")).toBe("a1 | a2");
    expect(await prompt("recall", id, "b1", "other")).toBe("b1");
    expect(await prompt("recall", id, "a3", "default")).toBe("a1 | a2 | a3");
    const other = fresh();
    expect(await prompt("recall", other, "c1")).toBe("c1");

    expect((await history("recall", id)).map((m) => m.content)).toEqual([
      "a1",
      "a1",
      "a2",
      "a1 | a2",
      "a3",
      "a1 | a2 | a3",
    ]);
    expect(await history("recall", id, "other")).toEqual([
      { role: "user", content: "b1" },
      { role: "assistant", content: "b1" },
    ]);
    expect(await history("recall", fresh())).toEqual([]);
  });

  it("answers a JSON prompt with the result envelope", async () => {
    const response = await post(`/agents/echo/${fresh()}`, { message: "hello  there world" });
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      result: {
        text: "hello  there world",
        usage: { inputTokens: 3, outputTokens: 3, totalTokens: 6, input: 3, output: 3, total_tokens: 6 },
        model: { id: "echo" },
      },
    });
  });

  it("streams events with event names and ids, ending with idle", async () => {
    const response = await post(
      `/agents/echo/${fresh()}`,
      { message: "one two three" },
      { accept: "text/event-stream" },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const frames = await readFrames(response);
    for (const frame of frames) {
      expect(frame.event).toBe(frame.data.type);
      expect(validate.AgentEvent(frame.data).ok).toBe(true);
    }
    expect(frames.map((f) => f.event)).toEqual([
      "turn_start",
      "text_delta",
      "text_delta",
      "text_delta",
      "turn_end",
      "result",
      "idle",
    ]);
    const [stream] = frames[0]!.id!.split(":");
    expect(frames.map((f) => f.id)).toEqual(frames.map((_, i) => `${stream}:${i}`));
    expect(frames.filter((f) => f.data.type === "text_delta").map((f) => (f.data as { text: string }).text)).toEqual([
      "one",
      " two",
      " three",
    ]);
  });

  it("reports server tool calls and keeps them in the history", async () => {
    const id = fresh();
    const response = await post(`/agents/tools/${id}`, { message: "stressed" }, { accept: "text/event-stream" });
    const events = (await readFrames(response)).map((f) => f.data);
    const start = events.find((e) => e.type === "tool_start");
    const call = events.find((e) => e.type === "tool_call");
    expect(start).toMatchObject({ toolName: "reverse", args: { text: "stressed" } });
    expect(call).toMatchObject({ toolName: "reverse", isError: false, result: "desserts" });
    expect((call as { toolCallId: string }).toolCallId).toBe((start as { toolCallId: string }).toolCallId);
    expect(events.find((e) => e.type === "result")).toMatchObject({ result: { text: "desserts" } });
    const messages = await history("tools", id);
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant"]);
    expect(messages[1]).toMatchObject({ toolCalls: [{ name: "reverse", arguments: '{"text":"stressed"}' }] });
    expect(messages[2]).toMatchObject({ name: "reverse", content: "desserts" });
  });

  it("refuses a second prompt on a busy session with 409; a dispatch waits, then runs", async () => {
    const id = fresh();
    const first = await post(`/agents/ticker/${id}`, { message: "busy 500" }, { accept: "text/event-stream" });
    const reader = frameReader(first);
    expect((await reader.next())?.event).toBe("turn_start");

    const second = await post(`/agents/ticker/${id}`, { message: "again 1" });
    expect(second.status).toBe(409);
    expect((await second.json()).error).toMatchObject({ type: "session_busy" });
    // Another session of the same instance is not busy.
    expect(await prompt("ticker", id, "elsewhere 1", "side")).toBe("tick 1 ");

    const dispatched = await post(`/agents/ticker/${id}/dispatch`, { input: { ticks: 2 } });
    expect(dispatched.status).toBe(202);
    const receipt = await dispatched.json();
    expect(validate.AgentDispatchReceipt(receipt).ok).toBe(true);
    await delay(TICK_MS * 3);
    expect(await history("ticker", id)).toEqual([]);

    // The dispatch runs as soon as the session is free; the aborted prompt leaves no trace.
    await post(`/agents/ticker/${id}/sessions/default/abort`, undefined);
    while ((await reader.next()) !== undefined);
    await vi.waitFor(async () => expect(await history("ticker", id)).toHaveLength(2), { timeout: 5000, interval: 20 });
    expect(await history("ticker", id)).toEqual([
      { role: "user", content: '{"ticks":2}' },
      { role: "assistant", content: "tick 1 tick 2 " },
    ]);
  });

  it("enforces authorize on HTTP, SSE, WebSocket upgrade and dispatch", async () => {
    const alice = { "x-user": "alice" };
    const cases: Array<[Record<string, string>, number]> = [
      [{}, 401],
      [alice, 403],
    ];
    for (const [headers, status] of cases) {
      const type = status === 401 ? "unauthorized" : "forbidden";
      const json = await post("/agents/echo/owned-bob", { message: "hi" }, headers);
      expect([json.status, (await json.json()).error.type]).toEqual([status, type]);
      const stream = await post(
        "/agents/echo/owned-bob",
        { message: "hi" },
        { ...headers, accept: "text/event-stream" },
      );
      expect(stream.headers.get("content-type")).toMatch(/^application\/json/);
      expect([stream.status, (await stream.json()).error.type]).toEqual([status, type]);
      const dispatch = await post("/agents/echo/owned-bob/dispatch", { input: "x" }, headers);
      expect([dispatch.status, (await dispatch.json()).error.type]).toEqual([status, type]);
      const refused = await refusedUpgrade(`${server.wsUrl}/agents/echo/owned-bob`, headers);
      expect([refused.status, (refused.body as { error: { type: string } }).error.type]).toEqual([status, type]);
    }
    const anonymous = await fetch(`${server.url}/agents/echo/owned-alice/sessions/default`);
    expect([anonymous.status, (await anonymous.json()).error.type]).toEqual([401, "unauthorized"]);
    const own = await post("/agents/echo/owned-alice", { message: "mine" }, alice);
    expect((await own.json()).result.text).toBe("mine");
    const socket = await openSocket(`${server.wsUrl}/agents/echo/owned-alice`, alice);
    expect(socket.frames[0]).toEqual({
      type: "ready",
      version: 1,
      target: "agent",
      name: "echo",
      instanceId: "owned-alice",
    });
    socket.ws.close();
  });

  it("speaks pyflue's framing to a client that offers no subprotocol: one result per prompt, no ready", async () => {
    const id = fresh();
    const ws = new WebSocket(`${server.wsUrl}/agents/recall/${id}`);
    const frames: AgentServerFrame[] = [];
    ws.on("message", (data) => frames.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    expect(ws.protocol).toBe("");
    ws.send(JSON.stringify({ type: "prompt", message: "first" }));
    ws.send(JSON.stringify({ type: "prompt", message: "second" }));
    await vi.waitFor(() => expect(frames).toHaveLength(2), { timeout: 5000 });
    expect(frames.map((f) => f.type)).toEqual(["result", "result"]);
    expect(frames.map((f) => (f as { result: { text: string } }).result.text)).toEqual(["first", "first | second"]);
    ws.close();
  });

  it("speaks the WebSocket protocol: ready, correlation, ordering, concurrency, ping", async () => {
    const id = fresh();
    const socket = await openSocket(`${server.wsUrl}/agents/recall/${id}`);
    expect(socket.ws.protocol).toBe("switchboard.v1");
    expect(socket.frames[0]).toEqual({ type: "ready", version: 1, target: "agent", name: "recall", instanceId: id });

    socket.send({ type: "prompt", requestId: "r1", message: "first" });
    const result = await socket.until((f) => f.type === "result" && f.requestId === "r1");
    expect(result).toMatchObject({ version: 1, result: { text: "first", model: { id: "recall" } } });
    const mine = socket.frames.filter((f) => "requestId" in f && f.requestId === "r1").map((f) => f.type);
    expect(mine).toEqual(["started", "event", "event", "event", "result"]);

    // pyflue style: no requestId, no version; answered in order, with server-assigned ids.
    socket.send({ type: "prompt", message: "second" });
    socket.send({ type: "prompt", message: "third" });
    const untagged = [
      await socket.until((f) => f.type === "result" && f.requestId !== "r1"),
      await socket.until((f) => f.type === "result" && f.requestId !== "r1", 1),
    ];
    expect(untagged.map((f) => (f as { result: { text: string } }).result.text)).toEqual([
      "first | second",
      "first | second | third",
    ]);
    expect(new Set(untagged.map((f) => (f as { requestId: string }).requestId)).size).toBe(2);

    // Two sessions at once on one socket.
    socket.send({ type: "prompt", requestId: "a", message: "in a", session: "a" });
    socket.send({ type: "prompt", requestId: "b", message: "in b", session: "b" });
    const [a, b] = await Promise.all([
      socket.until((f) => f.type === "result" && f.requestId === "a"),
      socket.until((f) => f.type === "result" && f.requestId === "b"),
    ]);
    expect([a, b].map((f) => (f as { result: { text: string } }).result.text)).toEqual(["in a", "in b"]);

    socket.send({ type: "ping", requestId: "p" });
    expect(await socket.until((f) => f.type === "pong")).toEqual({ type: "pong", version: 1, requestId: "p" });
    for (const frame of socket.frames) expect(validate.AgentServerFrame(frame).ok).toBe(true);
    socket.ws.close();
  });

  it("refuses a second prompt on a busy session over the WebSocket", async () => {
    const socket = await openSocket(`${server.wsUrl}/agents/ticker/${fresh()}`);
    socket.send({ type: "prompt", requestId: "long", message: "long 6" });
    await socket.until((f) => f.type === "started");
    socket.send({ type: "prompt", requestId: "clash", message: "clash 1" });
    expect(await socket.until((f) => f.type === "error")).toMatchObject({
      requestId: "clash",
      error: { type: "session_busy" },
    });
    await socket.until((f) => f.type === "result" && f.requestId === "long");
    socket.ws.close();
  });

  it("answers malformed frames with error frames and keeps the socket open", async () => {
    const socket = await openSocket(`${server.wsUrl}/agents/echo/${fresh()}`);
    socket.ws.send("{not json");
    expect(await socket.until((f) => f.type === "error")).toMatchObject({
      version: 1,
      error: { type: "invalid_json" },
    });
    socket.send({ type: "prompt", requestId: "bad", message: 42 });
    expect(await socket.until((f) => f.type === "error", 1)).toMatchObject({
      requestId: "bad",
      error: { type: "validation_failed", details: { param: "message" } },
    });
    socket.send({ type: "prompt", message: "x", colour: "red" });
    expect(await socket.until((f) => f.type === "error", 2)).toMatchObject({
      error: { type: "validation_failed", details: { param: "colour" } },
    });
    socket.send({ type: "launch" });
    expect(await socket.until((f) => f.type === "error", 3)).toMatchObject({
      error: { type: "validation_failed", details: { param: "type" } },
    });
    socket.send({ type: "prompt", requestId: "ok", message: "still here" });
    expect(await socket.until((f) => f.type === "result")).toMatchObject({
      requestId: "ok",
      result: { text: "still here" },
    });
    socket.ws.close();
  });

  it("closes with 1003 on a binary frame and 1009 on an oversized one", async () => {
    const binary = await openSocket(`${server.wsUrl}/agents/echo/${fresh()}`);
    binary.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await binary.closed).code).toBe(1003);

    const big = await openSocket(`${server.wsUrl}/agents/echo/${fresh()}`);
    big.send({ type: "prompt", message: "x".repeat(MAX_FRAME + 1) });
    expect((await big.closed).code).toBe(1009);
  });

  it("aborts the model call from the abort route; the JSON caller gets 409 aborted", async () => {
    const id = fresh();
    const message = `abort-http-${id} 200`;
    const pending = post(`/agents/ticker/${id}`, { message, session: "s" });
    await vi.waitFor(() => expect(signals.get(message)).toBeDefined());
    const aborted = await post(`/agents/ticker/${id}/sessions/s/abort`, undefined);
    expect(await aborted.json()).toEqual({ aborted: true });
    expect(signals.get(message)!.aborted).toBe(true);
    const answer = await pending;
    expect(answer.status).toBe(409);
    expect((await answer.json()).error.type).toBe("aborted");
    // Nothing of an aborted prompt enters the history; the session is free again.
    expect(await history("ticker", id, "s")).toEqual([]);
    expect(await (await post(`/agents/ticker/${id}/sessions/s/abort`, undefined)).json()).toEqual({ aborted: false });
    expect(await prompt("ticker", id, "after 1", "s")).toBe("tick 1 ");
  });

  it("aborts the model call on a WebSocket abort frame", async () => {
    const id = fresh();
    const message = `abort-ws-${id} 200`;
    const socket = await openSocket(`${server.wsUrl}/agents/ticker/${id}`);
    socket.send({ type: "prompt", requestId: "r", message });
    await socket.until((f) => f.type === "event");
    socket.send({ type: "abort", requestId: "r" });
    expect(await socket.until((f) => f.type === "error")).toMatchObject({ requestId: "r", error: { type: "aborted" } });
    expect(signals.get(message)!.aborted).toBe(true);
    socket.ws.close();
  });

  it("aborts the model call when the SSE client vanishes and does not come back", async () => {
    const id = fresh();
    const message = `vanish-${id} 200`;
    const controller = new AbortController();
    const response = await post(`/agents/ticker/${id}`, { message }, { accept: "text/event-stream" });
    const reader = frameReader(response, controller);
    await reader.next();
    controller.abort();
    await vi.waitFor(() => expect(signals.get(message)?.aborted).toBe(true), {
      timeout: REATTACH_MS + 2000,
      interval: 20,
    });
  });

  it("aborts the WebSocket's prompts when it closes", async () => {
    const id = fresh();
    const message = `ws-close-${id} 200`;
    const socket = await openSocket(`${server.wsUrl}/agents/ticker/${id}`);
    socket.send({ type: "prompt", message });
    await socket.until((f) => f.type === "event");
    socket.ws.terminate();
    await vi.waitFor(() => expect(signals.get(message)?.aborted).toBe(true), { interval: 20 });
  });

  it("resumes a dropped stream with Last-Event-ID: exactly the missing events", async () => {
    const id = fresh();
    const controller = new AbortController();
    const body = { message: "resume 12" };
    const first = await post(`/agents/ticker/${id}`, body, { accept: "text/event-stream" });
    const reader = frameReader(first, controller);
    const seen: Frame[] = [];
    for (let i = 0; i < 4; i++) seen.push((await reader.next())!);
    controller.abort();
    // Let a few more events happen while nobody listens.
    await delay(TICK_MS * 3);

    const resumed = await post(`/agents/ticker/${id}`, body, {
      accept: "text/event-stream",
      "last-event-id": seen.at(-1)!.id!,
    });
    expect(resumed.status).toBe(200);
    const rest = await readFrames(resumed);
    const all = [...seen, ...rest];
    const [stream] = all[0]!.id!.split(":");
    expect(all.map((f) => f.id)).toEqual(all.map((_, i) => `${stream}:${i}`));
    expect(all.map((f) => f.event)).toEqual([
      "turn_start",
      ...Array(12).fill("text_delta"),
      "turn_end",
      "result",
      "idle",
    ]);
    expect(rest.at(-2)!.data).toMatchObject({
      result: { text: Array.from({ length: 12 }, (_, i) => `tick ${i + 1} `).join("") },
    });

    // A finished stream can still be replayed within the window; an unknown one cannot.
    const replay = await post(`/agents/ticker/${id}`, body, {
      accept: "text/event-stream",
      "last-event-id": `${stream}:13`,
    });
    expect((await readFrames(replay)).map((f) => f.event)).toEqual(["result", "idle"]);
    const unknown = await post(`/agents/ticker/${id}`, body, {
      accept: "text/event-stream",
      "last-event-id": "nope:3",
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { type: "stream_not_found", details: { param: "Last-Event-ID" } },
    });
  });
});

// ─── helpers ─────────────────────────────────────────────────────────────────────────────────

interface Frame {
  event: string | undefined;
  id: string | undefined;
  data: AgentEvent;
}

/** Reads SSE frames one at a time; aborting `controller` drops the connection. */
function frameReader(response: Response, controller?: AbortController) {
  const reader = response.body!.getReader();
  controller?.signal.addEventListener("abort", () => void reader.cancel().catch(() => {}), { once: true });
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(): Promise<Frame | undefined> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const colon = line.indexOf(":");
            fields[line.slice(0, colon)] = line.slice(colon + 2);
          }
          if (fields.data === undefined) continue;
          return { event: fields.event, id: fields.id, data: JSON.parse(fields.data) };
        }
        const { done, value } = await reader.read();
        if (done) return undefined;
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}

async function readFrames(response: Response): Promise<Frame[]> {
  const reader = frameReader(response);
  const frames: Frame[] = [];
  for (let frame = await reader.next(); frame; frame = await reader.next()) frames.push(frame);
  return frames;
}

interface TestSocket {
  ws: WebSocket;
  frames: AgentServerFrame[];
  closed: Promise<{ code: number }>;
  send(frame: unknown): void;
  /** The `skip`-th frame (0-based) matching `match`, waiting for it if needed. */
  until(match: (frame: AgentServerFrame) => boolean, skip?: number): Promise<AgentServerFrame>;
}

/** Opens a socket with Switchboard's framing (`switchboard.v1`) and waits for its `ready`. */
function openSocket(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const ws = new WebSocket(url, ["switchboard.v1"], { headers });
  const frames: AgentServerFrame[] = [];
  const waiters = new Set<() => void>();
  ws.on("message", (data) => {
    frames.push(JSON.parse(String(data)));
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number }>((resolve) => ws.on("close", (code) => resolve({ code })));
  const socket: TestSocket = {
    ws,
    frames,
    closed,
    send: (frame) => ws.send(JSON.stringify(frame)),
    until(match, skip = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.filter(match)[skip];
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching frame; got ${JSON.stringify(frames)}`));
        }, 5000);
        waiters.add(check);
        check();
      });
    },
  };
  return new Promise((resolve, reject) => {
    ws.once("error", reject);
    socket.until((f) => f.type === "ready").then(() => resolve(socket), reject);
  });
}

function refusedUpgrade(url: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on("open", () => reject(new Error("the upgrade was accepted")));
    ws.on("error", () => {});
    ws.on("unexpected-response", (_req, res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => {
        text += chunk;
      });
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        ws.terminate();
      });
    });
  });
}
