import type { WorkflowInitiateResponse } from "@switchboard/protocol/workflows";
import { show, type TestContext } from "../../context.js";
import { defineRequirements, OVERSIZE_BYTES } from "../define.js";
import {
  clientUuid,
  ERROR_SCHEMA,
  expectError,
  expectStatus,
  initiate,
  initiateOk,
  path,
  sameUuid,
  startAsk,
  validInitiate,
} from "./client.js";
import { discovery, INITIATE, S5, SOCKET } from "./shared.js";

// ── HTTP ──────────────────────────────────────────────────────────────────────────────────
export const httpRequirements = defineRequirements("workflows", [
  {
    id: "WF-DISC-001",
    level: "MUST",
    profiles: ["fastagency"],
    kind: "core",
    section: `${S5}; Workflows.discoverWorkflows`,
    statement:
      "GET {prefix}/discovery lists the workflows as [{name, description}], including the fixtures ask and fail",
    async run(t: TestContext) {
      const names = (await discovery(t)).map((w) => w.name);
      for (const n of ["ask", "fail"]) t.check(names.includes(n), `workflow ${n} missing from ${show(names)}`);
    },
  },
  {
    id: "WF-INIT-001",
    level: "MUST",
    profiles: ["fastagency"],
    kind: "core",
    section: `${S5}; ${INITIATE}`,
    statement:
      "initiate_workflow answers {name, workflow_uuid, user_id, params} with a fresh server-minted workflow_uuid (user_id: a string or null)",
    async run(t: TestContext) {
      const mine = clientUuid();
      const res = await initiate(t, { workflow_name: "ask", workflow_uuid: mine, user_id: null, params: {} });
      expectStatus(t, res, 200, "initiate_workflow");
      const body = res.json as WorkflowInitiateResponse;
      t.equal(body.name, "ask", "name");
      t.check(body.user_id === null || typeof body.user_id === "string", `user_id ${show(body.user_id)}`);
      t.equal(body.params, {}, "params");
      t.check(!sameUuid(body.workflow_uuid, mine), "the server kept the client's workflow_uuid instead of minting one");
      const again = (await initiateOk(t, "ask")).workflow_uuid;
      t.check(again !== body.workflow_uuid, "two initiations got the same workflow_uuid");
    },
  },
  {
    id: "WF-INIT-010",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowInitiateRequest.user_id",
    // FastAgency takes the user id from its own authentication hook and ignores the body's.
    statement: "a user_id sent in the body comes back as given when the server derives none from the request",
    async run(t: TestContext) {
      const res = await initiate(t, { ...validInitiate(), user_id: "user-7" });
      expectStatus(t, res, 200, "initiate_workflow");
      t.equal((res.json as WorkflowInitiateResponse).user_id, "user-7", "user_id");
    },
  },
  {
    id: "WF-INIT-011",
    level: "MUST",
    profiles: ["fastagency"],
    kind: "core",
    section: "Workflows.WorkflowInitiateRequest",
    statement:
      "an initiate_workflow body without workflow_name, or with params that is not an object, is refused with a 4xx",
    async run(t: TestContext) {
      const { workflow_name: _, ...nameless } = validInitiate();
      for (const [what, body] of [
        ["no workflow_name", nameless],
        ["params: 5", { ...validInitiate(), params: 5 }],
      ] as const) {
        const res = await initiate(t, body);
        t.check(
          res.status >= 400 && res.status < 500,
          `${what}: expected a 4xx, got ${res.status} ${show(res.text.slice(0, 200))}`,
        );
      }
    },
  },
  {
    id: "WF-INIT-002",
    level: "MUST",
    profiles: ["fastagency"],
    kind: "core",
    section: `${INITIATE}; Workflows.WorkflowStartedContent`,
    statement: "params are returned as given and reach the run's workflow_started",
    async run(t: TestContext) {
      const params = { topic: "colors", limit: 3, nested: { ok: true } };
      const init = await initiateOk(t, "ask", params);
      t.equal(init.params, params, "initiate_workflow params");
      const run = await startAsk(t, init as unknown as Record<string, unknown>);
      t.equal(run.started.content?.params, params, "workflow_started params");
    },
  },
  {
    id: "WF-INIT-003",
    level: "MUST",
    kind: "extension",
    section: `${S5}; ${INITIATE}`,
    statement: "an unknown workflow_name is 404 workflow_not_found",
    async run(t: TestContext) {
      const res = await initiate(t, {
        workflow_name: t.unique("no-such-workflow"),
        workflow_uuid: clientUuid(),
        user_id: null,
        params: {},
      });
      expectError(t, res, 404, "workflow_not_found", "unknown workflow");
    },
  },
  {
    id: "WF-INIT-004",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowBadRequest",
    statement: "a malformed JSON body is 400 invalid_json",
    async run(t: TestContext) {
      const res = await t.request("POST", path(t, "initiate_workflow"), {
        body: '{"workflow_name": ',
        headers: { "content-type": "application/json" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 400, "invalid_json", "malformed JSON");
    },
  },
  {
    id: "WF-INIT-005",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowInitiateRequest",
    statement: "an unknown member is 400 validation_failed with param naming it",
    async run(t: TestContext) {
      const res = await initiate(t, { ...validInitiate(), colour: "red" });
      expectError(t, res, 400, "validation_failed", "unknown member", "colour");
    },
  },
  {
    id: "WF-INIT-006",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowInitiateRequest",
    statement: "a wrongly typed or missing member is 400 validation_failed with param naming it",
    async run(t: TestContext) {
      expectError(
        t,
        await initiate(t, { ...validInitiate(), params: 5 }),
        400,
        "validation_failed",
        "params: 5",
        "params",
      );
      const { workflow_name: _, ...nameless } = validInitiate();
      expectError(t, await initiate(t, nameless), 400, "validation_failed", "no workflow_name", "workflow_name");
    },
  },
  {
    id: "WF-INIT-007",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowUnsupportedMediaType",
    statement: "a body that is not application/json is 415 unsupported_media_type",
    async run(t: TestContext) {
      const res = await t.request("POST", path(t, "initiate_workflow"), {
        // The valid JSON body, sent as text/plain: only the media type is wrong.
        body: JSON.stringify(validInitiate()),
        headers: { "content-type": "text/plain" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 415, "unsupported_media_type", "text/plain body");
    },
  },
  {
    id: "WF-INIT-008",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowPayloadTooLarge",
    statement: "a body over the size limit is 413 payload_too_large, and the server keeps serving",
    async run(t: TestContext) {
      const res = await t.request("POST", path(t, "initiate_workflow"), {
        body: JSON.stringify({ ...validInitiate(), params: { pad: "x".repeat(OVERSIZE_BYTES) } }),
        headers: { "content-type": "application/json" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 413, "payload_too_large", "oversize body");
      await initiateOk(t, "ask");
    },
  },
  {
    id: "WF-INIT-009",
    level: "SHOULD",
    kind: "extension",
    section: "Workflows.WorkflowInitiateRequest.user_id",
    statement: "without a user_id (and none derived from the request) the server mints a UUID user_id",
    async run(t: TestContext) {
      const { user_id: _, ...anonymous } = validInitiate();
      const res = await initiate(t, anonymous);
      expectStatus(t, res, 200, "initiate_workflow without user_id");
      const userId = (res.json as WorkflowInitiateResponse).user_id;
      t.check(
        typeof userId === "string" &&
          /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(userId),
        `user_id ${show(userId)} is not a UUID`,
      );
    },
  },
  {
    id: "WF-HTTP-001",
    level: "MUST",
    kind: "extension",
    section: `${SOCKET}; Workflows.WorkflowUpgradeRequired`,
    statement: "a plain GET on {prefix}/ws is 426 upgrade_required with Upgrade: websocket",
    async run(t: TestContext) {
      const res = await t.request("GET", path(t, "ws"), { errorSchema: ERROR_SCHEMA });
      expectError(t, res, 426, "upgrade_required", "plain GET on ws");
      t.check(/websocket/i.test(res.headers.upgrade ?? ""), `Upgrade header ${show(res.headers.upgrade)}`);
    },
  },
  {
    id: "WF-HTTP-002",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowErrorDetail",
    statement: "a path under the prefix that matches no route is 404 route_not_found in the error envelope",
    async run(t: TestContext) {
      const res = await t.request("GET", path(t, t.unique("nowhere")), { errorSchema: ERROR_SCHEMA });
      expectError(t, res, 404, "route_not_found", "unknown route");
    },
  },
  {
    id: "WF-HTTP-003",
    level: "SHOULD",
    kind: "extension",
    section: "Workflows.WorkflowErrorDetail",
    statement: "a known route with a wrong method is 405 method_not_allowed",
    async run(t: TestContext) {
      const res = await t.request("POST", path(t, "discovery"), { json: {}, errorSchema: ERROR_SCHEMA });
      expectError(t, res, 405, "method_not_allowed", "POST discovery");
    },
  },
]);
