/**
 * Exposure rules on every adapter: the WebSocket upgrade checks `Origin`, CORS answers from an
 * allow-list, and `switchboard serve` refuses a public bind without a key (unless told so, loudly)
 * and asks for the key on every route, the home page included.
 */

import { createSwitchboard, responsesProtocol, type Switchboard } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allProtocols, call, closed, connect, type OpenStore, openTestStore } from "./hardening.helpers.js";
import { ADAPTERS, startServer, startServerProcess, type TestServer } from "./support/index.js";

const ALLOWED = "http://app.example";
const FOREIGN = "http://evil.example";

describe.each(ADAPTERS)("%s adapter: Origin and CORS", (framework) => {
  let server: TestServer;
  let sb: Switchboard;
  let opened: OpenStore;

  beforeAll(async () => {
    opened = await openTestStore();
    sb = createSwitchboard({ protocols: allProtocols(opened.store), cors: { origins: [ALLOWED] } });
    server = await startServer(framework, sb);
  });
  afterAll(async () => {
    await server?.close();
    await sb?.close();
    await opened?.close();
  });

  it("refuses a WebSocket upgrade from a foreign origin with 403 in the protocol's envelope", async () => {
    for (const [path, type] of [
      ["/agents/echo/o", "forbidden"],
      ["/workflows/ws", "forbidden"],
    ] as const) {
      const refused = await connect(`${server.wsUrl}${path}`, { headers: { origin: FOREIGN } });
      if ("ws" in refused) throw new Error(`${path}: a foreign origin was let in`);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body).error.type).toBe(type);
      expect(JSON.parse(refused.body).error.message).toContain(FOREIGN);
    }
  });

  it("accepts an allowed origin, the server's own origin and a client sending no Origin", async () => {
    for (const headers of [{ origin: ALLOWED }, { origin: server.url }, {}] as Record<string, string>[]) {
      const opened = await connect(`${server.wsUrl}/agents/echo/o`, { headers });
      if (!("ws" in opened)) throw new Error(`refused ${JSON.stringify(headers)}: ${opened.status} ${opened.body}`);
      opened.ws.close();
      await closed(opened.ws);
    }
  });

  it("answers a preflight from an allowed origin with the methods and headers", async () => {
    const answer = await call(`${server.url}/v1/responses`, {
      method: "OPTIONS",
      headers: {
        origin: ALLOWED,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(answer.headers.get("access-control-allow-methods")).toMatch(/POST/);
    expect(answer.headers.get("access-control-allow-headers")?.toLowerCase()).toMatch(/authorization/);
    expect(answer.headers.get("access-control-allow-headers")?.toLowerCase()).toMatch(/content-type/);
    expect(answer.headers.get("vary")?.toLowerCase()).toMatch(/origin/);
  });

  it("refuses a preflight from a foreign origin and gives it no CORS header", async () => {
    const answer = await call(`${server.url}/workflows/initiate_workflow`, {
      method: "OPTIONS",
      headers: { origin: FOREIGN, "access-control-request-method": "POST" },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error.type).toBe("forbidden");
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("marks simple requests readable for allowed origins only", async () => {
    const allowed = await call(`${server.url}/workflows/discovery`, { headers: { origin: ALLOWED } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    const foreign = await call(`${server.url}/workflows/discovery`, { headers: { origin: FOREIGN } });
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    // An error is readable by an allowed origin too, so a browser client can show it.
    const missing = await call(`${server.url}/v1/models/nope`, { headers: { origin: ALLOWED } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("access-control-allow-origin")).toBe(ALLOWED);
  });

  it("without an allow-list lets only the server's own origin upgrade and answers no CORS", async () => {
    const plain = createSwitchboard({ protocols: [responsesProtocol({ agents: fixtureAgents })] });
    const other = await startServer(framework, plain);
    try {
      const simple = await call(`${other.url}/v1/models`, { headers: { origin: ALLOWED } });
      expect(simple.status).toBe(200);
      expect(simple.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await other.close();
      await plain.close();
    }
  });
});

// Each test starts `switchboard serve` as a process (tsx compiles it first): seconds on a busy machine.
const PROCESS_MS = 90_000;

describe.each(ADAPTERS)("%s adapter: switchboard serve exposure", { timeout: PROCESS_MS }, (framework) => {
  it("refuses a public HOST without an API key and says why", async () => {
    const start = startServerProcess(framework, { HOST: "0.0.0.0", SWITCHBOARD_API_KEY: "" }, PROCESS_MS - 10_000);
    const error = await start.then(
      async (server) => {
        await server.close();
        return undefined;
      },
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/exited early \(code 1/);
    expect(error?.message).toMatch(/0\.0\.0\.0/);
    expect(error?.message).toMatch(/SWITCHBOARD_API_KEY/);
    expect(error?.message).toMatch(/--allow-public|SWITCHBOARD_ALLOW_PUBLIC/);
  });

  it("serves a public HOST when allowed explicitly, warning loudly", async () => {
    const server = await startServerProcess(
      framework,
      { HOST: "0.0.0.0", SWITCHBOARD_API_KEY: "", SWITCHBOARD_ALLOW_PUBLIC: "1" },
      PROCESS_MS - 10_000,
    );
    try {
      const port = new URL(server.url).port;
      expect((await call(`http://127.0.0.1:${port}/v1/models`)).status).toBe(200);
      expect(server.output().stderr).toMatch(/WARNING/);
      expect(server.output().stderr).toMatch(/without an API key/);
    } finally {
      await server.close();
    }
  });

  it("with a key, asks for it on every route including / and the health routes stay open", async () => {
    const server = await startServerProcess(framework, { SWITCHBOARD_API_KEY: "sekret" }, PROCESS_MS - 10_000);
    try {
      const home = await call(`${server.url}/`);
      expect(home.status).toBe(401);
      expect(home.headers.get("content-type")).toMatch(/text\/html/);
      expect(home.text).toMatch(/API key/);
      const page = await call(`${server.url}/`, { headers: { authorization: "Bearer sekret" } });
      expect(page.status).toBe(200);
      const viaQuery = await call(`${server.url}/?access_token=sekret`);
      expect(viaQuery.status).toBe(200);
      const unknown = await call(`${server.url}/nope`);
      expect(unknown.status).toBe(401);
      expect((await call(`${server.url}/v1/models`)).status).toBe(401);
      expect((await call(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
