import { show, type TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import { expectFrame, initiateOk, openSocket } from "./client.js";
import { S5 } from "./shared.js";

// ── Failure ───────────────────────────────────────────────────────────────────────────────
export const failureRequirements = defineRequirements("workflows", [
  {
    id: "WF-FAIL-001",
    level: "MUST",
    profiles: ["fastagency"],
    kind: "core",
    section: `DESIGN §7 (fail); ${S5}; Workflows.WorkflowError`,
    statement:
      "the fail fixture sends workflow_started, then an error frame with a non-empty short and long, then workflow_completed",
    async run(t: TestContext) {
      const init = await initiateOk(t, "fail");
      const ws = await openSocket(t);
      ws.send(init as unknown as Record<string, unknown>);
      await expectFrame(t, ws, "workflow_started");
      const error = await expectFrame(t, ws, "error");
      for (const key of ["short", "long"]) {
        const value = error.content?.[key];
        t.check(typeof value === "string" && value.length > 0, `error content.${key} ${show(value)} is not a sentence`);
      }
      await expectFrame(t, ws, "workflow_completed");
    },
  },
  {
    id: "WF-FAIL-002",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowErrorContent",
    statement: "a failed run's error frame has short workflow_failed and a long sentence",
    async run(t: TestContext) {
      const init = await initiateOk(t, "fail");
      const ws = await openSocket(t);
      ws.send(init as unknown as Record<string, unknown>);
      await expectFrame(t, ws, "workflow_started");
      const error = await expectFrame(t, ws, "error");
      t.equal(error.content?.short, "workflow_failed", "content.short");
      t.check(typeof error.content?.long === "string" && error.content.long.length > 0, "content.long is empty");
    },
  },
]);
