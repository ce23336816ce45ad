import { describe, expect, it, vi } from "vitest";
import { createSwitchboard } from "../src/app.js";
import { json } from "../src/http/response.js";
import { type CoreRequest, PayloadTooLargeError } from "../src/http/types.js";
import type { AppContext, ProtocolModule } from "../src/protocols/protocol-module.js";
import type { CoreSocket, SocketHandlers, UpgradeDecision } from "../src/ws/types.js";

function request(path: string, headers: Record<string, string> = {}, method = "GET"): CoreRequest {
  const q = path.indexOf("?");
  return {
    method,
    path: q === -1 ? path : path.slice(0, q),
    query: new URLSearchParams(q === -1 ? "" : path.slice(q + 1)),
    header: (name) => headers[name.toLowerCase()],
    body: async () => new Uint8Array(),
    signal: new AbortController().signal,
  };
}

const HANDSHAKE = {
  upgrade: "websocket",
  "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
  "sec-websocket-version": "13",
};

/** A well-formed RFC 6455 upgrade request. */
const handshake = (path: string, headers: Record<string, string> = {}) => request(path, { ...HANDSHAKE, ...headers });

function module(
  name: ProtocolModule["name"],
  prefix: string,
  behaviour: Partial<Pick<ProtocolModule, "handle" | "upgrade" | "close">> = {},
): ProtocolModule {
  return {
    name,
    owns: (path) => path.startsWith(prefix),
    error: (status, code, message) => json(status, { error: { from: name, code, message } }),
    handle: behaviour.handle ?? (async (req) => json(200, { by: name, path: req.path })),
    upgrade: behaviour.upgrade,
    close: behaviour.close,
  };
}

const body = (res: { body?: unknown } | undefined) => JSON.parse(res?.body as string);

const socket = (): CoreSocket & { closed?: number } => {
  const s: CoreSocket & { closed?: number } = {
    send: async () => {},
    close: (code) => {
      s.closed = code;
    },
  };
  return s;
};

