import type { TestContext } from "../../context.js";
import { isRefusal } from "../../ws.js";
import { defineRequirements } from "../define.js";
import { ERROR_SCHEMA, expectError, expectStatus, path, validInitiate } from "./client.js";
import { SOCKET } from "./shared.js";

// ── Authentication (only with --token) ────────────────────────────────────────────────────
export const authRequirements = defineRequirements("workflows", [
  {
    id: "WF-AUTH-001",
    level: "MUST",
    kind: "extension",
    needsToken: true,
    section: "Workflows (service doc); Workflows.WorkflowUnauthorized",
    statement:
      "with an API key configured, discovery and initiate_workflow without Authorization are 401 unauthorized with WWW-Authenticate",
    async run(t: TestContext) {
      const get = await t.request("GET", path(t, "discovery"), { anonymous: true, errorSchema: ERROR_SCHEMA });
      expectError(t, get, 401, "unauthorized", "discovery without Authorization");
      t.check(get.headers["www-authenticate"], "401 without a WWW-Authenticate header");
      const post = await t.request("POST", path(t, "initiate_workflow"), {
        anonymous: true,
        json: validInitiate(),
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, post, 401, "unauthorized", "initiate_workflow without Authorization");
    },
  },
  {
    id: "WF-AUTH-002",
    level: "MUST",
    kind: "extension",
    needsToken: true,
    section: "Workflows.WorkflowUnauthorized",
    statement: "a wrong bearer token is 401 (the status only; the envelope is judged with the other errors)",
    async run(t: TestContext) {
      const res = await t.request("GET", path(t, "discovery"), {
        headers: { authorization: `Bearer ${t.target.token}-wrong` },
        errorSchema: ERROR_SCHEMA,
      });
      expectStatus(t, res, 401, "wrong token");
    },
  },
  {
    id: "WF-AUTH-003",
    level: "MUST",
    kind: "extension",
    needsToken: true,
    section: SOCKET,
    statement: "a WebSocket upgrade without Authorization is refused with 401 before the handshake",
    async run(t: TestContext) {
      const ws = await t.websocket(path(t, "ws"), {
        anonymous: true,
        frameSchema: "WorkflowServerFrame",
        errorSchema: ERROR_SCHEMA,
      });
      if (!isRefusal(ws)) t.fail("the upgrade without credentials succeeded");
      expectError(t, ws, 401, "unauthorized", "upgrade without Authorization");
    },
  },
]);
