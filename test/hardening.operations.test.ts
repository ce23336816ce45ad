/**
 * Operations on every adapter, through the real `switchboard serve`: one JSON access line per
 * request, `/healthz` and `/readyz`, and Prometheus metrics that move with the traffic.
 */
import { describe, expect, it } from "vitest";
import { call } from "./hardening.helpers.js";
import { ADAPTERS, startServerProcess } from "./support/index.js";

const PROCESS_MS = 90_000;

function metric(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    if (wanted.every((pair) => line.includes(pair))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return 0;
}

describe.each(ADAPTERS)("%s adapter: logs, probes and metrics", { timeout: PROCESS_MS }, (framework) => {
  it("writes one JSON access line per request, answers the probes and counts requests", async () => {
    const server = await startServerProcess(framework, { SWITCHBOARD_LOG_LEVEL: "info" }, PROCESS_MS - 10_000);
    try {
      expect(await call(`${server.url}/healthz`)).toMatchObject({ status: 200, body: { status: "ok" } });
      expect(await call(`${server.url}/readyz`)).toMatchObject({ status: 200, body: { status: "ready" } });

      const before = (await call(`${server.url}/metrics`)).text;
      const labels = { protocol: "responses", method: "GET", status: "200" };
      const models = await call(`${server.url}/v1/models`, { headers: { "x-request-id": "trace-me-1" } });
      expect(models.status).toBe(200);
      expect(models.headers.get("x-request-id")).toBe("trace-me-1");
      const prompt = await call(`${server.url}/agents/echo/ops-${framework}`, { body: { message: "hello there" } });
      expect(prompt.status).toBe(200);
      const generated = prompt.headers.get("x-request-id");
      expect(generated).toMatch(/^[0-9a-f-]{36}$/);
      expect((await call(`${server.url}/v1/models/nope`)).status).toBe(404);

      const metrics = await call(`${server.url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get("content-type")).toMatch(/text\/plain/);
      expect(metric(metrics.text, "switchboard_http_requests_total", labels)).toBe(
        metric(before, "switchboard_http_requests_total", labels) + 1,
      );
      expect(
        metric(metrics.text, "switchboard_http_requests_total", { protocol: "agents", method: "POST", status: "200" }),
      ).toBeGreaterThanOrEqual(1);
      expect(metrics.text).toContain("switchboard_http_request_duration_seconds_bucket");
      expect(metrics.text).toContain("switchboard_open_sockets");
      expect(metrics.text).toContain("switchboard_runs_total");
      expect(metrics.text).toContain("switchboard_dispatch_queue_depth");

      // Access lines are JSON on stderr, one per request, with the fields operators filter on.
      let lines: Array<Record<string, unknown>> = [];
      for (let attempt = 0; attempt < 50; attempt++) {
        lines = server
          .output()
          .stderr.split("\n")
          .filter((line) => line.startsWith("{"))
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((line) => line.event === "request");
        if (lines.some((line) => line.requestId === generated)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const traced = lines.filter((line) => line.requestId === "trace-me-1");
      expect(traced).toHaveLength(1);
      expect(traced[0]).toMatchObject({ method: "GET", path: "/v1/models", status: 200, protocol: "responses" });
      expect(typeof traced[0]!.durationMs).toBe("number");
      expect(traced[0]!.level).toBe(30);
      const agentLine = lines.find((line) => line.requestId === generated);
      expect(agentLine).toMatchObject({ method: "POST", path: `/agents/echo/ops-${framework}`, status: 200 });
      expect(lines.find((line) => line.path === "/v1/models/nope")).toMatchObject({ status: 404 });
    } finally {
      await server.close();
    }
  });
});
