import { show, type TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import { clientUuid, closeCode, expectFrame, initiateOk, isUuid, sameUuid, startAsk } from "./client.js";
import { discovery, finishAsk, S5, SOCKET } from "./shared.js";

// ── A run ─────────────────────────────────────────────────────────────────────────────────
export const runRequirements = defineRequirements("workflows", [
  {
    id: "WF-RUN-001",
    level: "MUST",
    profiles: ["fastagency"],
    kind: "core",
    section: `DESIGN §7 (ask); ${SOCKET}`,
    statement:
      'the ask fixture runs with raw text answers: workflow_started, text_message "Hello", text_input, multiple_choice (red, green, blue, single), text_message "Hi <name>, you picked <color>", workflow_completed "<name>:<color>"',
    async run(t: TestContext) {
      const run = await startAsk(t);
      t.equal(run.hello.content?.body, "Hello", "text_message body");
      t.equal(run.question.content?.prompt, "What is your name?", "text_input prompt");
      run.ws.send("Ada");
      const choice = await expectFrame(t, run.ws, "multiple_choice");
      t.equal(choice.content?.prompt, "Pick a color", "multiple_choice prompt");
      t.equal(choice.content?.choices, ["red", "green", "blue"], "choices");
      t.equal(choice.content?.single, true, "single");
      run.ws.send("blue");
      t.equal((await expectFrame(t, run.ws, "text_message")).content?.body, "Hi Ada, you picked blue", "greeting");
      t.equal((await expectFrame(t, run.ws, "workflow_completed")).content?.result, "Ada:blue", "result");
    },
  },
  {
    id: "WF-RUN-006",
    level: "MUST",
    kind: "extension",
    section: SOCKET,
    statement: "after workflow_completed the server closes the socket with 1000",
    async run(t: TestContext) {
      const run = await startAsk(t);
      await finishAsk(t, run);
      t.equal(await closeCode(t, run.ws, "close after workflow_completed"), 1000, "close code");
    },
  },
  {
    id: "WF-RUN-007",
    level: "SHOULD",
    profiles: ["fastagency"],
    kind: "core",
    section: `${SOCKET}; RFC 6455 §7`,
    statement:
      "after workflow_completed the server ends the socket with a WebSocket close frame (any code), not by dropping the connection (1006)",
    async run(t: TestContext) {
      const run = await startAsk(t);
      await finishAsk(t, run);
      const code = await closeCode(t, run.ws, "the end of the socket after workflow_completed");
      t.check(code !== 1006, "the connection was dropped without a close frame (1006)");
    },
  },
  {
    id: "WF-RUN-002",
    level: "MUST",
    profiles: ["fastagency"],
    kind: "core",
    section: "Workflows.WorkflowIOMessage",
    statement: "every message of a run carries the run's workflow_uuid and a uuid of its own",
    async run(t: TestContext) {
      const run = await startAsk(t);
      const rest = await finishAsk(t, run);
      const frames = [...run.frames, rest.choice, rest.greeting, rest.completed];
      for (const f of frames) {
        const where = `${f.type} workflow_uuid ${show(f.workflow_uuid)}`;
        t.check(sameUuid(f.workflow_uuid, run.uuid), `${where} is not ${run.uuid}`);
        t.check(isUuid(f.uuid), `${f.type} uuid ${show(f.uuid)} is not a UUID (hex or hyphenated)`);
      }
      const uuids = frames.map((f) => f.uuid);
      t.equal(new Set(uuids).size, uuids.length, `distinct message uuids ${show(uuids)}`);
    },
  },
  {
    id: "WF-RUN-003",
    level: "MUST",
    profiles: ["fastagency"],
    kind: "core",
    section: "Workflows.WorkflowStartedContent",
    statement: "workflow_started carries the workflow's name and its description as listed by discovery",
    async run(t: TestContext) {
      const listed = (await discovery(t)).find((w) => w.name === "ask");
      t.require(listed, "ask is not listed by discovery");
      const run = await startAsk(t);
      t.equal(run.started.content?.name, "ask", "content.name");
      t.equal(run.started.content?.description, listed.description, "content.description");
    },
  },
  {
    id: "WF-RUN-004",
    level: "MUST",
    profiles: ["fastagency"],
    kind: "core",
    section: `${S5}; Workflows.WorkflowInitFrame.workflow_uuid`,
    statement:
      "a client-minted workflow_uuid (FastAgency clients may skip initiate_workflow) starts a run in either spelling (hex or hyphenated); messages carry that UUID",
    async run(t: TestContext) {
      const canonical = clientUuid();
      const spelled = canonical.replace(/-/g, "").toUpperCase();
      const run = await startAsk(t, { name: "ask", workflow_uuid: spelled, user_id: null, params: {} });
      for (const f of run.frames) {
        t.check(
          sameUuid(f.workflow_uuid, canonical),
          `${f.type} workflow_uuid ${show(f.workflow_uuid)} is not ${canonical}`,
        );
      }
    },
  },

  {
    id: "WF-RUN-005",
    level: "MUST",
    kind: "extension",
    section: "Workflows.WorkflowInitFrame.type",
    statement: 'an init frame tagged type: "init" (Switchboard clients) starts the run like an untagged one',
    async run(t: TestContext) {
      const init = await initiateOk(t, "ask");
      const run = await startAsk(t, { type: "init", ...init });
      t.check(sameUuid(run.started.workflow_uuid, init.workflow_uuid), "workflow_started names another run");
    },
  },
]);
