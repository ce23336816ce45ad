/**
 * A real Postgres stopped and started under a running server (every adapter): requests that need
 * the store are answered 503 with `Retry-After` in their protocol's envelope while it is down, one
 * log line says so (not one per request), and the server recovers by itself once it is back.
 */
import { createSwitchboard, type Switchboard, type SwitchboardLogger } from "@switchboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPostgres, startPostgres } from "../scripts/postgres.mjs";
import { allProtocols, call, type OpenStore, openTestStore } from "./hardening.helpers.js";
import { ADAPTERS, startServer, type TestServer } from "./support/index.js";

interface Line {
  level: string;
  fields: Record<string, unknown>;
  message: string | undefined;
}

function capturingLogger(lines: Line[]): SwitchboardLogger {
  const at =
    (level: string) =>
    (first: unknown, second?: unknown): void => {
      if (typeof first === "string") lines.push({ level, fields: {}, message: first });
      else
        lines.push({ level, fields: (first ?? {}) as Record<string, unknown>, message: second as string | undefined });
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

let postgres: RunningPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

describe.each(ADAPTERS)("%s adapter: the store goes away and comes back", (framework) => {
  let server: TestServer;
  let sb: Switchboard;
  let opened: OpenStore;
  const lines: Line[] = [];

  beforeAll(async () => {
    opened = await openTestStore(postgres.url, `outage_${framework}`);
    sb = createSwitchboard({
      protocols: allProtocols(opened.store),
      logger: capturingLogger(lines),
      ready: () => opened.store.ping!(),
    });
    server = await startServer(framework, sb);
  });
  afterAll(async () => {
    await server?.close();
    await sb?.close();
    await opened?.close();
  });

  it("answers 503 with Retry-After in each envelope, logs the outage once, then recovers", async () => {
    const stored = await call(`${server.url}/v1/responses`, { body: { model: "echo", input: "before" } });
    expect(stored.status).toBe(200);
    const history = `${server.url}/agents/echo/outage-${framework}/sessions/default`;
    expect((await call(`${server.url}/agents/echo/outage-${framework}`, { body: { message: "before" } })).status).toBe(
      200,
    );

    await postgres.halt();
    try {
      for (let round = 0; round < 3; round++) {
        const responses = await call(`${server.url}/v1/responses/${stored.body.id}`);
        expect(responses.status, responses.text).toBe(503);
        expect(Number(responses.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(responses.body.error).toMatchObject({ type: "server_error", code: "service_unavailable" });

        const agents = await call(history);
        expect(agents.status, agents.text).toBe(503);
        expect(Number(agents.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(agents.body.error.type).toBe("service_unavailable");

        const prompt = await call(`${server.url}/agents/echo/outage-${framework}`, { body: { message: "during" } });
        expect(prompt.status, prompt.text).toBe(503);

        const workflows = await call(`${server.url}/workflows/initiate_workflow`, { body: { workflow_name: "ask" } });
        expect(workflows.status, workflows.text).toBe(503);
        expect(workflows.body.error.type).toBe("service_unavailable");
        expect(Number(workflows.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      }
      // Routes that need no store still answer.
      expect((await call(`${server.url}/v1/models`)).status).toBe(200);
    } finally {
      await postgres.resume();
    }

    // No restart: the pool reconnects and the same requests succeed again.
    let status = 0;
    for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
      status = (await call(history)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    expect((await call(`${server.url}/v1/responses/${stored.body.id}`)).status).toBe(200);
    const after = await call(`${server.url}/agents/echo/outage-${framework}`, { body: { message: "after" } });
    expect(after.status).toBe(200);

    // The end of the outage is seen by the readiness probe, a moment after requests succeed again.
    const up = () => lines.filter((line) => line.message?.includes("store reachable again"));
    for (let attempt = 0; attempt < 100 && up().length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const down = lines.filter((line) => line.message?.includes("store unreachable"));
    expect(down).toHaveLength(1);
    expect(up()).toHaveLength(1);
    // No stack trace per failed request.
    const errors = lines.filter((line) => line.level === "error");
    expect(errors.length, JSON.stringify(errors)).toBeLessThanOrEqual(1);
  });
});
