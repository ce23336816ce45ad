import { connect as connectTcp } from "node:net";
import { json, type ProtocolModule, type SwitchboardLogger } from "@switchboard/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { ADAPTERS, startServer, type TestServer } from "./support/index.js";

/** The apps' logger: quiet, and spied on where a test expects an error to be logged. */
const testLogger: SwitchboardLogger = { debug() {}, info() {}, warn() {}, error() {} };

type CloseEvent = { code: number; reason: string };

/** A test-only protocol with WebSocket routes under `/t/…`; it records close events in `closes`. */
const socketModule = (closes: CloseEvent[]) => (): ProtocolModule => {
  const error = (status: number, code: string, message: string) =>
    json(status, { error: { module: "test", code, message } });
  return {
    name: "workflows",
    owns: (path) => path.startsWith("/t/"),
    error,
    handle: async (req) => error(404, "not_found", `no route ${req.path}`),
    async upgrade(req) {
      switch (req.path) {
        case "/t/echo":
          return {
            accept(socket) {
              void socket.send(`hello ${req.query.get("name") ?? "anonymous"}`);
              return {
                onMessage(data, isBinary) {
                  if (isBinary) {
                    const bytes = data as Uint8Array;
                    void socket.send(`binary ${bytes.byteLength} ${[...bytes].join(",")}`);
                  } else if (data === "close") {
                    socket.close(1000, "bye");
                  } else if (data === "throw") {
                    throw new Error("handler failed");
                  } else {
                    void socket.send(`echo ${data as string}`);
                  }
                },
                onClose(code, reason) {
                  closes.push({ code, reason });
                },
              };
            },
          };
        case "/t/forbidden":
          return { reject: error(403, "forbidden", "not for you") };
        case "/t/broken":
          throw new Error("upgrade failed");
        default:
          return { reject: error(404, "not_found", `no socket at ${req.path}`) };
      }
    },
  };
};

/** A module without WebSocket support: the app refuses upgrades on its paths with its 404. */
const httpOnlyModule = (): ProtocolModule => ({
  name: "responses",
  owns: (path) => path.startsWith("/http/"),
  error: (status, code, message) => json(status, { error: { module: "http-only", code, message } }),
  handle: async () => json(200, {}),
});

interface Refusal {
  status: number;
  body: string;
}

/** Resolves with the HTTP response of a refused handshake, or rejects if the socket opened. */
function refusal(url: string, headers?: Record<string, string>): Promise<Refusal> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on("open", () => {
      ws.close();
      reject(new Error("the handshake succeeded"));
    });
    ws.on("unexpected-response", (_req, res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on("error", () => {});
  });
}

