import { show, type TestContext } from "../../context.js";
import { defineRequirements, OVERSIZE_BYTES } from "../define.js";
import { clientUuid, closeCode, expectErrorFrame, initiateOk, openSocket, startAsk } from "./client.js";

// ── First frame ───────────────────────────────────────────────────────────────────────────
export const firstFrameRequirements = defineRequirements("workflows", [
  {
    id: "WF-FIRST-001",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowInitFrame",
    statement: "an init frame naming an unknown workflow gets error workflow_not_found, then close 1008",
    async run(t: TestContext) {
      const ws = await openSocket(t);
      ws.send({ name: t.unique("no-such-workflow"), workflow_uuid: clientUuid(), user_id: null, params: {} });
      await expectErrorFrame(t, ws, "workflow_not_found", "unknown workflow");
      t.equal(await closeCode(t, ws, "close after the error"), 1008, "close code");
    },
  },
  {
    id: "WF-FIRST-002",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowInitFrame",
    statement:
      "an init frame reusing the workflow_uuid of a started run gets error workflow_uuid_in_use, then close 1008",
    async run(t: TestContext) {
      const run = await startAsk(t);
      const ws = await openSocket(t);
      ws.send({ name: "ask", workflow_uuid: run.uuid, user_id: null, params: {} });
      await expectErrorFrame(t, ws, "workflow_uuid_in_use", "reused workflow_uuid");
      t.equal(await closeCode(t, ws, "close after the error"), 1008, "close code");
    },
  },
  {
    id: "WF-FIRST-003",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowInitFrame",
    statement: "a first frame that is not JSON gets an error frame (invalid_json), then close 1008",
    async run(t: TestContext) {
      const ws = await openSocket(t);
      ws.send("{not json");
      const error = await expectErrorFrame(t, ws, "invalid_json", "non-JSON first frame");
      t.equal(error.workflow_uuid, "", "workflow_uuid of an error about a frame that named no run");
      t.equal(await closeCode(t, ws, "close after the error"), 1008, "close code");
    },
  },
  {
    id: "WF-FIRST-004",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowInitFrame",
    statement: "a first frame breaking the init schema (unknown member) gets error validation_failed, then close 1008",
    async run(t: TestContext) {
      const ws = await openSocket(t);
      ws.send({ name: "ask", workflow_uuid: clientUuid(), user_id: null, params: {}, colour: "red" });
      const error = await expectErrorFrame(t, ws, "validation_failed", "unknown member in the init frame");
      t.check(
        String(error.content?.long ?? "").includes("colour"),
        `content.long ${show(error.content?.long)} does not name colour`,
      );
      t.equal(await closeCode(t, ws, "close after the error"), 1008, "close code");
    },
  },
  {
    id: "WF-FIRST-005",
    level: "SHOULD",
    kind: "extension",
    section: "Workflows.WorkflowInitFrame",
    statement:
      "a workflow_uuid prepared by initiate_workflow used with another name gets validation_failed, then close 1008",
    async run(t: TestContext) {
      const init = await initiateOk(t, "ask");
      const ws = await openSocket(t);
      ws.send({ ...init, name: "fail" });
      await expectErrorFrame(t, ws, "validation_failed", "prepared uuid with another name");
      t.equal(await closeCode(t, ws, "close after the error"), 1008, "close code");
    },
  },
  {
    id: "WF-FRAME-001",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowClientFrame",
    statement: "a binary frame closes the socket with 1003",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.sendBinary(new Uint8Array([1, 2, 3]));
      t.equal((await run.ws.closed(5_000)).code, 1003, "close code");
    },
  },
  {
    id: "WF-FRAME-002",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowClientFrame",
    statement: "a frame over the size limit closes the socket with 1009",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send("x".repeat(OVERSIZE_BYTES));
      t.equal((await run.ws.closed(5_000)).code, 1009, "close code");
    },
  },
]);
