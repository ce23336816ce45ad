import { type Span, type SpanOptions, type Tracer, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureAgents } from "../src/fixtures/index.js";
import { CorsPolicy } from "../src/http/cors.js";
import { RateLimiter } from "../src/http/rate-limit.js";
import { agentsProtocol, type CoreRequest, createSwitchboard, Metrics, type SwitchboardLogger } from "../src/index.js";

/** Span names as a registered OpenTelemetry SDK would receive them, ended or not. */
const spans: Array<{ name: string; ended: boolean; attributes: Record<string, unknown> }> = [];

function recordingSpan(name: string, options?: SpanOptions): Span {
  const entry = { name, ended: false, attributes: { ...(options?.attributes ?? {}) } as Record<string, unknown> };
  spans.push(entry);
  const span = {
    setAttribute(key: string, value: unknown) {
      entry.attributes[key] = value;
      return span;
    },
    setAttributes(values: Record<string, unknown>) {
      Object.assign(entry.attributes, values);
      return span;
    },
    setStatus: () => span,
    recordException() {},
    addEvent: () => span,
    addLink: () => span,
    addLinks: () => span,
    updateName: () => span,
    isRecording: () => true,
    spanContext: () => ({ traceId: "0".repeat(32), spanId: "0".repeat(16), traceFlags: 1 }),
    end() {
      entry.ended = true;
    },
  };
  return span as unknown as Span;
}

const tracer = {
  startSpan: (name: string, options?: SpanOptions) => recordingSpan(name, options),
  startActiveSpan(name: string, ...args: unknown[]) {
    const fn = args.at(-1) as (span: Span) => unknown;
    const options = (args.length > 1 ? args[0] : undefined) as SpanOptions | undefined;
    return fn(recordingSpan(name, options));
  },
} as unknown as Tracer;

beforeAll(() => {
  trace.setGlobalTracerProvider({ getTracer: () => tracer });
});
afterAll(() => {
  trace.disable();
});

function request(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  remoteAddress = "203.0.113.7",
): CoreRequest {
  const text = body === undefined ? "" : JSON.stringify(body);
  const all: Record<string, string> = { "content-type": "application/json", ...headers };
  return {
    method,
    path,
    query: new URLSearchParams(),
    header: (name) => all[name.toLowerCase()],
    body: async () => new TextEncoder().encode(text),
    signal: new AbortController().signal,
    remoteAddress,
  };
}

const quiet: SwitchboardLogger = { debug() {}, info() {}, warn() {}, error() {} };

describe("observability", () => {
  it("spans a request, its agent run, each model call and each tool call", async () => {
    const sb = createSwitchboard({ protocols: [agentsProtocol({ agents: fixtureAgents })], logger: quiet });
    try {
      const res = await sb.handle(request("POST", "/agents/tools/t1", { message: "abc" }));
      expect(res?.status).toBe(200);
      const names = spans.map((s) => s.name);
      expect(names).toContain("POST agents");
      expect(names).toContain("agent.run");
      expect(names.filter((n) => n === "model.call").length).toBeGreaterThanOrEqual(2);
      expect(names).toContain("tool.call");
      expect(spans.every((s) => s.ended)).toBe(true);
      expect(spans.find((s) => s.name === "tool.call")?.attributes["gen_ai.tool.name"]).toBe("reverse");
      expect(spans.find((s) => s.name === "POST agents")?.attributes["http.response.status_code"]).toBe(200);
    } finally {
      await sb.close();
    }
  });

  it("counts requests and runs in its own registry", async () => {
    const sb = createSwitchboard({
      protocols: [agentsProtocol({ agents: fixtureAgents })],
      logger: quiet,
      metrics: true,
    });
    try {
      expect(sb.metrics).toBeInstanceOf(Metrics);
      await sb.handle(request("POST", "/agents/echo/m1", { message: "one" }));
      await sb.handle(request("POST", "/agents/nope/m1", { message: "two" }));
      const text = await sb.metrics!.text();
      expect(text).toContain('switchboard_http_requests_total{protocol="agents",method="POST",status="200"} 1');
      expect(text).toContain('switchboard_http_requests_total{protocol="agents",method="POST",status="404"} 1');
      expect(text).toContain('switchboard_runs_total{protocol="agents",outcome="ok"} 1');
      expect(text).toContain("switchboard_dispatch_queue_depth 0");
    } finally {
      await sb.close();
    }
  });

  it("writes one access line per request with the request id", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger: SwitchboardLogger = {
      ...quiet,
      info: (fields: object | string) => {
        if (typeof fields === "object") lines.push(fields as Record<string, unknown>);
      },
    };
    const sb = createSwitchboard({ protocols: [agentsProtocol({ agents: fixtureAgents })], logger });
    try {
      const res = await sb.handle(request("POST", "/agents/echo/a1", { message: "hi" }, { "x-request-id": "abc-1" }));
      expect(res?.headers["x-request-id"]).toBe("abc-1");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        event: "request",
        method: "POST",
        path: "/agents/echo/a1",
        status: 200,
        requestId: "abc-1",
        protocol: "agents",
      });
    } finally {
      await sb.close();
    }
  });
});

