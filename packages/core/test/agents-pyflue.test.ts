/**
 * pyflue's wire on the instance-agent protocol, without a network: the prompt bodies pyflue's
 * client and server use, `/health`, `/agents`, webhook prompts, the snake-case names of receipts
 * and usage, and the agent socket's default framing (one answer per prompt) next to the opt-in
 * `switchboard.v1` framing. pyflue's real client runs against every adapter in
 * test/python/test_pyflue.py.
 */
import { validate } from "@switchboard/protocol/agents";
import { describe, expect, it, vi } from "vitest";
import { createSwitchboard } from "../src/app.js";
import { echoAgent } from "../src/fixtures/agents.js";
import type { CoreRequest, CoreResponse } from "../src/http/types.js";
import { agentsProtocol } from "../src/protocols/agents/module.js";
import { createAgent } from "../src/runtime/agent/define.js";
import { scriptedModel, textReply } from "../src/runtime/model/scripted.js";
import type { CoreSocket, SocketHandlers, UpgradeDecision } from "../src/ws/types.js";

function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): CoreRequest {
  const lower: Record<string, string> = Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]),
  );
  if (body !== undefined) lower["content-type"] = "application/json";
  const raw = body === undefined ? "" : JSON.stringify(body);
  return {
    method,
    path,
    query: new URLSearchParams(),
    header: (name) => lower[name.toLowerCase()],
    body: async () => new TextEncoder().encode(raw),
    signal: new AbortController().signal,
  };
}

const upgrade = (path: string, headers: Record<string, string> = {}) =>
  request("GET", path, undefined, {
    upgrade: "websocket",
    "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
    "sec-websocket-version": "13",
    ...headers,
  });

const parse = (res: CoreResponse) => JSON.parse(res.body as string);

async function call(sb: ReturnType<typeof app>, req: CoreRequest): Promise<CoreResponse> {
  const res = await sb.handle(req);
  if (!res) throw new Error(`no module answered ${req.method} ${req.path}`);
  return res;
}

/** Answers `payload:<the factory's payload as JSON>`, to show what reached the factory. */
const payloadAgent = createAgent((ctx) => ({
  model: scriptedModel("payload", () => textReply(`payload:${JSON.stringify(ctx.payload ?? null)}`)),
}));

function app() {
  return createSwitchboard({ protocols: [agentsProtocol({ agents: { echo: echoAgent, payload: payloadAgent } })] });
}

interface MemorySocket {
  frames: Array<Record<string, unknown>>;
  say(frame: unknown): void;
}

function accept(decision: UpgradeDecision | undefined): MemorySocket {
  if (!decision || !("accept" in decision)) throw new Error("the upgrade was refused");
  const frames: Array<Record<string, unknown>> = [];
  const socket: CoreSocket = {
    async send(text) {
      frames.push(JSON.parse(text));
    },
    close() {},
  };
  const handlers: SocketHandlers = decision.accept(socket);
  return { frames, say: (frame) => handlers.onMessage(JSON.stringify(frame), false) };
}

