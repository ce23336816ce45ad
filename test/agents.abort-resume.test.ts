// Instance agents on every adapter: aborts reaching the model call (route, frame, vanished SSE client, closed socket) and SSE resumption with Last-Event-ID.

import { delay } from "@switchboard/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  agentsClient,
  type Frame,
  frameReader,
  openSocket,
  REATTACH_MS,
  readFrames,
  signals,
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
