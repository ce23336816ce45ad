import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type CoreRequest, PayloadTooLargeError } from "../src/http/types.js";
import { type PreReadBody, toCoreRequest, writeCoreResponse } from "../src/node.js";
import { defaultLogger } from "../src/observability/logger.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** Runs `handler` for one request sent by `send`, and returns what the client received. */
async function roundTrip(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  send: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {},
) {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; headers: IncomingMessage["headers"]; body: string }>((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, method: send.method ?? "GET", path: send.path ?? "/", headers: send.headers },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(send.body);
  });
}

/** Answers with what the core request saw. */
function describeRequest(preRead?: PreReadBody, limit = 64) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const core: CoreRequest = toCoreRequest(req, res, preRead);
    core.body(limit).then(
      (bytes) =>
        writeCoreResponse(res, {
          status: 200,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            method: core.method,
            path: core.path,
            q: core.query.get("q"),
            header: core.header("X-Custom"),
            body: Buffer.from(bytes).toString(),
          }),
        }),
      (error) => writeCoreResponse(res, { status: error instanceof PayloadTooLargeError ? 413 : 500, headers: {} }),
    );
  };
}

describe("toCoreRequest", () => {
  it("exposes method, path, query, headers and the body", async () => {
    const res = await roundTrip(describeRequest(), {
      method: "POST",
      path: "/a/b?q=1&r=2",
      headers: { "x-custom": "v" },
      body: "payload",
    });
    expect(JSON.parse(res.body)).toEqual({ method: "POST", path: "/a/b", q: "1", header: "v", body: "payload" });
    expect(res.headers["content-length"]).toBe(String(Buffer.byteLength(res.body)));
  });

  it("answers from the declared length alone when it is over the limit", async () => {
    // Only 5 of the 1000 declared bytes ever arrive: waiting for the body would hang.
    const res = await roundTrip(describeRequest(undefined, 64), {
      method: "POST",
      headers: { "content-length": "1000" },
      body: "short",
    });
    expect(res.status).toBe(413);
  });

  it("uses a body the framework already read, still holding it to the limit", async () => {
    const asObject = await roundTrip(describeRequest({ parsed: true }), { method: "POST" });
    expect(JSON.parse(asObject.body).body).toBe('{"parsed":true}');
    const asString = await roundTrip(describeRequest("text"), { method: "POST" });
    expect(JSON.parse(asString.body).body).toBe("text");
    const asBuffer = await roundTrip(describeRequest(Buffer.from("bytes")), { method: "POST" });
    expect(JSON.parse(asBuffer.body).body).toBe("bytes");
    expect((await roundTrip(describeRequest("x".repeat(100)), { method: "POST" })).status).toBe(413);
  });

  it("takes the path of an absolute-form request target", async () => {
    const res = await roundTrip(describeRequest(), { path: "http://example.test/abs/path?q=z" });
    expect(JSON.parse(res.body)).toMatchObject({ path: "/abs/path", q: "z" });
  });
});

describe("writeCoreResponse", () => {
  it("sends no body for 204", async () => {
    const res = await roundTrip((_req, res) => writeCoreResponse(res, { status: 204, headers: { "x-a": "b" } }));
    expect(res.status).toBe(204);
    expect(res.headers["x-a"]).toBe("b");
    expect(res.body).toBe("");
  });

  it("destroys the connection when a stream fails after the headers went out", async () => {
    const log = vi.spyOn(defaultLogger(), "error").mockImplementation(() => {});
    try {
      const outcome = await roundTrip((_req, res) =>
        writeCoreResponse(res, {
          status: 200,
          headers: {},
          body: (async function* () {
            yield "partial";
            throw new Error("producer failed");
          })(),
        }),
      ).then(
        () => "completed",
        (error: NodeJS.ErrnoException) => error.code,
      );
      // A truncated chunked body must not look like a complete one.
      expect(outcome).not.toBe("completed");
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});
