import type { TestContext } from "../../context.js";
import { isRefusal } from "../../ws.js";
import { defineRequirements } from "../define.js";
import { ERROR_SCHEMA, expectError, expectStatus, instancePath, SUBPROTOCOL } from "./client.js";
import { CONNECT } from "./shared.js";

// ── Authentication (only with --token) ────────────────────────────────────────────────────
export const authRequirements = defineRequirements("agents", [
  {
    id: "AGENT-AUTH-001",
    level: "MUST",
    kind: "extension",
    needsToken: true,
    section: "Agents (service doc); Agents.AgentUnauthorizedResponse",
    statement:
      "with an API key configured, prompt, history, abort and dispatch without Authorization are 401 unauthorized",
    async run(t: TestContext) {
      const id = t.unique();
      const calls: Array<[string, string, unknown]> = [
        ["POST", instancePath("echo", id), { message: "x" }],
        ["GET", `${instancePath("echo", id)}/sessions/default`, undefined],
        ["POST", `${instancePath("echo", id)}/sessions/default/abort`, undefined],
        ["POST", `${instancePath("echo", id)}/dispatch`, { input: 1 }],
      ];
      for (const [method, path, json] of calls) {
        const res = await t.request(method, path, { anonymous: true, json, errorSchema: ERROR_SCHEMA });
        expectError(t, res, 401, "unauthorized", `${method} ${path} without Authorization`);
      }
    },
  },
  {
    id: "AGENT-AUTH-002",
    level: "MUST",
    kind: "extension",
    needsToken: true,
    section: "Agents.AgentUnauthorizedResponse",
    statement: "a wrong bearer token is 401 (the status only; the envelope is judged with the other errors)",
    async run(t: TestContext) {
      const res = await t.request("POST", instancePath("echo", t.unique()), {
        json: { message: "x" },
        headers: { authorization: `Bearer ${t.target.token}-wrong` },
        errorSchema: ERROR_SCHEMA,
      });
      expectStatus(t, res, 401, "wrong token");
    },
  },
  {
    id: "AGENT-AUTH-003",
    level: "MUST",
    kind: "extension",
    needsToken: true,
    section: CONNECT,
    statement: "a WebSocket upgrade without Authorization is refused with 401 before the handshake",
    async run(t: TestContext) {
      const ws = await t.websocket(instancePath("echo", t.unique()), {
        anonymous: true,
        protocols: [SUBPROTOCOL],
        frameSchema: "AgentServerFrame",
        errorSchema: ERROR_SCHEMA,
      });
      if (!isRefusal(ws)) t.fail("the upgrade without credentials succeeded");
      expectError(t, ws, 401, "unauthorized", "upgrade without Authorization");
    },
  },
]);
