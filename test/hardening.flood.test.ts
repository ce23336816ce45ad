/**
 * Bounded work per connection, on every adapter with the embedded store: a flood of prompt frames
 * on one socket is answered `too_many_requests` beyond the per-socket queue (a socket in pyflue's
 * framing whose refusals pile up is closed), other clients keep being answered meanwhile, concurrent prompts per socket are capped, the server caps its open
 * sockets, and a workflow socket that never sends its init frame is closed.
 */
import { createSwitchboard, type Switchboard } from "@switchboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import {
  allProtocols,
  call,
  closed,
  collect,
  connect,
  gatedAgent,
  type Json,
  type OpenStore,
  openTestStore,
  until,
} from "./hardening.helpers.js";
import { ADAPTERS, startServer, type TestServer } from "./support/index.js";

const FLOOD = 3000;
const QUEUE = 8;
const IN_FLIGHT = 4;
const SOCKETS = 6;

/** Switchboard's framing of the agent socket (prompts run at once and are refused at once). */
const RICH = ["switchboard.v1"];

async function open(url: string, protocols?: string[]): Promise<WebSocket> {
  const opened = await connect(url, { protocols });
  if (!("ws" in opened)) throw new Error(`handshake refused: ${opened.status} ${opened.body}`);
  return opened.ws;
}

const answers = (frames: Json[]) => frames.filter((f) => f.type === "result" || f.type === "error");

