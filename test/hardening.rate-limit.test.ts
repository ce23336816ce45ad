/**
 * Rate limiting on every adapter: a token bucket per API key, else per client address, answering
 * 429 with `Retry-After` in each protocol's envelope, and an error frame on a socket.
 */
import { createSwitchboard, type Switchboard } from "@switchboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConformance } from "../conformance/src/index.js";
import {
  allProtocols,
  call,
  closed,
  collect,
  connect,
  type OpenStore,
  openTestStore,
  until,
} from "./hardening.helpers.js";
import { ADAPTERS, startServer, type TestServer } from "./support/index.js";

const PER_MINUTE = 6;

describe.each(ADAPTERS)("%s adapter: rate limits", (framework) => {
  let server: TestServer;
  let sb: Switchboard;
  let opened: OpenStore;

  beforeAll(async () => {
    opened = await openTestStore();
    sb = createSwitchboard({ protocols: allProtocols(opened.store), rateLimit: { requestsPerMinute: PER_MINUTE } });
    server = await startServer(framework, sb);
  });
  afterAll(async () => {
    await server?.close();
    await sb?.close();
    await opened?.close();
  });

  it("answers 429 with Retry-After in each protocol's envelope once the bucket is empty", async () => {
    // One bucket per client: this test's requests are all from 127.0.0.1, across the protocols.
    const statuses: number[] = [];
    for (let n = 0; n < PER_MINUTE; n++) statuses.push((await call(`${server.url}/v1/models`)).status);
    expect(statuses).toEqual(Array.from({ length: PER_MINUTE }, () => 200));

    const responses = await call(`${server.url}/v1/models`);
    expect(responses.status).toBe(429);
    expect(Number(responses.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(responses.body.error).toMatchObject({ type: "rate_limit_error", code: "rate_limit_exceeded" });

    const agents = await call(`${server.url}/agents/echo/limited`, { body: { message: "hi" } });
    expect(agents.status).toBe(429);
    expect(Number(agents.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(agents.body.error.type).toBe("too_many_requests");

    const workflows = await call(`${server.url}/workflows/discovery`);
    expect(workflows.status).toBe(429);
    expect(Number(workflows.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(workflows.body.error.type).toBe("too_many_requests");

    const upgrade = await connect(`${server.wsUrl}/agents/echo/limited`);
    expect("status" in upgrade && upgrade.status).toBe(429);
  });
});

describe.each(ADAPTERS)("%s adapter: rate limits on a socket", (framework) => {
  it("answers prompt frames over the limit with a too_many_requests error frame", async () => {
    const opened = await openTestStore();
    const sb = createSwitchboard({ protocols: allProtocols(opened.store), rateLimit: { requestsPerMinute: 3 } });
    const server = await startServer(framework, sb);
    try {
      const socket = await connect(`${server.wsUrl}/agents/echo/limited-ws`);
      if (!("ws" in socket)) throw new Error(`refused: ${socket.status}`);
      const frames = collect(socket.ws);
      // The upgrade took one token; two prompts get through, the next ones are refused.
      for (let n = 0; n < 5; n++) socket.ws.send(JSON.stringify({ type: "prompt", message: `m${n}` }));
      await until(() => frames.filter((f) => f.type === "result" || f.type === "error").length >= 5, "5 answers");
      const answers = frames.filter((f) => f.type === "result" || f.type === "error");
      expect(answers.filter((f) => f.type === "result")).toHaveLength(2);
      const refused = answers.filter((f) => f.type === "error");
      expect(refused).toHaveLength(3);
      for (const frame of refused) expect(frame.error.type).toBe("too_many_requests");
      socket.ws.close();
      await closed(socket.ws);
    } finally {
      await server.close();
      await sb.close();
      await opened.close();
    }
  });
});

describe.each(ADAPTERS)("%s adapter: the conformance suite's 429 requirement", (framework) => {
  it("passes RESP-LIMIT-001 against a server whose limit the probe reaches", async () => {
    const opened = await openTestStore();
    const sb = createSwitchboard({ protocols: allProtocols(opened.store), rateLimit: { requestsPerMinute: 20 } });
    const server = await startServer(framework, sb);
    try {
      const report = await runConformance({ url: server.url, filter: ["RESP-LIMIT-001"] });
      expect(report.results.map((r) => [r.id, r.outcome, r.message])).toEqual([["RESP-LIMIT-001", "pass", undefined]]);
    } finally {
      await server.close();
      await sb.close();
      await opened.close();
    }
  });
});
