// Instance agents over the WebSocket on every adapter: pyflue's framing, Switchboard's framing, busy sessions, bad frames and close codes.

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import type { AgentServerFrame } from "../packages/protocol/src/agents.js";
import { validate } from "../packages/protocol/src/agents.js";
import { MAX_FRAME, openSocket, startAgentsServer } from "./agents.helpers.js";
import { ADAPTERS, type TestServer } from "./support/index.js";

describe.each(ADAPTERS)("%s adapter: instance agents", (framework) => {
  let server: TestServer;
  let n = 0;
  /** A fresh instance id per test, so tests never share sessions. */
  const fresh = (prefix = "i") => `${prefix}-${framework}-${++n}`;

  beforeAll(async () => {
    server = await startAgentsServer(framework);
  });
  afterAll(async () => {
    await server?.close();
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
});
