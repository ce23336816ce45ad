import type { TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import { answer, clientUuid, expectErrorFrame, expectFrame, expectReask, startAsk } from "./client.js";
import { finishAsk, S5 } from "./shared.js";

// ── Answers ───────────────────────────────────────────────────────────────────────────────
export const answersRequirements = defineRequirements("workflows", [
  {
    id: "WF-ANSWER-001",
    level: "MUST",
    profiles: ["fastagency"],
    kind: "core",
    section: `${S5}; Workflows.WorkflowTextAnswer`,
    statement: "a raw text frame (FastAgency) answers the oldest open question",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send("Grace");
      await expectFrame(t, run.ws, "multiple_choice");
      run.ws.send("red");
      t.equal((await expectFrame(t, run.ws, "text_message")).content?.body, "Hi Grace, you picked red", "greeting");
      t.equal((await expectFrame(t, run.ws, "workflow_completed")).content?.result, "Grace:red", "result");
    },
  },
  {
    id: "WF-ANSWER-002",
    level: "MUST",
    kind: "extension",
    section: `${S5}; Workflows.WorkflowInputResponseFrame`,
    statement: "an input_response answers the question its question_uuid names",
    async run(t: TestContext) {
      const run = await startAsk(t);
      const { completed } = await finishAsk(t, run, "Linus", "red", true);
      t.equal(completed.content?.result, "Linus:red", "result");
    },
  },
  {
    id: "WF-ANSWER-003",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowInputResponseFrame",
    statement: "an unknown question_uuid gets error unknown_question; the socket and the question stay open",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send({ type: "input_response", question_uuid: clientUuid(), msg: "nobody asked" });
      await expectErrorFrame(t, run.ws, "unknown_question", "unknown question_uuid");
      const { completed } = await finishAsk(t, run);
      t.equal(completed.content?.result, "Ada:green", "result");
    },
  },
  {
    id: "WF-ANSWER-004",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowClientFrame",
    statement:
      "a structured frame breaking the schema after init gets error validation_failed and the socket stays open",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send({ type: "input_response", msg: "no question_uuid" });
      await expectErrorFrame(t, run.ws, "validation_failed", "input_response without question_uuid");
      run.ws.send({ type: "dance" });
      await expectErrorFrame(t, run.ws, "validation_failed", "unknown frame type");
      const { completed } = await finishAsk(t, run);
      t.equal(completed.content?.result, "Ada:green", "result");
    },
  },
  {
    id: "WF-ANSWER-005",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowInputResponseFrame",
    statement:
      "repeating the same answer to an answered question is silently accepted; a different answer to it gets unknown_question",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send(answer(run.question, "Ada"));
      await expectFrame(t, run.ws, "multiple_choice");
      run.ws.send(answer(run.question, "Ada"));
      run.ws.send(answer(run.question, "Bob"));
      // Had the repeat been refused, its error would arrive first.
      await expectErrorFrame(t, run.ws, "unknown_question", "a different answer to an answered question");
    },
  },
  {
    id: "WF-ANSWER-006",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowInitFrame; Workflows.WorkflowTextAnswer",
    statement: "after the first frame, a JSON object without a string type (an init frame again) is a raw text answer",
    async run(t: TestContext) {
      const run = await startAsk(t);
      const text = JSON.stringify({ name: "ask", workflow_uuid: run.uuid, params: {} });
      run.ws.send(text);
      await expectFrame(t, run.ws, "multiple_choice");
      run.ws.send("red");
      t.equal((await expectFrame(t, run.ws, "text_message")).content?.body, `Hi ${text}, you picked red`, "greeting");
    },
  },
  {
    id: "WF-ANSWER-007",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowInputResponseFrame.msg",
    statement: "a text question answered with an array gets error validation_failed and stays open",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send(answer(run.question, ["Ada", "Grace"]));
      await expectErrorFrame(t, run.ws, "validation_failed", "an array for a text question");
      const { completed } = await finishAsk(t, run);
      t.equal(completed.content?.result, "Ada:green", "result");
    },
  },
  {
    id: "WF-CHOICE-001",
    level: "MUST",
    profiles: ["fastagency"],
    kind: "core",
    section: `${S5}; Workflows.WorkflowTextAnswer`,
    statement: "a raw answer outside the choices gets error invalid_choice, then the question is asked again",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send("Ada");
      await expectFrame(t, run.ws, "multiple_choice");
      run.ws.send("purple");
      await expectReask(t, run.ws, "raw answer purple");
      run.ws.send("green");
      t.equal((await expectFrame(t, run.ws, "text_message")).content?.body, "Hi Ada, you picked green", "greeting");
    },
  },
  {
    id: "WF-CHOICE-002",
    level: "MUST",
    kind: "extension",
    section: `${S5}; Workflows.WorkflowInputResponseFrame`,
    statement:
      "an input_response outside the choices gets error invalid_choice and the question asked again; an array for a single choice gets validation_failed and the question stays open",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send(answer(run.question, "Ada"));
      const first = await expectFrame(t, run.ws, "multiple_choice");
      run.ws.send(answer(first, "purple"));
      const choice = await expectReask(t, run.ws, "input_response purple");
      run.ws.send(answer(choice, ["red", "blue"]));
      await expectErrorFrame(t, run.ws, "validation_failed", "an array for a single-choice question");
      run.ws.send(answer(choice, "blue"));
      t.equal((await expectFrame(t, run.ws, "text_message")).content?.body, "Hi Ada, you picked blue", "greeting");
    },
  },
  {
    id: "WF-CHOICE-003",
    level: "MUST",
    profiles: ["fastagency"],
    kind: "core",
    section: "Workflows.WorkflowInputResponseFrame.msg",
    statement: "a choice must match exactly: Red is not red (it is refused and the question asked again)",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send("Ada");
      await expectFrame(t, run.ws, "multiple_choice");
      run.ws.send("Red");
      await expectReask(t, run.ws, "raw answer Red");
    },
  },
]);
