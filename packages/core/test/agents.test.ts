/**
 * The instance-agent protocol module without a network: requests are hand-made CoreRequests and
 * sockets are in-memory, so every rule that does not depend on an adapter is checked here.
 */
import { validate } from "@switchboard/protocol/agents";
import { describe, expect, it, vi } from "vitest";
import { createSwitchboard, type SwitchboardOptions } from "../src/app.js";
import { echoAgent, toolsAgent } from "../src/fixtures/agents.js";
import { type CoreRequest, type CoreResponse, isStreamBody, PayloadTooLargeError } from "../src/http/types.js";
import { memoryDispatchStore } from "../src/protocols/agents/dispatch-memory.js";
import { dispatchQueueFrom } from "../src/protocols/agents/dispatch-worker.js";
import { agentsProtocol } from "../src/protocols/agents/module.js";
import type { AgentAuthorizeContext } from "../src/protocols/agents/options.js";
import { createAgent } from "../src/runtime/agent/define.js";
import { delay } from "../src/runtime/model/abort.js";
import { scriptedModel, textReply } from "../src/runtime/model/scripted.js";
import type { ModelEvent } from "../src/runtime/model/types.js";
import { memoryBus } from "../src/store/bus.js";
import { memorySessionStore } from "../src/store/memory-sessions.js";
import type { CoreSocket, SocketHandlers, UpgradeDecision } from "../src/ws/types.js";

interface RequestInit {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function request(method: string, path: string, init: RequestInit = {}): CoreRequest {
  const headers: Record<string, string> = { ...init.headers };
  const raw = init.body === undefined ? "" : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  if (init.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
    headers["content-type"] = "application/json";
  }
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method,
    path,
    query: new URLSearchParams(),
    header: (name) => lower[name.toLowerCase()],
    body: async (limit) => {
      const bytes = new TextEncoder().encode(raw);
      if (bytes.byteLength > limit) throw new PayloadTooLargeError(limit);
      return bytes;
    },
    signal: init.signal ?? new AbortController().signal,
  };
}

/** A well-formed RFC 6455 upgrade request (the app refuses malformed handshakes itself). */
function upgradeRequest(path: string, headers: Record<string, string> = {}): CoreRequest {
  return request("GET", path, {
    headers: {
      upgrade: "websocket",
      "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
      "sec-websocket-version": "13",
      ...headers,
    },
  });
}

/** Offers the subprotocol of Switchboard's agent-socket framing (the tests below use its frames). */
const SWITCHBOARD_FRAMING = { "sec-websocket-protocol": "switchboard.v1" };

const parse = (res: CoreResponse | undefined) => JSON.parse(res?.body as string);

async function collect(res: CoreResponse | undefined): Promise<string> {
  if (!res || !isStreamBody(res.body)) throw new Error("not a stream");
  let text = "";
  for await (const chunk of res.body) text += chunk;
  return text;
}

const signals: AbortSignal[] = [];

/** `ticker`: N ticks (N = first number in the message), 10 ms apart; records its signal. */
const tickerAgent = createAgent(() => ({
  model: scriptedModel("ticker", async function* (req): AsyncGenerator<ModelEvent> {
    signals.push(req.signal);
    const last = req.messages.findLast((m) => m.role === "user")?.content ?? "";
    const count = Number(/\d+/.exec(last)?.[0] ?? 3);
    for (let i = 1; i <= count; i++) {
      if (i > 1) await delay(10, req.signal);
      yield { type: "text", delta: `t${i} ` };
    }
    yield { type: "finish", reason: "stop" };
  }),
}));

function app(options: Partial<Parameters<typeof agentsProtocol>[0]> = {}, sb: Partial<SwitchboardOptions> = {}) {
  return createSwitchboard({
    ...sb,
    protocols: [agentsProtocol({ agents: { echo: echoAgent, tools: toolsAgent, ticker: tickerAgent }, ...options })],
  });
}

