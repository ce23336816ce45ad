/**
 * Bounded work per connection, on every adapter with the embedded store: a flood of prompt frames
 * on one socket is answered `too_many_requests` beyond the per-socket queue, other clients keep
 * being answered meanwhile, concurrent prompts per socket are capped, the server caps its open
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

async function open(url: string): Promise<WebSocket> {
  const opened = await connect(url);
  if (!("ws" in opened)) throw new Error(`handshake refused: ${opened.status} ${opened.body}`);
  return opened.ws;
}

const answers = (frames: Json[]) => frames.filter((f) => f.type === "result" || f.type === "error");

describe.each(ADAPTERS)("%s adapter: bounded work per connection", (framework) => {
  let server: TestServer;
  let sb: Switchboard;
  let opened: OpenStore;

  beforeAll(async () => {
    opened = await openTestStore();
    sb = createSwitchboard({
      protocols: allProtocols(opened.store),
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
    const ws = await open(`${server.wsUrl}/agents/echo/flood-${framework}`);
    const frames = collect(ws);
    const flood = Array.from({ length: FLOOD }, (_, n) => JSON.stringify({ type: "prompt", message: `flood ${n}` }));
    for (const frame of flood) ws.send(frame);
    // Another client, while the flood is being handled: every request is answered.
    const other: number[] = [];
    for (let n = 0; n < 10; n++) {
      other.push((await call(`${server.url}/v1/models`)).status);
      other.push(
        (await call(`${server.url}/agents/echo/bystander-${framework}`, { body: { message: `b${n}` } })).status,
      );
    }
    expect(other).toEqual(Array.from({ length: 20 }, () => 200));
    // Every prompt gets exactly one answer; at most the queue (and the one running) got a result.
    await until(() => answers(frames).length >= FLOOD, `${FLOOD} answers`, 60_000);
    const got = answers(frames);
    expect(got).toHaveLength(FLOOD);
    const results = got.filter((f) => f.type === "result");
    const refused = got.filter((f) => f.type === "error");
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(results.length).toBeLessThanOrEqual(QUEUE + 1);
    expect(refused.length).toBe(FLOOD - results.length);
    for (const frame of refused) expect(frame.error.type).toBe("too_many_requests");
    // The socket still serves once the queue has drained.
    ws.send(JSON.stringify({ type: "prompt", message: "after the flood" }));
    await until(() => answers(frames).length > FLOOD, "the answer after the flood");
    expect(answers(frames).at(-1)).toMatchObject({ type: "result", result: { text: "after the flood" } });
    ws.close();
    await closed(ws);
  });

  it("caps the prompts running at once on one socket", async () => {
    const ws = await open(`${server.wsUrl}/agents/slow/lanes-${framework}`);
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
    for (let n = 0; n < SOCKETS; n++) sockets.push(await open(`${server.wsUrl}/agents/echo/cap-${framework}-${n}`));
    const refused = await connect(`${server.wsUrl}/agents/echo/cap-${framework}-extra`);
    expect("status" in refused && refused.status).toBe(503);
    if ("status" in refused) {
      expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
      expect(JSON.parse(refused.body).error.type).toBe("service_unavailable");
    }
    // Plain HTTP is not affected by the socket cap.
    expect((await call(`${server.url}/v1/models`)).status).toBe(200);
    const first = sockets.shift()!;
    first.close();
    await closed(first);
    // The server counts the socket out when its close handshake is done on its side.
    let again = await connect(`${server.wsUrl}/agents/echo/cap-${framework}-again`);
    for (let attempt = 0; !("ws" in again) && attempt < 100; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await connect(`${server.wsUrl}/agents/echo/cap-${framework}-again`);
    }
    if (!("ws" in again)) throw new Error(`still refused: ${again.status}`);
    sockets.push(again.ws);
    for (const ws of sockets) ws.close();
    await Promise.all(sockets.map(closed));
  });

  it("closes a workflow socket whose init frame does not come in time", async () => {
    const ws = await open(`${server.wsUrl}/workflows/ws`);
    const frames = collect(ws);
    const { code } = await closed(ws);
    expect(code).toBe(1008);
    expect(frames.find((f) => f.type === "error")?.content?.short).toBe("init_timeout");
  });
});
