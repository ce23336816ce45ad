import type { TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import { ERROR_SCHEMA, expectFrame, initiate, initiateOk, openSocket, path, startAsk } from "./client.js";
import { discovery, finishAsk, INITIATE } from "./shared.js";

/*
 * Schema conformance is judged here, once per payload kind, with every violation listed; the
 * behaviour requirements record violations but do not fail on them.
 */
export const schemaRequirements = defineRequirements("workflows", [
  {
    id: "WF-SCHEMA-001",
    level: "MUST",
    profiles: ["fastagency"],
    kind: "core",
    section: `Workflows.discoverWorkflows; ${INITIATE}`,
    statement: "discovery's entries and initiate_workflow's answer match WorkflowInfo and WorkflowInitiateResponse",
    async run(t: TestContext) {
      await discovery(t);
      await initiateOk(t, "ask", { n: 1 });
      t.conforms(["WorkflowInfo", "WorkflowInitiateResponse"]);
    },
  },
  {
    id: "WF-SCHEMA-002",
    level: "MUST",
    profiles: ["fastagency"],
    kind: "core",
    section: "Workflows.WorkflowServerFrame",
    statement: "every message of a run (the ask and fail fixtures) matches the WorkflowServerFrame schema",
    async run(t: TestContext) {
      await finishAsk(t, await startAsk(t));
      const ws = await openSocket(t);
      ws.send((await initiateOk(t, "fail")) as unknown as Record<string, unknown>);
      await expectFrame(t, ws, "workflow_started");
      await expectFrame(t, ws, "error");
      t.conforms(["WorkflowServerFrame"]);
    },
  },
  {
    id: "WF-SCHEMA-003",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowErrorEnvelope",
    statement:
      "every HTTP error answer (unknown workflow, malformed JSON, unknown route) is JSON in the workflow error envelope",
    async run(t: TestContext) {
      await initiate(t, {
        workflow_name: "no-such-workflow",
        workflow_uuid: crypto.randomUUID(),
        user_id: null,
        params: {},
      });
      await t.request("POST", path(t, "initiate_workflow"), {
        body: "{not json",
        headers: { "content-type": "application/json" },
        errorSchema: ERROR_SCHEMA,
      });
      await t.request("GET", path(t, "no-such-route"), { errorSchema: ERROR_SCHEMA });
      t.conforms([ERROR_SCHEMA]);
    },
  },
]);