describe("createSwitchboard", () => {
  it("routes to the first module that owns the path and returns undefined otherwise", async () => {
    const sb = createSwitchboard({
      protocols: [() => module("responses", "/v1/"), () => module("agents", "/v1/responses/special")],
    });
    expect(body(await sb.handle(request("/v1/responses/special")))).toEqual({
      by: "responses",
      path: "/v1/responses/special",
    });
    expect(await sb.handle(request("/elsewhere"))).toBeUndefined();
    expect(await sb.upgrade(handshake("/elsewhere"))).toBeUndefined();
  });

  it("hands the limits to the factories, with 1 MiB defaults", () => {
    const seen: AppContext[] = [];
    const factory = (ctx: AppContext) => {
      seen.push(ctx);
      return module("agents", "/a");
    };
    const defaults = {
      maxBodyBytes: 1048576,
      maxFrameBytes: 1048576,
      maxQueuedPrompts: 32,
      maxSocketInFlight: 16,
      maxSockets: 10_000,
      socketInitTimeoutMs: 10_000,
    };
    expect(createSwitchboard({ protocols: [factory] }).limits).toEqual(defaults);
    createSwitchboard({ protocols: [factory], limits: { maxBodyBytes: 10 } });
    expect(seen.map((ctx) => ctx.limits)).toEqual([defaults, { ...defaults, maxBodyBytes: 10 }]);
  });

  it("requires the API key on owned paths, in the owning module's envelope", async () => {
    const handle = vi.fn(async () => json(200, {}));
    const sb = createSwitchboard({ protocols: [() => module("agents", "/agents/", { handle })], apiKey: "k3y" });
    for (const authorization of [undefined, "Bearer k3", "Bearer k3yy", "Basic k3y", "Bearer", "k3y"]) {
      const res = await sb.handle(request("/agents/a/1", authorization ? { authorization } : {}));
      expect(res?.status).toBe(401);
      expect(body(res)).toMatchObject({ error: { from: "agents", code: "unauthorized" } });
    }
    expect(handle).not.toHaveBeenCalled();
    expect((await sb.handle(request("/agents/a/1", { authorization: "Bearer k3y" })))?.status).toBe(200);
    expect((await sb.handle(request("/agents/a/1", { authorization: "bearer  k3y" })))?.status).toBe(200);
    // Paths nobody owns stay the framework's business.
    expect(await sb.handle(request("/public"))).toBeUndefined();
  });

  it("does not accept the query token on plain HTTP requests", async () => {
    const sb = createSwitchboard({ protocols: [() => module("agents", "/agents/")], apiKey: "k3y" });
    expect((await sb.handle(request("/agents/a/1?access_token=k3y")))?.status).toBe(401);
  });

  it("maps PayloadTooLargeError to 413 and other exceptions to a logged 500", async () => {
    const log = vi.fn();
    const onError = vi.fn();
    const sb = createSwitchboard({
      logger: { debug() {}, info() {}, warn() {}, error: log },
      onError,
      protocols: [
        () =>
          module("responses", "/v1/", {
            handle: async (req) => {
              if (req.path === "/v1/big") throw new PayloadTooLargeError(5);
              throw new Error("secret detail");
            },
          }),
      ],
    });
    const tooLarge = await sb.handle(request("/v1/big"));
    expect(tooLarge?.status).toBe(413);
    expect(body(tooLarge)).toEqual({
      error: { from: "responses", code: "payload_too_large", message: "request body exceeds 5 bytes" },
    });

    const failed = await sb.handle(request("/v1/other"));
    expect(failed?.status).toBe(500);
    expect(body(failed)).toEqual({
      error: { from: "responses", code: "internal_error", message: "internal server error" },
    });
    expect(log).toHaveBeenCalledOnce();
    expect(log.mock.calls[0]![0].err.message).toBe("secret detail");
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]![1]).toMatchObject({ protocol: "responses", method: "GET", path: "/v1/other" });
  });

  describe("upgrade", () => {
    const accepting = (handlers: Partial<SocketHandlers> = {}): UpgradeDecision => ({
      accept: () => ({ onMessage: () => {}, onClose: () => {}, ...handlers }),
    });

    it("checks the key from the header or ?access_token before asking the module", async () => {
      const upgrade = vi.fn(async () => accepting());
      const sb = createSwitchboard({
        protocols: [() => module("workflows", "/workflows/", { upgrade })],
        apiKey: "k3y",
      });
      const refused = await sb.upgrade(handshake("/workflows/ws"));
      expect(refused && "reject" in refused && refused.reject.status).toBe(401);
      expect(refused && "reject" in refused && body(refused.reject)).toMatchObject({ error: { from: "workflows" } });
      const wrong = await sb.upgrade(handshake("/workflows/ws?access_token=nope"));
      expect(wrong && "reject" in wrong).toBe(true);
      expect(upgrade).not.toHaveBeenCalled();

      expect(await sb.upgrade(handshake("/workflows/ws?access_token=k3y"))).toHaveProperty("accept");
      expect(await sb.upgrade(handshake("/workflows/ws", { authorization: "Bearer k3y" }))).toHaveProperty("accept");
    });

    it("answers a malformed handshake with the module's 400 naming the header, before auth", async () => {
      const upgrade = vi.fn(async () => accepting());
      const sb = createSwitchboard({ protocols: [() => module("agents", "/agents/", { upgrade })], apiKey: "k3y" });
      const cases: Array<[Record<string, string>, string]> = [
        [{ upgrade: "websocket2" }, "Upgrade"],
        [{ "sec-websocket-key": "short" }, "Sec-WebSocket-Key"],
        [{ "sec-websocket-version": "8" }, "Sec-WebSocket-Version"],
      ];
      for (const [headers, named] of cases) {
        const refused = await sb.upgrade(handshake("/agents/a/1", headers));
        if (!refused || !("reject" in refused)) throw new Error("expected a refusal");
        expect(refused.reject.status).toBe(400);
        expect(body(refused.reject).error.message).toContain(named);
      }
      expect(upgrade).not.toHaveBeenCalled();
    });

    it("refuses with the module's 404 when it has no sockets, and its 500 when upgrade throws", async () => {
      const log = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        const sb = createSwitchboard({
          protocols: [
            () => module("responses", "/v1/"),
            () =>
              module("agents", "/agents/", {
                upgrade: async () => {
                  throw new Error("nope");
                },
              }),
          ],
        });
        const none = await sb.upgrade(handshake("/v1/responses"));
        expect(none && "reject" in none && none.reject.status).toBe(404);
        const broken = await sb.upgrade(handshake("/agents/a/1"));
        expect(broken && "reject" in broken && broken.reject.status).toBe(500);
      } finally {
        log.mockRestore();
      }
    });

    it("closes the socket with 1011 when a handler throws or rejects, and keeps delivering otherwise", async () => {
      const log = vi.fn();
      try {
        const received: string[] = [];
        const sb = createSwitchboard({
          logger: { debug() {}, info() {}, warn() {}, error: log },
          protocols: [
            () =>
              module("agents", "/agents/", {
                upgrade: async (req) =>
                  req.path === "/agents/throwing-accept"
                    ? {
                        accept: () => {
                          throw new Error("accept failed");
                        },
                      }
                    : accepting({
                        onMessage: ((data: string) => {
                          if (data === "throw") throw new Error("sync");
                          if (data === "reject") return Promise.reject(new Error("async"));
                          received.push(data);
                        }) as SocketHandlers["onMessage"],
                      }),
              }),
          ],
        });
        const decision = await sb.upgrade(handshake("/agents/a/1"));
        if (!decision || !("accept" in decision)) throw new Error("expected accept");
        const s1 = socket();
        const handlers = decision.accept(s1);
        handlers.onMessage("hello", false);
        expect(received).toEqual(["hello"]);
        handlers.onMessage("throw", false);
        expect(s1.closed).toBe(1011);

        const s2 = socket();
        decision.accept(s2).onMessage("reject", false);
        await vi.waitFor(() => expect(s2.closed).toBe(1011));

        const failing = await sb.upgrade(handshake("/agents/throwing-accept"));
        if (!failing || !("accept" in failing)) throw new Error("expected accept");
        const s3 = socket();
        failing.accept(s3);
        expect(s3.closed).toBe(1011);
        expect(log).toHaveBeenCalledTimes(3);
      } finally {
        log.mockReset();
      }
    });
  });

  it("closes every module", async () => {
    const closed: string[] = [];
    const sb = createSwitchboard({
      protocols: [
        () => module("responses", "/v1/", { close: async () => void closed.push("responses") }),
        () => module("agents", "/agents/"),
        () => module("workflows", "/workflows/", { close: async () => void closed.push("workflows") }),
      ],
    });
    await sb.close();
    expect(closed.sort()).toEqual(["responses", "workflows"]);
  });
});
