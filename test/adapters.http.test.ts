import { request as httpRequest, type IncomingMessage } from "node:http";
import { json, type ProtocolModule, type SwitchboardLogger, sse, sseFrame } from "@switchboard/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readJson } from "../packages/core/src/http/read-json.js";
import { SERVER_KINDS, startServer, type TestServer } from "./support/index.js";

/** The apps' logger: quiet, and spied on where a test expects an error to be logged. */
const testLogger: SwitchboardLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Observations of the test module's stream producers, reset before each test. */
let probe: { produced: number; aborted: boolean; stopped: boolean; gate: Gate };

interface Gate {
  promise: Promise<void>;
  open(): void;
}

function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

const CHUNK = "x".repeat(16 * 1024);
const BIG_CHUNKS = 4096; // 64 MiB in total, far beyond what socket buffers hold

/** A test-only protocol owning `/t/…`, with an envelope marked so tests can tell it apart. */
const testModule = (): ProtocolModule => {
  const error = (status: number, code: string, message: string) =>
    json(status, { error: { module: "test", code, message } });
  return {
    name: "agents",
    owns: (path) => path === "/t" || path.startsWith("/t/"),
    error,
    async handle(req) {
      switch (`${req.method} ${req.path}`) {
        case "GET /t/hello":
          return json(200, { hello: req.query.get("name") ?? "world" });
        case "POST /t/echo": {
          const body = await readJson(req, 1024 * 1024);
          return body.ok ? json(200, { received: body.value }) : error(400, body.reason, body.message);
        }
        case "POST /t/limited": {
          const body = await readJson(req, 1024);
          return body.ok ? json(200, { received: body.value }) : error(400, body.reason, body.message);
        }
        case "GET /t/throw":
          throw new Error("boom");
        case "GET /t/gated":
          return sse(
            (async function* () {
              yield sseFrame({ event: "first", data: { n: 1 } });
              await probe.gate.promise;
              yield sseFrame({ event: "second", data: { n: 2 } });
            })(),
          );
        case "GET /t/hang": {
          const signal = req.signal;
          return sse(
            (async function* () {
              try {
                yield sseFrame({ data: "started" });
                await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
                probe.aborted = signal.aborted;
              } finally {
                probe.stopped = true;
              }
            })(),
          );
        }
        case "GET /t/ticker":
          // Ignores the signal on purpose: only the adapter calling return() can stop it.
          return sse(
            (async function* () {
              try {
                for (let i = 0; ; i++) {
                  yield sseFrame({ data: String(i) });
                  await new Promise((resolve) => setTimeout(resolve, 10));
                }
              } finally {
                probe.stopped = true;
              }
            })(),
          );
        case "GET /t/big":
          return {
            status: 200,
            headers: { "content-type": "text/plain" },
            body: (async function* () {
              for (let i = 0; i < BIG_CHUNKS; i++) {
                probe.produced++;
                yield CHUNK;
              }
            })(),
          };
        default:
          return error(404, "not_found", `no route ${req.method} ${req.path}`);
      }
    },
  };
};

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string, seen = ""): Promise<string> {
  const decoder = new TextDecoder();
  let text = seen;
  while (!text.includes(needle)) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`stream ended before ${JSON.stringify(needle)}; got ${JSON.stringify(text)}`);
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

beforeEach(() => {
  probe = { produced: 0, aborted: false, stopped: false, gate: gate() };
});

