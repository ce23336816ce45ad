/**
 * Responses WebSocket mode (`GET /v1/responses` upgraded) on every adapter: the official npm
 * `openai` SDK's socket client (`ResponsesWS`, openai 7.x, Node ≥ 22) unchanged, and a raw `ws`
 * client for what no SDK sends (bad frames, floods).
 */
import { responsesProtocol } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import OpenAI from "openai";
import type { ResponsesServerEvent } from "openai/resources/responses/responses";
import { ResponsesWS } from "openai/resources/responses/ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { SERVER_KINDS, startServer, type TestServer } from "./support/index.js";

const API_KEY = "test";
const MAX_FRAME = 64 * 1024;
const TERMINAL = new Set(["response.completed", "response.failed", "response.incomplete"]);
const LOOKUP_TOOL = {
  type: "function" as const,
  name: "lookup",
  description: "Looks a word up.",
  parameters: {
    type: "object",
    properties: { input: { type: "string" } },
    required: ["input"],
    additionalProperties: false,
  },
  strict: true,
};

type Event = ResponsesServerEvent & { stream_id?: string };

/** An event that ends a turn: a terminal response event, or the refusal of a frame. */
const endsTurn = (event: { type: string; sequence_number?: unknown }) =>
  TERMINAL.has(event.type) || (event.type === "error" && event.sequence_number === undefined);

/** Collects a socket's events; `turns(n)` resolves once n more turns have ended. */
class Collector {
  readonly events: Event[] = [];
  #ended = 0;
  #waiters: { count: number; resolve: () => void }[] = [];

  push(event: Event): void {
    this.events.push(event);
    if (endsTurn(event)) this.#ended++;
    const ready = this.#waiters.filter((w) => this.#ended >= w.count);
    this.#waiters = this.#waiters.filter((w) => this.#ended < w.count);
    for (const waiter of ready) waiter.resolve();
  }

  /** Resolves with the events received since the call, once `n` more turns ended. */
  turns(n: number, timeoutMs = 10_000): Promise<Event[]> {
    const from = this.events.length;
    const count = this.#ended + n;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${n} turns did not end; got ${this.kinds(from)}`)), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(this.events.slice(from));
      };
      if (this.#ended >= count) done();
      else this.#waiters.push({ count, resolve: done });
    });
  }

  kinds(from = 0): string {
    return this.events
      .slice(from)
      .map((e) => e.type)
      .join(",");
  }
}

function finals(events: Event[]) {
  return events.flatMap((e) =>
    e.type === "response.completed" || e.type === "response.failed" || e.type === "response.incomplete"
      ? [e.response]
      : [],
  );
}

const textOf = (response: { output: { type: string; content?: { type: string; text?: string }[] }[] }) =>
  response.output
    .flatMap((item) => (item.type === "message" ? (item.content ?? []) : []))
    .map((part) => part.text ?? "")
    .join("");