describe.each(ADAPTERS)("%s adapter: bounded work per connection", (framework) => {
  let server: TestServer;
  let sb: Switchboard;
  let opened: OpenStore;

  const gated = gatedAgent();
  const piled = gatedAgent();

  beforeAll(async () => {
    opened = await openTestStore();
    sb = createSwitchboard({
      protocols: allProtocols(opened.store, { gated: gated.agent, piled: piled.agent }),
      limits: {
        maxQueuedPrompts: QUEUE,
        maxSocketInFlight: IN_FLIGHT,
        maxSockets: SOCKETS,
        socketInitTimeoutMs: 300,
      },
    });
    server = await startServer(framework, sb);
  });
  afterAll(async () => {
    await server?.close();
    await sb?.close();
    await opened?.close();
  });

  it(`a ${FLOOD}-frame flood on one socket is bounded while another client is answered`, async () => {
    const ws = await open(`${server.wsUrl}/agents/gated/flood-${framework}`, RICH);
    try {
      const frames = collect(ws);
      // Every prompt of `gated` waits until the gate opens: the first runs, QUEUE wait, the rest
      // must be refused at once rather than queued.
      for (let n = 0; n < FLOOD; n++) ws.send(JSON.stringify({ type: "prompt", message: `flood ${n}` }));
      await until(() => answers(frames).length >= FLOOD - (QUEUE + 1), "the refusals", 60_000);
      // Another client meanwhile: every request is answered.
      const other: number[] = [];
      for (let n = 0; n < 10; n++) {
        other.push((await call(`${server.url}/v1/models`)).status);
        const prompt = await call(`${server.url}/agents/echo/bystander-${framework}`, { body: { message: `b${n}` } });
        other.push(prompt.status);
      }
      expect(other).toEqual(Array.from({ length: 20 }, () => 200));
      const refused = answers(frames);
      expect(refused).toHaveLength(FLOOD - (QUEUE + 1));
      for (const frame of refused) expect(frame).toMatchObject({ type: "error", error: { type: "too_many_requests" } });
      // The accepted prompts are all answered once the agent can answer.
      gated.open();
      await until(() => answers(frames).length >= FLOOD, `${FLOOD} answers`, 60_000);
      const results = answers(frames).filter((f) => f.type === "result");
      expect(results).toHaveLength(QUEUE + 1);
      expect(results.map((f) => f.result.text)).toEqual(Array.from({ length: QUEUE + 1 }, (_, n) => `flood ${n}`));
      // The socket still serves once the queue has drained.
      ws.send(JSON.stringify({ type: "prompt", message: "after the flood" }));
      await until(() => answers(frames).length > FLOOD, "the answer after the flood");
      expect(answers(frames).at(-1)).toMatchObject({ type: "result", result: { text: "after the flood" } });
    } finally {
      ws.close();
      await closed(ws);
    }
  });

  it("closes a socket in pyflue's framing whose refusals pile up, and keeps serving others", async () => {
    // pyflue's framing answers every prompt in order, refusals included, so refusals wait behind
    // the prompts: one runs (and waits for the gate), QUEUE wait, QUEUE refusals wait their turn,
    // and the next refusal closes the socket instead of queueing without end.
    const ws = await open(`${server.wsUrl}/agents/piled/pile-${framework}`);
    const frames = collect(ws);
    const closing = new Promise<[number, string]>((resolve) => {
      ws.once("close", (code, reason) => resolve([code, reason.toString()]));
    });
    for (let n = 0; n < FLOOD; n++) ws.send(JSON.stringify({ type: "prompt", message: `flood ${n}` }));
    const [code, reason] = await closing;
    expect(code).toBe(1008);
    expect(reason).toContain(`more than ${QUEUE} refused prompts waiting`);
    expect(answers(frames)).toEqual([]);
    const other: number[] = [];
    for (let n = 0; n < 5; n++) {
      other.push((await call(`${server.url}/v1/models`)).status);
      other.push(
        (await call(`${server.url}/agents/echo/piled-bystander-${framework}`, { body: { message: `b${n}` } })).status,
      );
    }
    expect(other).toEqual(Array.from({ length: 10 }, () => 200));
    piled.open();
  });

  it("caps the prompts running at once on one socket", async () => {
    const ws = await open(`${server.wsUrl}/agents/slow/lanes-${framework}`, RICH);
    const frames = collect(ws);
    for (let n = 0; n < IN_FLIGHT * 3; n++) {
      ws.send(JSON.stringify({ type: "prompt", requestId: `r${n}`, session: `s${n}`, message: "go" }));
    }
    await until(
      () => frames.filter((f) => f.type === "started" || f.type === "error").length >= IN_FLIGHT * 3,
      "every prompt started or refused",
    );
    const started = frames.filter((f) => f.type === "started");
    const refused = frames.filter((f) => f.type === "error");
    expect(started).toHaveLength(IN_FLIGHT);
    expect(refused).toHaveLength(IN_FLIGHT * 2);
    for (const frame of refused) {
      expect(frame.error.type).toBe("too_many_requests");
      expect(frame.requestId).toMatch(/^r\d+$/);
    }
    ws.close();
    await closed(ws);
  });

  it("caps the open sockets of the server and frees a place when one closes", async () => {
    const sockets: WebSocket[] = [];
    try {
      for (let n = 0; n < SOCKETS; n++) sockets.push(await open(`${server.wsUrl}/agents/echo/cap-${framework}-${n}`));
      const refused = await connect(`${server.wsUrl}/agents/echo/cap-${framework}-extra`);
      if ("ws" in refused) {
        sockets.push(refused.ws);
        throw new Error("a socket over the cap was accepted");
      }
      expect(refused.status).toBe(503);
      expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
      expect(JSON.parse(refused.body).error.type).toBe("service_unavailable");
      // Plain HTTP is not affected by the socket cap.
      expect((await call(`${server.url}/v1/models`)).status).toBe(200);
      const first = sockets.shift()!;
      first.close();
      await closed(first);
      // The server counts the socket out when the close reaches it, which may be a moment later.
      let again = await connect(`${server.wsUrl}/agents/echo/cap-${framework}-again`);
      for (let attempt = 0; !("ws" in again) && attempt < 100; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        again = await connect(`${server.wsUrl}/agents/echo/cap-${framework}-again`);
      }
      if (!("ws" in again)) throw new Error(`still refused: ${again.status}`);
      sockets.push(again.ws);
    } finally {
      for (const ws of sockets) ws.close();
      await Promise.all(sockets.map(closed));
    }
  });

  it("closes a workflow socket whose init frame does not come in time", async () => {
    const ws = await open(`${server.wsUrl}/workflows/ws`);
    const frames = collect(ws);
    const { code } = await closed(ws);
    expect(code).toBe(1008);
    expect(frames.find((f) => f.type === "error")?.content?.short).toBe("init_timeout");
  });
});