describe.each(SERVER_KINDS)("%s adapter: HTTP", (framework) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  const start = async (options: { apiKey?: string; maxBodyBytes?: number } = {}) => {
    server = await startServer(
      framework,
      {
        protocols: [testModule],
        apiKey: options.apiKey,
        limits: { maxBodyBytes: options.maxBodyBytes },
        logger: testLogger,
      },
      { frameworkRoute: "/framework" },
    );
    return server.url;
  };

  it("routes owned paths to the module and leaves the rest to the framework", async () => {
    const url = await start();
    const owned = await fetch(`${url}/t/hello?name=ada`);
    expect(owned.status).toBe(200);
    expect(owned.headers.get("content-type")).toBe("application/json");
    expect(await owned.json()).toEqual({ hello: "ada" });

    const moduleMiss = await fetch(`${url}/t/missing`);
    expect(moduleMiss.status).toBe(404);
    expect(await moduleMiss.json()).toMatchObject({ error: { module: "test", code: "not_found" } });

    const next = await fetch(`${url}/framework`);
    expect(next.status).toBe(200);
    expect(await next.text()).toBe("framework");

    const unknown = await fetch(`${url}/nobody-owns-this`);
    expect(unknown.status).toBe(404);
    await unknown.arrayBuffer();
  });

  it("round-trips a JSON body, including a chunked one", async () => {
    const url = await start();
    const payload = { text: "héllo", list: [1, 2, 3], nested: { ok: true } };
    const res = await fetch(`${url}/t/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: payload });

    const bytes = new TextEncoder().encode(JSON.stringify(payload));
    const chunked = await fetch(`${url}/t/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(bytes.slice(0, 5));
          controller.enqueue(bytes.slice(5));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(200);
    expect(await chunked.json()).toEqual({ received: payload });
  });

  it("reports bad JSON and a wrong media type through the module", async () => {
    const url = await start();
    const bad = await fetch(`${url}/t/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_json" } });
    const text = await fetch(`${url}/t/echo`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "{}",
    });
    expect(text.status).toBe(400);
    expect(await text.json()).toMatchObject({ error: { code: "unsupported_media_type" } });
    // An unparsable Content-Type reaches the module too, instead of a framework-made 415.
    const garbage = await fetch(`${url}/t/echo`, {
      method: "POST",
      headers: { "content-type": "garbage" },
      body: "{}",
    });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ error: { module: "test", code: "unsupported_media_type" } });
    const unowned = await fetch(`${url}/nobody-owns-this`, {
      method: "POST",
      headers: { "content-type": "garbage" },
      body: "{}",
    });
    expect(unowned.status).toBe(404);
    await unowned.arrayBuffer();
  });

  it("answers 413 in the module's envelope past the body limit and keeps serving", async () => {
    const url = await start({ maxBodyBytes: 1024 });
    const big = JSON.stringify({ text: "y".repeat(4096) });
    const declared = await fetch(`${url}/t/limited`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { module: "test", code: "payload_too_large" } });

    const bytes = new TextEncoder().encode(big);
    const chunked = await fetch(`${url}/t/limited`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 512) controller.enqueue(bytes.slice(i, i + 512));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toMatchObject({ error: { code: "payload_too_large" } });

    const after = await fetch(`${url}/t/hello`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ hello: "world" });
  });

  it("requires the API key on owned routes only", async () => {
    const url = await start({ apiKey: "s3cret" });
    const missing = await fetch(`${url}/t/hello`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { module: "test", code: "unauthorized" } });
    const wrong = await fetch(`${url}/t/hello`, { headers: { authorization: "Bearer s3cres" } });
    expect(wrong.status).toBe(401);
    await wrong.arrayBuffer();
    const right = await fetch(`${url}/t/hello`, { headers: { authorization: "Bearer s3cret" } });
    expect(right.status).toBe(200);
    await right.arrayBuffer();
    const framework = await fetch(`${url}/framework`);
    expect(framework.status).toBe(200);
    await framework.arrayBuffer();
  });

  it("turns an exception in a module into its 500 envelope and logs it", async () => {
    const url = await start();
    const log = vi.spyOn(testLogger, "error");
    try {
      const res = await fetch(`${url}/t/throw`);
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ error: { module: "test", code: "internal_error" } });
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
    expect((await fetch(`${url}/t/hello`)).status).toBe(200);
  });

  it("streams SSE frames as they are produced", async () => {
    const url = await start();
    const res = await fetch(`${url}/t/gated`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const reader = res.body!.getReader();
    // The second frame waits for the gate, which opens only after the first frame arrived.
    const first = await readUntil(reader, "\n\n");
    expect(first).toBe('event: first\ndata: {"n":1}\n\n');
    probe.gate.open();
    const rest = await readUntil(reader, "second");
    expect(rest).toContain('event: second\ndata: {"n":2}\n\n');
    expect((await reader.read()).done).toBe(true);
  });

  it("aborts the request signal and stops the stream when the client disconnects", async () => {
    const url = await start();
    const client = new AbortController();
    const res = await fetch(`${url}/t/hang`, { signal: client.signal });
    await readUntil(res.body!.getReader(), "started");
    client.abort();
    await vi.waitFor(() => expect(probe.stopped).toBe(true), { timeout: 5000 });
    expect(probe.aborted).toBe(true);
  });

  it("calls return() on a stream that ignores the signal once the client is gone", async () => {
    const url = await start();
    const client = new AbortController();
    const res = await fetch(`${url}/t/ticker`, { signal: client.signal });
    await readUntil(res.body!.getReader(), "data: 2");
    client.abort();
    await vi.waitFor(() => expect(probe.stopped).toBe(true), { timeout: 5000 });
  });

  it("applies backpressure: a paused reader stalls the producer", async () => {
    const url = await start();
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      httpRequest(`${url}/t/big`, resolve).on("error", reject).end(),
    );
    res.pause();
    // Wait until production stops: the socket buffers are full and nothing is read.
    let last = -1;
    await vi.waitFor(
      async () => {
        const now = probe.produced;
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (now !== probe.produced || now === last || now === 0) {
          last = now;
          throw new Error("still producing");
        }
      },
      { timeout: 10_000, interval: 0 },
    );
    const stalledAt = probe.produced;
    expect(stalledAt).toBeGreaterThan(0);
    expect(stalledAt).toBeLessThan(BIG_CHUNKS / 2);

    let received = 0;
    res.on("data", (chunk: Buffer) => {
      received += chunk.length;
    });
    res.resume();
    await new Promise((resolve) => res.on("end", resolve));
    expect(received).toBe(BIG_CHUNKS * CHUNK.length);
    expect(probe.produced).toBe(BIG_CHUNKS);
  });
});