describe("agents protocol: pyflue's HTTP wire", () => {
  it("serves /health and lists the agents at /agents", async () => {
    const sb = app();
    const health = await call(sb, request("GET", "/health"));
    expect(health.status).toBe(200);
    expect(parse(health)).toEqual({ ok: true, framework: "switchboard" });
    const list = await call(sb, request("GET", "/agents"));
    expect(validate.AgentList(parse(list)).ok).toBe(true);
    expect(parse(list).agents.map((a: { name: string }) => a.name)).toEqual(["echo", "payload"]);
    expect(parse(list).agents[0]).toEqual({
      name: "echo",
      path: "/agents/echo/:id",
      triggers: { webhook: true, websocket: true },
    });
  });

  it("takes the message from message, prompt, payload.message or payload.prompt", async () => {
    const sb = app();
    for (const [body, text] of [
      [{ message: "m" }, "m"],
      [{ prompt: "p" }, "p"],
      [{ payload: { message: "pm" } }, "pm"],
      [{ payload: { prompt: "pp", extra: 1 } }, "pp"],
      [{ message: "first", prompt: "second" }, "first"],
    ] as const) {
      const res = await call(sb, request("POST", "/agents/echo/bodies", body));
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(res.headers["x-flue-run-id"]).toMatch(/^s_/);
      const result = parse(res).result;
      expect(result.text).toBe(text);
      expect(result.usage).toMatchObject({
        input: result.usage.inputTokens,
        output: result.usage.outputTokens,
        total_tokens: result.usage.totalTokens,
      });
    }
    const missing = await call(sb, request("POST", "/agents/echo/bodies", { payload: { other: 1 } }));
    expect(missing.status).toBe(400);
    expect(parse(missing).error).toMatchObject({ type: "validation_failed", details: { param: "message" } });
    const stray = await call(sb, request("POST", "/agents/echo/bodies", { prompt: "x", stream: true }));
    expect(parse(stray).error).toMatchObject({ type: "validation_failed", details: { param: "stream" } });
  });

  it("hands the payload to the agent's factory and takes its session", async () => {
    const sb = app();
    const res = await call(
      sb,
      request("POST", "/agents/payload/p", { payload: { prompt: "hi", session: "side", tenant: "t1" } }),
    );
    expect(parse(res).result.text).toBe('payload:{"prompt":"hi","session":"side","tenant":"t1"}');
    const side = parse(await call(sb, request("GET", "/agents/payload/p/sessions/side")));
    expect(side.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
  });

  it("accepts an x-webhook prompt for background processing and runs it", async () => {
    const sb = app();
    const res = await call(
      sb,
      request("POST", "/agents/echo/hook", { payload: { message: "later" } }, { "x-webhook": "TRUE" }),
    );
    expect(res.status).toBe(202);
    const receipt = parse(res);
    expect(validate.AgentWebhookReceipt(receipt).ok).toBe(true);
    expect(receipt).toMatchObject({ status: "accepted", dispatch_id: receipt.dispatchId, run_id: receipt.dispatchId });
    expect(receipt.runId).toBe(receipt.dispatchId);
    expect(receipt.accepted_at).toBe(receipt.acceptedAt);
    expect(res.headers["x-flue-run-id"]).toBe(receipt.dispatchId);
    await vi.waitFor(async () => {
      const history = parse(await call(sb, request("GET", "/agents/echo/hook/sessions/default")));
      expect(history.messages).toEqual([
        { role: "user", content: "later" },
        { role: "assistant", content: "later" },
      ]);
    });
    await sb.close();
  });

  it("gives dispatch receipts pyflue's snake-case names too", async () => {
    const sb = app();
    const res = await call(sb, request("POST", "/agents/echo/d/dispatch", { input: 1, dispatchId: "job" }));
    expect(parse(res)).toEqual({
      dispatchId: "job",
      dispatch_id: "job",
      acceptedAt: expect.any(String),
      accepted_at: parse(res).acceptedAt,
    });
    await sb.close();
  });
});

describe("agents protocol: socket framings", () => {
  it("answers each prompt with one result or error frame, in order, when no subprotocol is asked for", async () => {
    const sb = app();
    const decision = await sb.upgrade(upgrade("/agents/echo/plain"));
    expect(decision && "accept" in decision && decision.protocol).toBeUndefined();
    const socket = accept(decision);
    socket.say({ type: "prompt", message: "one two", session: "a" });
    socket.say({ type: "prompt", message: "bad", session: "" });
    socket.say({ type: "prompt", message: "three", session: "b" });
    await vi.waitFor(() => expect(socket.frames).toHaveLength(3));
    expect(socket.frames.map((f) => f.type)).toEqual(["result", "error", "result"]);
    expect((socket.frames[0]!.result as { text: string }).text).toBe("one two");
    expect(socket.frames[1]!.error).toMatchObject({ type: "validation_failed" });
    expect((socket.frames[2]!.result as { text: string }).text).toBe("three");
    for (const frame of socket.frames) expect(validate.AgentServerFrame(frame).ok).toBe(true);
  });

  it("selects switchboard.v1 when offered: ready, started, events, then the result", async () => {
    const sb = app();
    const decision = await sb.upgrade(
      upgrade("/agents/echo/rich", { "sec-websocket-protocol": "chat, switchboard.v1" }),
    );
    expect(decision && "accept" in decision && decision.protocol).toBe("switchboard.v1");
    const socket = accept(decision);
    socket.say({ type: "prompt", requestId: "r", message: "one two" });
    await vi.waitFor(() => expect(socket.frames.at(-1)?.type).toBe("result"));
    const types = socket.frames.map((f) => f.type);
    expect(types.slice(0, 2)).toEqual(["ready", "started"]);
    expect(types.filter((t) => t === "event").length).toBeGreaterThanOrEqual(2);
  });
});