interface MemorySocket extends CoreSocket {
  frames: Array<Record<string, unknown>>;
  closedWith?: number;
  handlers: SocketHandlers;
  send(text: string): Promise<void>;
  say(frame: unknown): void;
  next(match: (f: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

function accept(decision: UpgradeDecision | undefined): MemorySocket {
  if (!decision || !("accept" in decision)) throw new Error("the upgrade was refused");
  const frames: Array<Record<string, unknown>> = [];
  const socket = {
    frames,
    async send(text: string) {
      frames.push(JSON.parse(text));
    },
    close(code: number) {
      socket.closedWith = code;
    },
    say(frame: unknown) {
      socket.handlers.onMessage(typeof frame === "string" ? frame : JSON.stringify(frame), false);
    },
    async next(match: (f: Record<string, unknown>) => boolean) {
      await vi.waitFor(() => expect(frames.find(match)).toBeDefined(), { timeout: 2000, interval: 5 });
      return frames.find(match)!;
    },
  } as MemorySocket;
  socket.handlers = decision.accept(socket);
  return socket;
}

describe("agents protocol: HTTP", () => {
  it("names the offending field of every invalid body", async () => {
    const sb = app();
    const cases: Array<[string, unknown, number, string, string | undefined]> = [
      ["/agents/echo/a", "{", 400, "invalid_json", undefined],
      ["/agents/echo/a", {}, 400, "validation_failed", "message"],
      ["/agents/echo/a", { message: 1 }, 400, "validation_failed", "message"],
      ["/agents/echo/a", { message: "x", stream: true }, 400, "validation_failed", "stream"],
      ["/agents/echo/a", { message: "x", session: "" }, 400, "validation_failed", "session"],
      ["/agents/echo/a/dispatch", { session: "s" }, 400, "validation_failed", "input"],
      ["/agents/echo/a/dispatch", { input: 1, dispatchId: "" }, 400, "validation_failed", "dispatchId"],
    ];
    for (const [path, body, status, type, param] of cases) {
      const res = await sb.handle(request("POST", path, { body }));
      expect(res?.status).toBe(status);
      const error = parse(res).error;
      expect(validate.AgentErrorResponse(parse(res)).ok).toBe(true);
      expect(error.type).toBe(type);
      if (param) {
        expect(error.details.param).toBe(param);
        expect(error.message.startsWith(param)).toBe(true);
      }
    }
    const longSession = await sb.handle(request("GET", `/agents/echo/a/sessions/${"s".repeat(257)}`));
    expect(parse(longSession).error).toMatchObject({ type: "validation_failed", details: { param: "session" } });
  });

  it("answers unsupported media types, oversized bodies, unknown agents and routes in its envelope", async () => {
    const sb = app({}, { limits: { maxBodyBytes: 64 } });
    const text = await sb.handle(
      request("POST", "/agents/echo/a", { body: "hi", headers: { "content-type": "text/plain" } }),
    );
    expect([text?.status, parse(text).error.type]).toEqual([415, "unsupported_media_type"]);
    const big = await sb.handle(request("POST", "/agents/echo/a", { body: { message: "x".repeat(100) } }));
    expect([big?.status, parse(big).error.type]).toEqual([413, "payload_too_large"]);
    const unknown = await sb.handle(request("POST", "/agents/nobody/a", { body: { message: "x" } }));
    expect([unknown?.status, parse(unknown).error.type]).toEqual([404, "agent_not_found"]);
    const route = await sb.handle(request("GET", "/agents/echo"));
    expect([route?.status, parse(route).error.type]).toEqual([404, "route_not_found"]);
    const method = await sb.handle(request("DELETE", "/agents/echo/a"));
    expect([method?.status, parse(method).error.type, method?.headers.allow]).toEqual([
      405,
      "method_not_allowed",
      "POST, GET",
    ]);
    const plainGet = await sb.handle(request("GET", "/agents/echo/a"));
    expect([plainGet?.status, parse(plainGet).error.type, plainGet?.headers.upgrade]).toEqual([
      426,
      "upgrade_required",
      "websocket",
    ]);
    const keyed = createSwitchboard({ apiKey: "k", protocols: [agentsProtocol({ agents: { echo: echoAgent } })] });
    const noKey = await keyed.handle(request("POST", "/agents/echo/a", { body: { message: "x" } }));
    expect([noKey?.status, parse(noKey).error.type]).toEqual([401, "unauthorized"]);
  });

  it("asks authorize about agent, id and session, and maps its verdicts", async () => {
    const seen: Array<Omit<AgentAuthorizeContext, "request">> = [];
    const sb = app({
      authorize: ({ agent, id, session, request: req }) => {
        seen.push({ agent, id, session });
        switch (req.header("x-verdict")) {
          case "deny":
            return false;
          case "who":
            return { status: 401, message: "log in first" };
          case "throw":
            throw new Error("hook broke");
          default:
            return undefined;
        }
      },
    });
    const prompt = (verdict: string) =>
      sb.handle(
        request("POST", "/agents/echo/i1", {
          body: { message: "x", session: "s1" },
          headers: { "x-verdict": verdict },
        }),
      );
    expect((await prompt("allow"))?.status).toBe(200);
    expect(parse(await prompt("deny")).error.type).toBe("forbidden");
    expect(parse(await prompt("who")).error).toEqual({ type: "unauthorized", message: "log in first" });
    expect((await prompt("throw"))?.status).toBe(403);
    await sb.handle(request("GET", "/agents/echo/i1/sessions/s2"));
    await sb.handle(request("POST", "/agents/echo/i1/sessions/s3/abort"));
    await sb.handle(request("POST", "/agents/echo/i1/dispatch", { body: { input: null } }));
    expect(seen).toEqual([
      ...Array(4).fill({ agent: "echo", id: "i1", session: "s1" }),
      { agent: "echo", id: "i1", session: "s2" },
      { agent: "echo", id: "i1", session: "s3" },
      { agent: "echo", id: "i1", session: "default" },
    ]);
    await sb.close();
  });

  it("reports history with tool calls and tool results", async () => {
    const sb = app();
    await sb.handle(request("POST", "/agents/tools/h", { body: { message: "abc" } }));
    const history = parse(await sb.handle(request("GET", "/agents/tools/h/sessions/default")));
    expect(validate.AgentSessionHistory(history).ok).toBe(true);
    expect(history).toMatchObject({
      name: "tools",
      id: "h",
      session: "default",
      messages: [
        { role: "user", content: "abc" },
        { role: "assistant", content: "", toolCalls: [{ name: "reverse", arguments: '{"text":"abc"}' }] },
        { role: "tool", name: "reverse", content: "cba" },
        { role: "assistant", content: "cba" },
      ],
    });
  });

  it("sends a keep-alive comment while the stream is quiet", async () => {
    const sb = app({ heartbeatMs: 5 });
    const text = await collect(
      await sb.handle(
        request("POST", "/agents/ticker/hb", { body: { message: "6" }, headers: { accept: "text/event-stream" } }),
      ),
    );
    expect(text).toContain(": keep-alive\n\n");
    expect(text.trimEnd().endsWith('data: {"type":"idle"}')).toBe(true);
  });

  it("answers 500 internal_error when the agent fails, and keeps the history clean", async () => {
    const failing = createAgent(() => ({
      model: scriptedModel("broken", () => {
        throw new Error("model exploded");
      }),
    }));
    const sb = createSwitchboard({ protocols: [agentsProtocol({ agents: { failing } })] });
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await sb.handle(request("POST", "/agents/failing/x", { body: { message: "hi" } }));
    expect([res?.status, parse(res).error]).toEqual([500, { type: "internal_error", message: "model exploded" }]);
    const stream = await collect(
      await sb.handle(
        request("POST", "/agents/failing/x", { body: { message: "hi" }, headers: { accept: "text/event-stream" } }),
      ),
    );
    expect(stream).toContain("event: error\nid: ");
    expect(stream).not.toContain("event: idle");
    expect(parse(await sb.handle(request("GET", "/agents/failing/x/sessions/default"))).messages).toEqual([]);
    vi.restoreAllMocks();
  });

  it("aborts a JSON prompt when its client goes away", async () => {
    const sb = app();
    const gone = new AbortController();
    const before = signals.length;
    const pending = sb.handle(
      request("POST", "/agents/ticker/gone", { body: { message: "500" }, signal: gone.signal }),
    );
    await vi.waitFor(() => expect(signals.length).toBe(before + 1));
    gone.abort();
    expect(parse(await pending).error.type).toBe("aborted");
    expect(signals.at(-1)!.aborted).toBe(true);
  });

  it("stops running prompts on close", async () => {
    const sb = app();
    const before = signals.length;
    const pending = sb.handle(request("POST", "/agents/ticker/c", { body: { message: "500" } }));
    await vi.waitFor(() => expect(signals.length).toBe(before + 1));
    await sb.close();
    expect(signals.at(-1)!.aborted).toBe(true);
    expect((await pending)?.status).toBe(409);
  });
});

describe("agents protocol: several processes", () => {
  it("aborts a prompt running in another process through the bus", async () => {
    const shared = { sessions: memorySessionStore(), bus: memoryBus() };
    const one = app(shared);
    const two = app(shared);
    const before = signals.length;
    const pending = one.handle(request("POST", "/agents/ticker/p", { body: { message: "500" } }));
    await vi.waitFor(() => expect(signals.length).toBe(before + 1));
    const busy = await two.handle(request("POST", "/agents/ticker/p", { body: { message: "1" } }));
    expect(parse(busy).error.type).toBe("session_busy");
    expect(parse(await two.handle(request("POST", "/agents/ticker/p/sessions/default/abort")))).toEqual({
      aborted: true,
    });
    expect(parse(await pending).error.type).toBe("aborted");
    expect(signals.at(-1)!.aborted).toBe(true);
    expect(parse(await two.handle(request("POST", "/agents/ticker/p/sessions/default/abort")))).toEqual({
      aborted: false,
    });
    await Promise.all([one.close(), two.close()]);
  });
});

interface SseEvent {
  event: string;
  id: string;
  data: { type: string; [key: string]: unknown };
}

/** SSE frames (comments dropped) from the chunks of a stream body. */
function frames(text: string): SseEvent[] {
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("event: "))
    .map((block) => {
      const field = (name: string) =>
        block
          .split("\n")
          .find((line) => line.startsWith(`${name}: `))!
          .slice(name.length + 2);
      return { event: field("event"), id: field("id"), data: JSON.parse(field("data")) };
    });
}

/** Starts a streamed prompt on `sb`, reads `count` events, then drops the connection. */
async function readThenDrop(sb: ReturnType<typeof app>, path: string, message: string, count: number) {
  const gone = new AbortController();
  const res = await sb.handle(
    request("POST", path, { body: { message }, headers: { accept: "text/event-stream" }, signal: gone.signal }),
  );
  if (!res || !isStreamBody(res.body)) throw new Error("not a stream");
  const chunks = res.body[Symbol.asyncIterator]();
  const seen: SseEvent[] = [];
  while (seen.length < count) {
    const { value, done } = await chunks.next();
    if (done) throw new Error("the stream ended early");
    seen.push(...frames(value));
  }
  gone.abort();
  await chunks.return?.(undefined);
  return seen;
}

const resumeRequest = (path: string, lastEventId: string, signal?: AbortSignal) =>
  request("POST", path, {
    body: { message: "ignored" },
    headers: { accept: "text/event-stream", "last-event-id": lastEventId },
    signal,
  });

describe("agents protocol: resuming across processes", () => {
  it("resumes in one process a stream running in another, then replays it after it ended", async () => {
    const shared = { sessions: memorySessionStore(), bus: memoryBus() };
    const one = app(shared);
    const two = app(shared);
    const seen = await readThenDrop(one, "/agents/ticker/x1", "30", 4);
    const [stream] = seen[0]!.id.split(":");
    const rest = frames(await collect(await two.handle(resumeRequest("/agents/ticker/x1", seen.at(-1)!.id))));
    const all = [...seen, ...rest];
    expect(all.map((f) => f.id)).toEqual(all.map((_, i) => `${stream}:${i}`));
    expect(all.map((f) => f.event)).toEqual([
      "turn_start",
      ...Array(30).fill("text_delta"),
      "turn_end",
      "result",
      "idle",
    ]);
    expect(all.at(-2)!.data).toMatchObject({
      result: { text: Array.from({ length: 30 }, (_, i) => `t${i + 1} `).join("") },
    });

    // Ended: both processes replay what follows an index; the first one still from memory.
    const tail = frames(await collect(await two.handle(resumeRequest("/agents/ticker/x1", `${stream}:29`))));
    expect(tail.map((f) => f.id)).toEqual([30, 31, 32, 33].map((i) => `${stream}:${i}`));
    expect(frames(await collect(await one.handle(resumeRequest("/agents/ticker/x1", `${stream}:29`))))).toEqual(tail);
    // Past the end: nothing more to send.
    expect(frames(await collect(await two.handle(resumeRequest("/agents/ticker/x1", `${stream}:99`))))).toEqual([]);

    for (const lastEventId of [`${stream}:3`, "nope:3", stream!]) {
      const path = lastEventId === `${stream}:3` ? "/agents/ticker/other" : "/agents/ticker/x1";
      const refused = await two.handle(resumeRequest(path, lastEventId));
      expect([refused?.status, parse(refused).error]).toMatchObject([
        404,
        { type: "stream_not_found", details: { param: "Last-Event-ID" } },
      ]);
    }
    await Promise.all([one.close(), two.close()]);
  });

  it("forgets stream logs after the resume window", async () => {
    const shared = { sessions: memorySessionStore(), bus: memoryBus(), resumeWindowMs: 100 };
    const one = app(shared);
    const two = app(shared);
    const ids = frames(
      await collect(
        await one.handle(
          request("POST", "/agents/ticker/x2", { body: { message: "2" }, headers: { accept: "text/event-stream" } }),
        ),
      ),
    ).map((f) => f.id);
    expect(
      frames(await collect(await two.handle(resumeRequest("/agents/ticker/x2", ids[0]!)))).map((f) => f.id),
    ).toEqual(ids.slice(1));
    await delay(200);
    expect(parse(await two.handle(resumeRequest("/agents/ticker/x2", ids[0]!))).error.type).toBe("stream_not_found");
    await Promise.all([one.close(), two.close()]);
  });

  it("counts a resume in another process as re-attaching, and aborts once that client is gone too", async () => {
    const shared = { sessions: memorySessionStore(), bus: memoryBus(), reattachMs: 50 };
    const one = app(shared);
    const two = app(shared);
    const seen = await readThenDrop(one, "/agents/ticker/x3", "300", 2);
    const signal = signals.at(-1)!;
    const leave = new AbortController();
    const resumed = await two.handle(resumeRequest("/agents/ticker/x3", seen.at(-1)!.id, leave.signal));
    if (!resumed || !isStreamBody(resumed.body)) throw new Error("not a stream");
    const chunks = resumed.body[Symbol.asyncIterator]();
    // Far beyond the 50 ms grace: the client attached to the other process keeps the run going.
    const deadline = Date.now() + 600;
    while (Date.now() < deadline) await chunks.next();
    expect(signal.aborted).toBe(false);
    leave.abort();
    await chunks.return?.(undefined);
    await vi.waitFor(() => expect(signal.aborted).toBe(true), { timeout: 5_000, interval: 20 });
    await Promise.all([one.close(), two.close()]);
  });
});

describe("agents protocol: dispatch", () => {
  it("accepts a dispatchId once and runs the work once", async () => {
    const sb = app();
    const send = () =>
      sb.handle(request("POST", "/agents/echo/d/dispatch", { body: { input: { job: 1 }, dispatchId: "job-1" } }));
    const first = await send();
    expect(first?.status).toBe(202);
    const receipt = parse(first);
    expect(receipt.dispatchId).toBe("job-1");
    expect(parse(await send())).toEqual(receipt);
    // The same id on another instance is other work.
    const elsewhere = await sb.handle(
      request("POST", "/agents/echo/e/dispatch", { body: { input: 2, dispatchId: "job-1" } }),
    );
    expect(elsewhere?.status).toBe(202);
    await vi.waitFor(async () => {
      const history = parse(await sb.handle(request("GET", "/agents/echo/e/sessions/default")));
      expect(history.messages).toHaveLength(2);
    });
    const history = parse(await sb.handle(request("GET", "/agents/echo/d/sessions/default")));
    expect(history.messages).toEqual([
      { role: "user", content: '{"job":1}' },
      { role: "assistant", content: '{"job":1}' },
    ]);
    await sb.close();
  });

  it("hands the input to the agent's factory and retries a failed run", async () => {
    const payloads: unknown[] = [];
    let calls = 0;
    const flaky = createAgent(({ payload }) => {
      payloads.push(payload);
      return {
        model: scriptedModel("flaky", () => {
          calls++;
          if (calls === 1) throw new Error("first attempt fails");
          return textReply("done");
        }),
      };
    });
    const settled: Array<{ dispatchId: string; ok: boolean }> = [];
    vi.spyOn(console, "error").mockImplementation(() => {});
    const sb = createSwitchboard({
      protocols: [
        agentsProtocol({
          agents: { flaky },
          dispatch: {
            queue: dispatchQueueFrom(memoryDispatchStore({ backoffMs: 5 }), { pollIntervalMs: 5 }),
            onSettled: (work, outcome) => settled.push({ dispatchId: work.dispatchId, ok: outcome.ok }),
          },
        }),
      ],
    });
    const receipt = parse(await sb.handle(request("POST", "/agents/flaky/f/dispatch", { body: { input: { n: 7 } } })));
    await vi.waitFor(() => expect(settled).toHaveLength(2), { timeout: 3000 });
    expect(settled).toEqual([
      { dispatchId: receipt.dispatchId, ok: false },
      { dispatchId: receipt.dispatchId, ok: true },
    ]);
    expect(payloads).toEqual([{ n: 7 }, { n: 7 }]);
    const history = parse(await sb.handle(request("GET", "/agents/flaky/f/sessions/default")));
    expect(history.messages.map((m: { content: string }) => m.content)).toEqual(['{"n":7}', "done"]);
    vi.restoreAllMocks();
    await sb.close();
  });
});

describe("agents protocol: WebSocket", () => {
  it("refuses upgrades on other paths, for unknown agents and for refused callers", async () => {
    const sb = app({ authorize: ({ request: req }) => req.header("x-ok") === "yes" });
    for (const [path, status] of [
      ["/agents/echo/a/sessions/s", 404],
      ["/agents/echo/a/dispatch", 404],
      ["/agents/echo/a", 403],
    ] as const) {
      const decision = await sb.upgrade(upgradeRequest(path));
      expect(decision && "reject" in decision && decision.reject.status).toBe(status);
    }
    const unknown = await sb.upgrade(upgradeRequest("/agents/nobody/a", { "x-ok": "yes" }));
    expect(unknown && "reject" in unknown && parse(unknown.reject).error.type).toBe("agent_not_found");
  });

  it("asks authorize again for each prompt's session", async () => {
    const sb = app({ authorize: ({ session }) => session !== "secret" });
    const socket = accept(await sb.upgrade(upgradeRequest("/agents/echo/w", SWITCHBOARD_FRAMING)));
    socket.say({ type: "prompt", requestId: "1", message: "x", session: "secret" });
    expect(await socket.next((f) => f.type === "error")).toMatchObject({
      requestId: "1",
      error: { type: "forbidden" },
    });
    socket.say({ type: "prompt", requestId: "2", message: "x", session: "open" });
    expect(await socket.next((f) => f.type === "result")).toMatchObject({ requestId: "2" });
  });

  it("rejects a requestId already in use and closes on binary frames", async () => {
    const sb = app();
    const before = signals.length;
    const socket = accept(await sb.upgrade(upgradeRequest("/agents/ticker/w", SWITCHBOARD_FRAMING)));
    expect(socket.frames[0]).toEqual({ type: "ready", version: 1, target: "agent", name: "ticker", instanceId: "w" });
    socket.say({ type: "prompt", requestId: "same", message: "50", session: "a" });
    socket.say({ type: "prompt", requestId: "same", message: "1", session: "b" });
    expect(await socket.next((f) => f.type === "error")).toMatchObject({
      requestId: "same",
      error: { type: "validation_failed", details: { param: "requestId" } },
    });
    // The first prompt's model is running when the socket closes (so the signal checked below is its own).
    await vi.waitFor(() => expect(signals.length).toBe(before + 1));
    socket.handlers.onMessage(new Uint8Array([0xff]), true);
    expect(socket.closedWith).toBe(1003);
    await vi.waitFor(() => expect(signals.at(-1)!.aborted).toBe(true));
  });

  it("aborts a prompt the client cancels before it starts", async () => {
    const sb = app({ authorize: () => delay(20).then(() => true) });
    const socket = accept(await sb.upgrade(upgradeRequest("/agents/echo/early", SWITCHBOARD_FRAMING)));
    socket.say({ type: "prompt", requestId: "r", message: "x" });
    socket.say({ type: "abort", requestId: "r" });
    expect(await socket.next((f) => f.type === "error")).toMatchObject({ requestId: "r", error: { type: "aborted" } });
    socket.say({ type: "abort", requestId: "unknown" });
    socket.say({ type: "ping" });
    expect(await socket.next((f) => f.type === "pong")).toEqual({ type: "pong", version: 1 });
    expect(socket.frames.filter((f) => f.type === "error")).toHaveLength(1);
  });
});

describe("memory session store", () => {
  const key = { agent: "a", id: "i", session: "s" };

  it("appends and loads copies", async () => {
    const store = memorySessionStore();
    const message = { role: "user" as const, content: "hi" };
    await store.append(key, [message]);
    message.content = "changed";
    const loaded = await store.load(key);
    expect(loaded).toEqual([{ role: "user", content: "hi" }]);
    loaded.push({ role: "user", content: "local" });
    expect(await store.load(key)).toHaveLength(1);
    expect(await store.load({ ...key, session: "other" })).toEqual([]);
  });

  it("locks one holder at a time, hands over in order, and stops waiting on abort", async () => {
    const store = memorySessionStore();
    const first = await store.lock(key, { wait: false });
    expect(first).toBeDefined();
    expect(await store.lock(key, { wait: false })).toBeUndefined();
    expect(await store.lock({ ...key, id: "other" }, { wait: false })).toBeDefined();

    const order: string[] = [];
    const second = store.lock(key, { wait: true }).then((lock) => {
      order.push("second");
      return lock!;
    });
    const gaveUp = new AbortController();
    const abandoned = store.lock(key, { wait: true, signal: gaveUp.signal });
    const third = store.lock(key, { wait: true }).then((lock) => {
      order.push("third");
      return lock!;
    });
    gaveUp.abort(new Error("gave up"));
    await expect(abandoned).rejects.toThrow("gave up");
    await first!.release();
    await first!.release();
    (await second).release();
    await (await third).release();
    expect(order).toEqual(["second", "third"]);
    expect(await store.lock(key, { wait: false })).toBeDefined();
  });
});
