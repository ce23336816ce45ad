import { show, type TestContext } from "../../context.js";
import { defineRequirements, OVERSIZE_BYTES } from "../define.js";
import { ERROR_SCHEMA, expectError, instancePath, prompt, promptOk, sessionPath } from "./client.js";
import { CONNECT, S4 } from "./shared.js";

// ── Bad input ─────────────────────────────────────────────────────────────────────────────
export const badInputRequirements = defineRequirements("agents", [
  {
    id: "AGENT-ERR-001",
    level: "MUST",
    profiles: ["pyflue"],
    kind: "core",
    section: `${S4}; Agents.AgentErrorType.invalid_json`,
    statement: "a malformed JSON body is 400 invalid_json",
    async run(t: TestContext) {
      const res = await t.request("POST", instancePath("echo", t.unique()), {
        body: '{"message": ',
        headers: { "content-type": "application/json" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 400, "invalid_json", "malformed JSON");
    },
  },
  {
    id: "AGENT-ERR-002",
    level: "MUST",
    kind: "extension",
    section: `${S4}; Agents.AgentError.details`,
    statement: "a missing message is 400 validation_failed with details.param message",
    async run(t: TestContext) {
      expectError(
        t,
        await prompt(t, "echo", t.unique(), { session: "s" }),
        400,
        "validation_failed",
        "no message",
        "message",
      );
    },
  },
  {
    id: "AGENT-ERR-003",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentPromptRequest",
    statement: "a wrongly typed message is 400 validation_failed naming message",
    async run(t: TestContext) {
      expectError(
        t,
        await prompt(t, "echo", t.unique(), { message: 42 }),
        400,
        "validation_failed",
        "message: 42",
        "message",
      );
    },
  },
  {
    id: "AGENT-ERR-004",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentPromptRequest",
    statement: "an unknown field is 400 validation_failed naming it",
    async run(t: TestContext) {
      const res = await prompt(t, "echo", t.unique(), { message: "x", temperature: 1 });
      expectError(t, res, 400, "validation_failed", "unknown field", "temperature");
    },
  },
  {
    id: "AGENT-ERR-005",
    level: "MUST",
    profiles: ["pyflue"],
    kind: "core",
    section: `${S4}; Agents.AgentErrorType.agent_not_found`,
    statement: "a prompt to an unknown agent is 404 agent_not_found",
    async run(t: TestContext) {
      expectError(
        t,
        await prompt(t, t.unique("no-such-agent"), "x", { message: "x" }),
        404,
        "agent_not_found",
        "unknown agent",
      );
    },
  },
  {
    id: "AGENT-ERR-006",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentErrorType.route_not_found",
    statement: "a path under /agents that matches no route is 404 route_not_found",
    async run(t: TestContext) {
      for (const path of ["/agents/echo", `${instancePath("echo", t.unique())}/nowhere/else`]) {
        const res = await t.request("POST", path, { json: { message: "x" }, errorSchema: ERROR_SCHEMA });
        expectError(t, res, 404, "route_not_found", `POST ${path}`);
      }
    },
  },
  {
    id: "AGENT-ERR-007",
    level: "MUST",
    profiles: ["pyflue"],
    kind: "core",
    section: "Agents.AgentErrorType.method_not_allowed",
    statement: "a known route with a wrong method is 405 method_not_allowed with an Allow header",
    async run(t: TestContext) {
      const res = await t.request("DELETE", instancePath("echo", t.unique()), { errorSchema: ERROR_SCHEMA });
      expectError(t, res, 405, "method_not_allowed", "DELETE on the instance route");
      t.check(/\bPOST\b/i.test(res.headers.allow ?? ""), `Allow header ${show(res.headers.allow)} does not list POST`);
    },
  },
  {
    id: "AGENT-ERR-008",
    level: "MUST",
    profiles: ["pyflue"],
    kind: "core",
    section: "Agents.AgentErrorType.unsupported_media_type",
    statement: "a body that is not application/json is 415 unsupported_media_type",
    async run(t: TestContext) {
      const res = await t.request("POST", instancePath("echo", t.unique()), {
        body: "message=hello",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 415, "unsupported_media_type", "form body");
    },
  },
  {
    id: "AGENT-ERR-009",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentPayloadTooLargeResponse",
    statement: "a body over the size limit is 413 payload_too_large, and the server keeps serving",
    async run(t: TestContext) {
      const id = t.unique();
      const res = await t.request("POST", instancePath("echo", id), {
        body: JSON.stringify({ message: "x".repeat(OVERSIZE_BYTES) }),
        headers: { "content-type": "application/json" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 413, "payload_too_large", "oversize body");
      await promptOk(t, "echo", id, { message: "still here" });
    },
  },
  {
    id: "AGENT-ERR-010",
    level: "MUST",
    kind: "extension",
    section: `${CONNECT}; Agents.AgentUpgradeRequiredResponse`,
    statement: "a plain GET on the instance route is 426 upgrade_required with Upgrade: websocket",
    async run(t: TestContext) {
      const res = await t.request("GET", instancePath("echo", t.unique()), { errorSchema: ERROR_SCHEMA });
      expectError(t, res, 426, "upgrade_required", "plain GET");
      t.check(/websocket/i.test(res.headers.upgrade ?? ""), `Upgrade header ${show(res.headers.upgrade)}`);
    },
  },
  {
    id: "AGENT-ERR-011",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentSessionName",
    statement: "an empty or over-long session name is 400 validation_failed naming session",
    async run(t: TestContext) {
      for (const session of ["", "s".repeat(257)]) {
        const res = await prompt(t, "echo", t.unique(), { message: "x", session });
        expectError(t, res, 400, "validation_failed", `session of length ${session.length}`, "session");
      }
    },
  },

  {
    id: "AGENT-ERR-012",
    level: "MUST",
    kind: "extension",
    section: "Agents (path parameters); Agents.AgentSessionName",
    statement:
      "path parameters are validated on every route: an over-long session in the path is 400 validation_failed naming session",
    async run(t: TestContext) {
      const id = t.unique();
      const long = "s".repeat(257);
      const res = await t.request("GET", sessionPath("echo", id, long), { errorSchema: ERROR_SCHEMA });
      expectError(t, res, 400, "validation_failed", "history of a 257-character session", "session");
      const abort = await t.request("POST", `${sessionPath("echo", id, long)}/abort`, { errorSchema: ERROR_SCHEMA });
      expectError(t, abort, 400, "validation_failed", "abort of a 257-character session", "session");
    },
  },
]);