describe("rate limiter", () => {
  it("refills at the configured rate and says when to retry", () => {
    const limiter = new RateLimiter({ requestsPerMinute: 2 });
    expect(limiter.take("a", 0)).toEqual({ ok: true });
    expect(limiter.take("a", 0)).toEqual({ ok: true });
    expect(limiter.take("a", 0)).toEqual({ ok: false, retryAfterSeconds: 30 });
    // Another client has its own bucket.
    expect(limiter.take("b", 0)).toEqual({ ok: true });
    expect(limiter.take("a", 30_000)).toEqual({ ok: true });
    expect(limiter.take("a", 30_000)).toMatchObject({ ok: false });
  });

  it("forgets the least recently seen client beyond maxClients", () => {
    const limiter = new RateLimiter({ requestsPerMinute: 1, maxClients: 2 });
    limiter.take("a", 0);
    limiter.take("b", 0);
    limiter.take("c", 0);
    // `a` was forgotten: a full bucket again.
    expect(limiter.take("a", 0)).toEqual({ ok: true });
    expect(limiter.take("c", 0)).toMatchObject({ ok: false });
  });

  it("limits per client address without a key, whatever bearer token is sent", async () => {
    const sb = createSwitchboard({
      protocols: [agentsProtocol({ agents: fixtureAgents })],
      logger: quiet,
      rateLimit: { requestsPerMinute: 1 },
    });
    try {
      expect((await sb.handle(request("POST", "/agents/echo/r", { message: "a" })))?.status).toBe(200);
      const limited = await sb.handle(request("POST", "/agents/echo/r", { message: "b" }));
      expect(limited?.status).toBe(429);
      expect(limited?.headers["retry-after"]).toBe("60");
      // A made-up token is no new bucket; another address is.
      const minted = request("POST", "/agents/echo/r", { message: "c" }, { authorization: "Bearer made-up" });
      expect((await sb.handle(minted))?.status).toBe(429);
      const other = request("POST", "/agents/echo/r", { message: "d" }, {}, "198.51.100.1");
      expect((await sb.handle(other))?.status).toBe(200);
    } finally {
      await sb.close();
    }
  });

  it("limits per API key when the server has one, from any address", async () => {
    const sb = createSwitchboard({
      protocols: [agentsProtocol({ agents: fixtureAgents })],
      logger: quiet,
      apiKey: "k3y",
      rateLimit: { requestsPerMinute: 1 },
    });
    try {
      const key = { authorization: "Bearer k3y" };
      expect((await sb.handle(request("POST", "/agents/echo/k", { message: "a" }, key)))?.status).toBe(200);
      const elsewhere = request("POST", "/agents/echo/k", { message: "b" }, key, "198.51.100.2");
      expect((await sb.handle(elsewhere))?.status).toBe(429);
    } finally {
      await sb.close();
    }
  });
});

describe("CORS policy", () => {
  const policy = new CorsPolicy({ origins: ["https://app.example"] });
  const req = (headers: Record<string, string>): CoreRequest => request("GET", "/v1/models", undefined, headers);

  it("lets the server's own origin and allowed origins upgrade, and programs without Origin", () => {
    expect(policy.upgradeFault(req({ origin: "https://app.example", host: "api.example" }))).toBeUndefined();
    expect(policy.upgradeFault(req({ origin: "https://api.example", host: "api.example:443" }))).toBeUndefined();
    expect(policy.upgradeFault(req({ host: "api.example" }))).toBeUndefined();
    expect(policy.upgradeFault(req({ origin: "https://evil.example", host: "api.example" }))).toMatch(/evil/);
    expect(policy.upgradeFault(req({ origin: "null", host: "api.example" }))).toMatch(/null/);
  });
});