/** An open socket plus a queue of the text frames it received. */
async function connect(url: string, headers?: Record<string, string>) {
  const ws = new WebSocket(url, { headers });
  const frames: string[] = [];
  const waiters: (() => void)[] = [];
  ws.on("message", (data, isBinary) => {
    frames.push(isBinary ? "<binary>" : data.toString());
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const next = async (): Promise<string> => {
    while (frames.length === 0) await new Promise<void>((resolve) => waiters.push(resolve));
    return frames.shift()!;
  };
  return { ws, next, closed };
}

describe.each(ADAPTERS)("%s adapter: WebSocket", (framework) => {
  let server: TestServer;
  let closes: CloseEvent[];
  afterEach(async () => {
    await server?.close();
  });

  const start = async (options: { apiKey?: string; maxFrameBytes?: number } = {}) => {
    closes = [];
    server = await startServer(framework, {
      protocols: [socketModule(closes), httpOnlyModule],
      apiKey: options.apiKey,
      limits: { maxFrameBytes: options.maxFrameBytes },
      logger: testLogger,
    });
    return server.wsUrl;
  };

  it("accepts and echoes text frames, and reports the close to the module", async () => {
    const url = await start();
    const { ws, next, closed } = await connect(`${url}/t/echo?name=ada`);
    expect(await next()).toBe("hello ada");
    ws.send("one");
    ws.send("two");
    expect(await next()).toBe("echo one");
    expect(await next()).toBe("echo two");
    ws.close(4000, "done");
    expect(await closed).toEqual({ code: 4000, reason: "done" });
    await vi.waitFor(() => expect(closes).toEqual([{ code: 4000, reason: "done" }]));
  });

  it("lets the module close the socket with a code and reason", async () => {
    const url = await start();
    const { ws, next, closed } = await connect(`${url}/t/echo`);
    await next();
    ws.send("close");
    expect(await closed).toEqual({ code: 1000, reason: "bye" });
  });

  it("passes binary frames through as bytes with the binary flag", async () => {
    const url = await start();
    const { ws, next } = await connect(`${url}/t/echo`);
    await next();
    ws.send(Uint8Array.from([1, 2, 255]));
    expect(await next()).toBe("binary 3 1,2,255");
    ws.send("text after binary");
    expect(await next()).toBe("echo text after binary");
    ws.close();
  });

  it("refuses before the handshake with the module's status and envelope", async () => {
    const url = await start();
    const forbidden = await refusal(`${url}/t/forbidden`);
    expect(forbidden.status).toBe(403);
    expect(JSON.parse(forbidden.body)).toMatchObject({ error: { module: "test", code: "forbidden" } });

    const httpOnly = await refusal(`${url}/http/anything`);
    expect(httpOnly.status).toBe(404);
    expect(JSON.parse(httpOnly.body)).toMatchObject({ error: { module: "http-only", code: "not_found" } });

    expect((await refusal(`${url}/nobody-owns-this`)).status).toBe(404);
  });

  it("answers a malformed handshake with the module's 400 envelope, not the ws library's HTML", async () => {
    const url = new URL(await start());
    const raw = (headers: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connectTcp(Number(url.port), url.hostname, () =>
          socket.write(`GET /t/echo HTTP/1.1\r\nHost: ${url.host}\r\nConnection: Upgrade\r\n${headers}\r\n`),
        );
        let text = "";
        socket.on("data", (chunk) => {
          text += chunk;
        });
        socket.on("end", () => resolve(text));
        socket.on("error", reject);
      });
    const badKey = await raw("Upgrade: websocket\r\nSec-WebSocket-Key: nope\r\nSec-WebSocket-Version: 13\r\n");
    expect(badKey).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(badKey.slice(badKey.indexOf("\r\n\r\n") + 4))).toMatchObject({
      error: { module: "test", code: "validation_failed" },
    });
    const badVersion = await raw(
      "Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n",
    );
    expect(badVersion).toMatch(/^HTTP\/1\.1 400/);
    expect(badVersion).toContain("Sec-WebSocket-Version");
  });

  it("requires the API key on upgrades, as a header or as ?access_token", async () => {
    const url = await start({ apiKey: "s3cret" });
    const missing = await refusal(`${url}/t/echo`);
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ error: { module: "test", code: "unauthorized" } });
    expect((await refusal(`${url}/t/echo?access_token=wrong`)).status).toBe(401);

    const viaHeader = await connect(`${url}/t/echo`, { authorization: "Bearer s3cret" });
    expect(await viaHeader.next()).toBe("hello anonymous");
    viaHeader.ws.close();
    const viaQuery = await connect(`${url}/t/echo?access_token=s3cret&name=q`);
    expect(await viaQuery.next()).toBe("hello q");
    viaQuery.ws.close();
  });

  it("closes with 1009 when a frame exceeds the limit", async () => {
    const url = await start({ maxFrameBytes: 1024 });
    const { ws, next, closed } = await connect(`${url}/t/echo`);
    await next();
    ws.send("z".repeat(1000));
    expect(await next()).toBe(`echo ${"z".repeat(1000)}`);
    ws.send("z".repeat(2048));
    expect((await closed).code).toBe(1009);
  });

  it("survives failing handlers: a throwing upgrade is a 500, a throwing message handler closes 1011", async () => {
    const url = await start();
    const log = vi.spyOn(testLogger, "error");
    try {
      const broken = await refusal(`${url}/t/broken`);
      expect(broken.status).toBe(500);
      expect(JSON.parse(broken.body)).toMatchObject({ error: { code: "internal_error" } });

      const { ws, next, closed } = await connect(`${url}/t/echo`);
      await next();
      ws.send("throw");
      expect((await closed).code).toBe(1011);
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
    const again = await connect(`${url}/t/echo`);
    expect(await again.next()).toBe("hello anonymous");
    again.ws.close();
  });
});
