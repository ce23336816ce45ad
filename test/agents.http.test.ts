// Instance agents over HTTP on every adapter: sessions, JSON and SSE prompts, tool calls, busy sessions and dispatch, authorize on every surface.

import { delay } from "@switchboard/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { validate } from "../packages/protocol/src/agents.js";
import {
  agentsClient,
  frameReader,
  openSocket,
  readFrames,
  refusedUpgrade,
  startAgentsServer,
  TICK_MS,
} from "./agents.helpers.js";
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

  const { post, prompt, history } = agentsClient(() => server.url);

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
});
