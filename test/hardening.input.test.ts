/**
 * Hostile input on every adapter, on the embedded store and on a real Postgres: a NUL or another
 * control character in an id, a session name or any body string, and oversize ids, are a 400 in
 * the protocol's envelope before any store is touched; no driver text reaches the client; and the
 * server goes on serving.
 */
import { randomUUID } from "node:crypto";
import { createSwitchboard } from "@switchboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPostgres, startPostgres } from "../scripts/postgres.mjs";
import {
  type Answer,
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

const LONG = "x".repeat(300);
/** Words that only a database driver would say; none may reach a client. */
const DRIVER_TEXT = /invalid byte sequence|unsupported Unicode|0x00|SQLSTATE|syntax error|violates|pglite|postgres/i;

let postgres: RunningPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

function expectResponsesError(answer: Answer, param?: string) {
  expect(answer.status, answer.text).toBe(400);
  expect(answer.body.error.type).toBe("invalid_request_error");
  if (param !== undefined) expect(answer.body.error.param).toBe(param);
  expect(answer.text).not.toMatch(DRIVER_TEXT);
}

function expectAgentsError(answer: Answer, param?: string) {
  expect(answer.status, answer.text).toBe(400);
  expect(answer.body.error.type).toBe("validation_failed");
  if (param !== undefined) expect(answer.body.error.details?.param).toBe(param);
  expect(answer.text).not.toMatch(DRIVER_TEXT);
}

function expectWorkflowsError(answer: Answer) {
  expect(answer.status, answer.text).toBe(400);
  expect(answer.body.error.type).toBe("validation_failed");
  expect(answer.text).not.toMatch(DRIVER_TEXT);
}

describe.each(ADAPTERS.flatMap((adapter) => [[adapter, "pglite"] as const, [adapter, "postgres"] as const]))(
  "%s adapter on %s: hostile ids and strings",
  (framework, kind) => {
    let server: TestServer;
    let opened: OpenStore;

    beforeAll(async () => {
      opened = await openTestStore(
        kind === "postgres" ? postgres.url : undefined,
        `hardening_${framework}_${Date.now() % 100000}`,
      );
      server = await startServer(framework, { protocols: allProtocols(opened.store) });
    });
    afterAll(async () => {
      await server?.close();
      await opened?.close();
    });

    it("responses: NUL and oversize ids in paths and bodies are 400s", async () => {
      expectResponsesError(await call(`${server.url}/v1/responses/a%00b`));
      expectResponsesError(await call(`${server.url}/v1/responses/a%01b/input_items`));
      expectResponsesError(await call(`${server.url}/v1/responses/${LONG}`));
      expectResponsesError(await call(`${server.url}/v1/responses/a%00b`, { method: "DELETE" }));
      expectResponsesError(await call(`${server.url}/v1/responses/a%00b/cancel`, { method: "POST" }));
      expectResponsesError(
        await call(`${server.url}/v1/responses`, {
          body: { model: "echo", input: "hi", previous_response_id: "\u0000" },
        }),
        "previous_response_id",
      );
      expectResponsesError(
        await call(`${server.url}/v1/responses`, { body: { model: "echo", input: "nul \u0000 inside" } }),
        "input",
      );
      expectResponsesError(
        await call(`${server.url}/v1/responses`, {
          body: { model: "echo", input: "hi", metadata: { "k\u0000": "v" } },
        }),
      );
      // Still serving, and the store still works.
      const ok = await call(`${server.url}/v1/responses`, { body: { model: "echo", input: "still here" } });
      expect(ok.status).toBe(200);
      expect((await call(`${server.url}/v1/responses/${ok.body.id}`)).status).toBe(200);
    });

    it("agents: NUL, control characters and oversize ids in paths and bodies are 400s", async () => {
      expectAgentsError(await call(`${server.url}/agents/echo/a%00b`, { body: { message: "hi" } }));
      expectAgentsError(await call(`${server.url}/agents/echo/a%1Fb`, { body: { message: "hi" } }));
      expectAgentsError(await call(`${server.url}/agents/echo/${LONG}`, { body: { message: "hi" } }));
      expectAgentsError(await call(`${server.url}/agents/ec%00ho/i`, { body: { message: "hi" } }));
      expectAgentsError(
        await call(`${server.url}/agents/echo/i-${framework}`, { body: { message: "hi", session: "\u0000" } }),
        "session",
      );
      expectAgentsError(
        await call(`${server.url}/agents/echo/i-${framework}`, { body: { message: "hi", session: "a\u0007b" } }),
        "session",
      );
      expectAgentsError(
        await call(`${server.url}/agents/echo/i-${framework}`, { body: { message: "a\u0000b" } }),
        "message",
      );
      expectAgentsError(await call(`${server.url}/agents/echo/i-${framework}/sessions/%00`));
      expectAgentsError(await call(`${server.url}/agents/echo/i-${framework}/sessions/${LONG}`));
      expectAgentsError(await call(`${server.url}/agents/echo/i-${framework}/sessions/s%00/abort`, { method: "POST" }));
      expectAgentsError(
        await call(`${server.url}/agents/echo/i-${framework}/dispatch`, {
          body: { dispatchId: "\u0000", input: "x" },
        }),
      );
      expectAgentsError(
        await call(`${server.url}/agents/echo/i-${framework}/dispatch`, { body: { input: { "\u0000": 1 } } }),
      );
      expectAgentsError(
        await call(`${server.url}/agents/echo/i-${framework}/dispatch`, { body: { input: "x", session: LONG } }),
        "session",
      );
      const ok = await call(`${server.url}/agents/echo/i-${framework}`, { body: { message: "still here" } });
      expect(ok.status).toBe(200);
      expect(ok.body.result.text).toBe("still here");
    });

    it("agents WebSocket: NUL in a frame is an error frame and the socket keeps serving", async () => {
      const opened = await connect(`${server.wsUrl}/agents/echo/ws-${framework}`);
      if (!("ws" in opened)) throw new Error(`handshake refused: ${opened.status}`);
      const { ws } = opened;
      const frames = collect(ws);
      ws.send(JSON.stringify({ type: "prompt", message: "hi", session: "\u0000" }));
      ws.send(JSON.stringify({ type: "prompt", message: "a\u0000b" }));
      ws.send(JSON.stringify({ type: "prompt", message: "after" }));
      await until(() => frames.filter((f) => f.type === "error" || f.type === "result").length >= 3, "three answers");
      const answers = frames.filter((f) => f.type === "error" || f.type === "result");
      expect(answers[0]).toMatchObject({ type: "error", error: { type: "validation_failed" } });
      expect(answers[1]).toMatchObject({ type: "error", error: { type: "validation_failed" } });
      expect(answers[2]).toMatchObject({ type: "result", result: { text: "after" } });
      for (const frame of answers) expect(JSON.stringify(frame)).not.toMatch(DRIVER_TEXT);
      ws.close();
      await closed(ws);
    });

    it("workflows: NUL in a body or an init frame is refused before a run starts", async () => {
      expectWorkflowsError(
        await call(`${server.url}/workflows/initiate_workflow`, { body: { workflow_name: "ask\u0000" } }),
      );
      expectWorkflowsError(
        await call(`${server.url}/workflows/initiate_workflow`, {
          body: { workflow_name: "ask", params: { "\u0000": "x" } },
        }),
      );
      const opened = await connect(`${server.wsUrl}/workflows/ws`);
      if (!("ws" in opened)) throw new Error(`handshake refused: ${opened.status}`);
      const { ws } = opened;
      const frames = collect(ws);
      ws.send(JSON.stringify({ name: "ask", workflow_uuid: randomUUID(), user_id: "u\u0000" }));
      await until(() => frames.some((f) => f.type === "error"), "an error frame");
      const error = frames.find((f) => f.type === "error");
      expect(error.content.short).toBe("validation_failed");
      expect(JSON.stringify(error)).not.toMatch(DRIVER_TEXT);
      expect(frames.some((f) => f.type === "workflow_started")).toBe(false);
      ws.close();
      await closed(ws);
      const discovery = await call(`${server.url}/workflows/discovery`);
      expect(discovery.status).toBe(200);
    });
  },
);

describe("a store failure's own text never reaches a client", () => {
  it("is logged, and the client gets only a generic error", async () => {
    const opened = await openTestStore();
    const sb = createSwitchboard({ protocols: allProtocols(opened.store) });
    const server = await startServer("hono", sb);
    try {
      // The store is closed under the server: every store call now fails with the driver's words.
      await opened.store.close();
      const answer = await call(`${server.url}/agents/echo/broken`, { body: { message: "hi" } });
      expect(answer.status).toBeGreaterThanOrEqual(500);
      expect(answer.text).not.toMatch(DRIVER_TEXT);
      expect(answer.text).not.toMatch(/closed/i);
    } finally {
      await server.close();
      await sb.close();
      await opened.close().catch(() => {});
    }
  });
});