/** A raw client: JSON frames in, parsed frames out, and the close it got. */
async function rawSocket(url: string, token: string | null = API_KEY) {
  const ws = new WebSocket(url, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
  const collector = new Collector();
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on("message", (data) => collector.push(JSON.parse(data.toString())));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return { ws, collector, closed, send: (frame: unknown) => ws.send(JSON.stringify(frame)) };
}

describe.each(SERVER_KINDS)("Responses WebSocket mode over %s", (adapter) => {
  let server: TestServer;
  let client: OpenAI;

  beforeAll(async () => {
    server = await startServer(adapter, {
      protocols: [responsesProtocol({ agents: fixtureAgents })],
      apiKey: API_KEY,
      limits: { maxFrameBytes: MAX_FRAME },
    });
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: API_KEY, maxRetries: 0 });
  });

  afterAll(async () => {
    await server.close();
  });

  /** The npm SDK's socket client, with its events collected. */
  function sdkSocket() {
    const socket = new ResponsesWS(client);
    const collector = new Collector();
    socket.on("event", (event) => collector.push(event as Event));
    // Error events also arrive as `error` emissions; without a listener the SDK rejects them.
    socket.on("error", () => {});
    return { socket, collector };
  }

  it("runs several turns on one socket with the npm SDK, continuing by previous_response_id", async () => {
    const { socket, collector } = sdkSocket();
    try {
      socket.send({ type: "response.create", model: "echo", input: "first turn" });
      const first = await collector.turns(1);
      const [response] = finals(first);
      expect(response?.status).toBe("completed");
      expect(textOf(response!)).toBe("first turn");
      expect(first[0]?.type).toBe("response.created");
      expect(first.map((e) => (e as { sequence_number?: number }).sequence_number)).toEqual(first.map((_, i) => i));

      socket.send({ type: "response.create", model: "echo", input: "second turn", previous_response_id: response!.id });
      const [second] = finals(await collector.turns(1));
      expect(second).toMatchObject({ status: "completed", previous_response_id: response!.id });
      expect(textOf(second!)).toBe("second turn");
      // Stored by default: the HTTP API has it too.
      expect((await client.responses.retrieve(second!.id)).output_text).toBe("second turn");
    } finally {
      socket.close();
    }
  });

  it("keeps lanes FIFO, runs them side by side and echoes stream_id", async () => {
    const { socket, collector } = sdkSocket();
    try {
      for (const lane of ["a", "b"]) {
        for (const n of [1, 2, 3]) {
          socket.send({ type: "response.create", model: "echo", input: `${lane} ${n}`, stream_id: lane, store: false });
        }
      }
      const events = await collector.turns(6);
      for (const lane of ["a", "b"]) {
        const mine = events.filter((e) => e.stream_id === lane);
        expect(finals(mine).map(textOf)).toEqual([`${lane} 1`, `${lane} 2`, `${lane} 3`]);
        // Within a lane, a response ends before the next one is created.
        const kinds = mine.map((e) => e.type);
        kinds.forEach((kind, i) => {
          if (kind === "response.created" && i > 0) expect(kinds[i - 1]).toBe("response.completed");
        });
      }
      expect(events.every((e) => e.stream_id === "a" || e.stream_id === "b")).toBe(true);
    } finally {
      socket.close();
    }
  });

  it("runs lanes side by side: a quick lane is not held up by a slow one", async () => {
    const { socket, collector } = sdkSocket();
    try {
      socket.send({ type: "response.create", model: "slow", input: "go", stream_id: "slow", store: false });
      socket.send({ type: "response.create", model: "echo", input: "quick", stream_id: "quick", store: false });
      const events = await collector.turns(1);
      const [first] = finals(events);
      expect(events.at(-1)?.stream_id).toBe("quick");
      expect(textOf(first!)).toBe("quick");
      // The slow lane, sent first, has not finished (its fifty ticks take five seconds).
      expect(events.some((e) => e.stream_id === "slow" && TERMINAL.has(e.type))).toBe(false);
    } finally {
      socket.close();
    }
  });

  it("continues a store:false chain from the socket's memory (a tool round trip)", async () => {
    const { socket, collector } = sdkSocket();
    try {
      socket.send({ type: "response.create", model: "tools", input: "socket", tools: [LOOKUP_TOOL], store: false });
      const [first] = finals(await collector.turns(1));
      const call = first!.output.find((item) => item.type === "function_call");
      expect(call).toMatchObject({ type: "function_call", name: "lookup", arguments: '{"input":"socket"}' });
      expect((first as { store?: unknown }).store).toBe(false);
      // HTTP cannot continue it: it was never stored.
      await expect(
        client.responses.create({ model: "echo", input: "x", previous_response_id: first!.id }),
      ).rejects.toMatchObject({ status: 404 });

      socket.send({
        type: "response.create",
        model: "tools",
        tools: [LOOKUP_TOOL],
        store: false,
        previous_response_id: first!.id,
        input: [{ type: "function_call_output", call_id: (call as { call_id: string }).call_id, output: "found it" }],
      });
      const [second] = finals(await collector.turns(1));
      expect(second?.status).toBe("completed");
      expect(textOf(second!)).toBe("Tool said: found it");
    } finally {
      socket.close();
    }
  });

  it("evicts the parent of a failed turn from the socket's memory", async () => {
    const { socket, collector } = sdkSocket();
    try {
      socket.send({ type: "response.create", model: "tools", input: "x", tools: [LOOKUP_TOOL], store: false });
      const [first] = finals(await collector.turns(1));
      const call = first!.output.find((item) => item.type === "function_call") as { call_id: string };
      // Fails: no output answers the call.
      socket.send({
        type: "response.create",
        model: "tools",
        tools: [LOOKUP_TOOL],
        store: false,
        previous_response_id: first!.id,
        input: "no output",
      });
      const [refusal] = await collector.turns(1);
      expect(refusal).toMatchObject({ type: "error", status: 400 });
      // A correct retry now finds nothing to continue from.
      socket.send({
        type: "response.create",
        model: "tools",
        tools: [LOOKUP_TOOL],
        store: false,
        previous_response_id: first!.id,
        input: [{ type: "function_call_output", call_id: call.call_id, output: "late" }],
      });
      const [gone] = await collector.turns(1);
      expect(gone).toMatchObject({
        type: "error",
        status: 404,
        error: { code: "previous_response_not_found", param: "previous_response_id" },
      });
    } finally {
      socket.close();
    }
  });

  it("refuses bad frames with error events and keeps serving the socket", async () => {
    const { ws, collector, send } = await rawSocket(`${server.wsUrl}/v1/responses`);
    try {
      ws.send("{not json");
      expect((await collector.turns(1))[0]).toMatchObject({
        type: "error",
        status: 400,
        error: { code: "invalid_json" },
      });

      send({ type: "response.create", model: "echo", input: "x", stream: true, stream_id: "s" });
      expect((await collector.turns(1))[0]).toMatchObject({
        type: "error",
        status: 400,
        error: { param: "stream" },
        stream_id: "s",
      });
      send({ type: "response.create", model: "echo", input: "x", background: true });
      expect((await collector.turns(1))[0]).toMatchObject({ type: "error", error: { param: "background" } });

      send({ type: "response.create", model: "echo", input: "x", previous_response_id: "resp_unknown" });
      expect((await collector.turns(1))[0]).toMatchObject({
        type: "error",
        status: 404,
        error: { code: "previous_response_not_found", param: "previous_response_id", type: "not_found_error" },
      });

      send({ type: "response.create", model: "echo", input: "x", temperature: 9 });
      expect((await collector.turns(1))[0]).toMatchObject({
        type: "error",
        status: 400,
        error: { param: "temperature" },
      });

      send({ type: "response.create", model: "echo", input: "x", generate: false });
      expect((await collector.turns(1))[0]).toMatchObject({ type: "error", status: 400, error: { param: "generate" } });

      send({ type: "response.steer", previous_response_id: "resp_x", input: "hi" });
      expect((await collector.turns(1))[0]).toMatchObject({
        type: "error",
        status: 400,
        error: { param: "type", code: "steering_not_supported" },
      });
      send({ type: "session.update" });
      expect((await collector.turns(1))[0]).toMatchObject({ type: "error", status: 400, error: { param: "type" } });

      send({ type: "response.create", model: "no-such-agent", input: "x" });
      expect((await collector.turns(1))[0]).toMatchObject({
        type: "error",
        status: 404,
        error: { code: "model_not_found" },
      });

      send({ type: "response.create", model: "echo", input: "still serving", generate: true });
      const [response] = finals(await collector.turns(1));
      expect(textOf(response!)).toBe("still serving");
    } finally {
      ws.close();
    }
  });

  it("closes with 1003 on a binary frame and 1009 on an oversize frame", async () => {
    const binary = await rawSocket(`${server.wsUrl}/v1/responses`);
    binary.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await binary.closed).code).toBe(1003);

    const big = await rawSocket(`${server.wsUrl}/v1/responses`);
    big.send({ type: "response.create", model: "echo", input: "x".repeat(MAX_FRAME) });
    expect((await big.closed).code).toBe(1009);
  });

  it("answers a flood of response.create with 429 error events while other clients get answers", async () => {
    const flood = await rawSocket(`${server.wsUrl}/v1/responses`);
    const other = await rawSocket(`${server.wsUrl}/v1/responses`);
    try {
      const frames = 200;
      for (let i = 0; i < frames; i++) {
        flood.send({ type: "response.create", model: "slow", input: "go", store: false, stream_id: `lane-${i % 20}` });
      }
      const floodEnded = flood.collector.turns(frames - 32, 20_000);
      other.send({ type: "response.create", model: "echo", input: "not slowed", store: false });
      const [answer] = finals(await other.collector.turns(1));
      expect(textOf(answer!)).toBe("not slowed");
      const refused = (await floodEnded).filter((e) => e.type === "error");
      expect(refused.length).toBeGreaterThanOrEqual(frames - 32);
      expect(refused[0]).toMatchObject({ status: 429, error: { code: "too_many_requests" } });
    } finally {
      flood.ws.close();
      other.ws.close();
    }
  });

  it("authorizes the handshake like HTTP and answers a plain GET with 426", async () => {
    await expect(rawSocket(`${server.wsUrl}/v1/responses`, null)).rejects.toThrow(/401/);
    await expect(rawSocket(`${server.wsUrl}/v1/responses`, "wrong")).rejects.toThrow(/401/);
    const plain = await fetch(`${server.url}/v1/responses`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(plain.status).toBe(426);
    expect(plain.headers.get("upgrade")).toBe("websocket");
    expect(await plain.json()).toMatchObject({ error: { code: "upgrade_required" } });
  });
});
