import type { TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import {
  answer,
  clientUuid,
  closeCode,
  expectErrorFrame,
  expectFrame,
  type Frame,
  initiateOk,
  next,
  openSocket,
  startAsk,
} from "./client.js";
import { finishAsk, S5 } from "./shared.js";

// ── Resume ────────────────────────────────────────────────────────────────────────────────
export const resumeRequirements = defineRequirements("workflows", [
  {
    id: "WF-RESUME-001",
    level: "MUST",
    kind: "extension",
    section: `${S5}; Workflows.WorkflowResumeFrame`,
    statement:
      "a run outlives its socket: resume with after_uuid replays the missed messages once, and the open question can be answered",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.close();
      await run.ws.closed(5_000);
      const ws = await openSocket(t);
      ws.send({ type: "resume", workflow_uuid: run.uuid, after_uuid: run.hello.uuid as string });
      const replayed = await next(ws, "the replayed question");
      t.equal(replayed, run.question, "replayed message");
      ws.send(answer(run.question, "Ada"));
      const choice = await expectFrame(t, ws, "multiple_choice");
      ws.send(answer(choice, "red"));
      t.equal((await expectFrame(t, ws, "text_message")).content?.body, "Hi Ada, you picked red", "greeting");
      t.equal((await expectFrame(t, ws, "workflow_completed")).content?.result, "Ada:red", "result");
    },
  },
  {
    id: "WF-RESUME-002",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowResumeFrame",
    statement: "resume without after_uuid replays the whole run from workflow_started",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.terminate();
      const ws = await openSocket(t);
      ws.send({ type: "resume", workflow_uuid: run.uuid });
      const replay: Frame[] = [];
      for (let i = 0; i < run.frames.length; i++) replay.push(await next(ws, `replayed message #${i}`));
      t.equal(replay, run.frames, "replayed messages");
    },
  },
  {
    id: "WF-RESUME-003",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowResumeFrame",
    statement: "resume of an unknown workflow_uuid gets error workflow_not_found, then close 1008",
    async run(t: TestContext) {
      const ws = await openSocket(t);
      ws.send({ type: "resume", workflow_uuid: clientUuid() });
      await expectErrorFrame(t, ws, "workflow_not_found", "unknown run");
      t.equal(await closeCode(t, ws, "close after the error"), 1008, "close code");
    },
  },
  {
    id: "WF-RESUME-004",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowResumeFrame",
    statement: "resume of a finished run replays what came after after_uuid and closes 1000",
    async run(t: TestContext) {
      const run = await startAsk(t);
      const { greeting, completed } = await finishAsk(t, run);
      await run.ws.closed(5_000);
      const ws = await openSocket(t);
      ws.send({ type: "resume", workflow_uuid: run.uuid, after_uuid: greeting.uuid as string });
      t.equal(await next(ws, "the replayed workflow_completed"), completed, "replayed message");
      t.equal(await closeCode(t, ws, "close after the replay"), 1000, "close code");
    },
  },
  {
    id: "WF-RESUME-005",
    level: "SHOULD",
    kind: "extension",
    section: "Workflows.WorkflowResumeFrame",
    statement: "resuming while the earlier socket is still open closes the earlier one with 1000 and moves the run",
    async run(t: TestContext) {
      const run = await startAsk(t);
      const ws = await openSocket(t);
      ws.send({ type: "resume", workflow_uuid: run.uuid, after_uuid: run.question.uuid as string });
      t.equal(await closeCode(t, run.ws, "the earlier socket's close"), 1000, "earlier socket close code");
      ws.send(answer(run.question, "Ada"));
      await expectFrame(t, ws, "multiple_choice");
    },
  },
  {
    id: "WF-RESUME-006",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowResumeFrame",
    statement: "resume with an unknown after_uuid gets error validation_failed, then close 1008",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.close();
      const ws = await openSocket(t);
      ws.send({ type: "resume", workflow_uuid: run.uuid, after_uuid: clientUuid() });
      await expectErrorFrame(t, ws, "validation_failed", "unknown after_uuid");
      t.equal(await closeCode(t, ws, "close after the error"), 1008, "close code");
    },
  },

  {
    id: "WF-RESUME-007",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowResumeFrame",
    statement:
      "resume of a run prepared by initiate_workflow but never started gets error validation_failed, then close 1008",
    async run(t: TestContext) {
      const init = await initiateOk(t, "ask");
      const ws = await openSocket(t);
      ws.send({ type: "resume", workflow_uuid: init.workflow_uuid });
      await expectErrorFrame(t, ws, "validation_failed", "resume of a prepared run");
      t.equal(await closeCode(t, ws, "close after the error"), 1008, "close code");
    },
  },
  {
    id: "WF-RESUME-008",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowResumeFrame",
    statement: "resume of a run that failed replays its end (the error, workflow_completed) and closes 1000",
    async run(t: TestContext) {
      const init = await initiateOk(t, "fail");
      const first = await openSocket(t);
      first.send(init as unknown as Record<string, unknown>);
      const started = await expectFrame(t, first, "workflow_started");
      const error = await expectFrame(t, first, "error");
      const completed = await expectFrame(t, first, "workflow_completed");
      await first.closed(5_000);
      const ws = await openSocket(t);
      ws.send({ type: "resume", workflow_uuid: init.workflow_uuid, after_uuid: started.uuid as string });
      t.equal(await next(ws, "the replayed error"), error, "replayed message");
      t.equal(await next(ws, "the replayed workflow_completed"), completed, "replayed message");
      t.equal(await closeCode(t, ws, "close after the replay"), 1000, "close code");
    },
  },

  {
    id: "WF-RESUME-009",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowError; Workflows.WorkflowResumeFrame.after_uuid",
    statement:
      "error frames that answered the client's bad frames are part of the run's history and are replayed on resume",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send({ type: "input_response", question_uuid: clientUuid(), msg: "nobody asked" });
      const error = await expectErrorFrame(t, run.ws, "unknown_question", "unknown question_uuid");
      run.ws.close();
      await run.ws.closed(5_000);
      const ws = await openSocket(t);
      ws.send({ type: "resume", workflow_uuid: run.uuid, after_uuid: run.hello.uuid as string });
      t.equal(
        [await next(ws, "the replayed question"), await next(ws, "the replayed error")],
        [run.question, error],
        "replay",
      );
    },
  },
]);
