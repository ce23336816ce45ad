import type { WorkflowInitiateResponse } from "@switchboard/protocol/workflows";
import { show, type TestContext } from "../../context.js";
import { isRefusal } from "../../ws.js";
import { defineRequirements, OVERSIZE_BYTES } from "../define.js";
import {
  answer,
  clientUuid,
  closeCode,
  ERROR_SCHEMA,
  expectError,
  expectErrorFrame,
  expectFrame,
  expectStatus,
  type Frame,
  initiate,
  initiateOk,
  next,
  openSocket,
  path,
  startAsk,
} from "./client.js";

const S5 = "DESIGN §5";
const INITIATE = "Workflows.initiateWorkflow";
const SOCKET = "Workflows.connectWorkflowSocket";

/** Finishes an `ask` run whose text question is open: name, then color. */
async function finishAsk(t: TestContext, run: Awaited<ReturnType<typeof startAsk>>, name = "Ada", color = "green") {
  run.ws.send(answer(run.question, name));
  const choice = await expectFrame(t, run.ws, "multiple_choice");
  run.ws.send(answer(choice, color));
  const greeting = await expectFrame(t, run.ws, "text_message");
  const completed = await expectFrame(t, run.ws, "workflow_completed");
  return { choice, greeting, completed };
}

async function discovery(t: TestContext) {
  const res = await t.request("GET", path(t, "discovery"), { errorSchema: ERROR_SCHEMA });
  expectStatus(t, res, 200, "GET discovery");
  t.check(Array.isArray(res.json), `discovery body is not an array: ${show(res.text.slice(0, 200))}`);
  for (const [i, w] of (res.json as unknown[]).entries()) t.schema("WorkflowInfo", w, `discovery[${i}]`);
  return res.json as { name: string; description: string }[];
}

export const workflowsRequirements = defineRequirements("workflows", [
  // ── HTTP ──────────────────────────────────────────────────────────────────────────────────
  {
    id: "WF-DISC-001",
    level: "MUST",
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
    section: `${S5}; ${INITIATE}`,
    statement:
      "initiate_workflow answers {name, workflow_uuid, user_id, params} with a fresh server-minted workflow_uuid",
    async run(t: TestContext) {
      const mine = clientUuid();
      const res = await initiate(t, { workflow_name: "ask", workflow_uuid: mine, user_id: "user-7", params: {} });
      expectStatus(t, res, 200, "initiate_workflow");
      const body = res.json as WorkflowInitiateResponse;
      t.equal(body.name, "ask", "name");
      t.equal(body.user_id, "user-7", "user_id");
      t.equal(body.params, {}, "params");
      t.check(body.workflow_uuid !== mine, "the server kept the client's workflow_uuid instead of minting one");
      const again = (await initiateOk(t, "ask")).workflow_uuid;
      t.check(again !== body.workflow_uuid, "two initiations got the same workflow_uuid");
    },
  },
  {
    id: "WF-INIT-002",
    level: "MUST",
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
    section: "Workflows.WorkflowInitiateRequest",
    statement: "an unknown member is 400 validation_failed with param naming it",
    async run(t: TestContext) {
      const res = await initiate(t, { workflow_name: "ask", params: {}, colour: "red" });
      expectError(t, res, 400, "validation_failed", "unknown member", "colour");
    },
  },
  {
    id: "WF-INIT-006",
    level: "MUST",
    section: "Workflows.WorkflowInitiateRequest",
    statement: "a wrongly typed or missing member is 400 validation_failed with param naming it",
    async run(t: TestContext) {
      expectError(
        t,
        await initiate(t, { workflow_name: "ask", params: 5 }),
        400,
        "validation_failed",
        "params: 5",
        "params",
      );
      expectError(t, await initiate(t, { params: {} }), 400, "validation_failed", "no workflow_name", "workflow_name");
    },
  },
  {
    id: "WF-INIT-007",
    level: "MUST",
    section: "Workflows.WorkflowUnsupportedMediaType",
    statement: "a body that is not application/json is 415 unsupported_media_type",
    async run(t: TestContext) {
      const res = await t.request("POST", path(t, "initiate_workflow"), {
        body: "workflow_name=ask",
        headers: { "content-type": "text/plain" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 415, "unsupported_media_type", "text/plain body");
    },
  },
  {
    id: "WF-INIT-008",
    level: "MUST",
    section: "Workflows.WorkflowPayloadTooLarge",
    statement: "a body over the size limit is 413 payload_too_large, and the server keeps serving",
    async run(t: TestContext) {
      const res = await t.request("POST", path(t, "initiate_workflow"), {
        body: JSON.stringify({ workflow_name: "ask", params: { pad: "x".repeat(OVERSIZE_BYTES) } }),
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
    section: "Workflows.WorkflowInitiateRequest.user_id",
    statement: "without a user_id (and none derived from the request) the server mints a UUID user_id",
    async run(t: TestContext) {
      const res = await initiate(t, { workflow_name: "ask" });
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
    section: "Workflows.WorkflowErrorDetail",
    statement: "a known route with a wrong method is 405 method_not_allowed",
    async run(t: TestContext) {
      const res = await t.request("POST", path(t, "discovery"), { json: {}, errorSchema: ERROR_SCHEMA });
      expectError(t, res, 405, "method_not_allowed", "POST discovery");
    },
  },

  // ── A run ─────────────────────────────────────────────────────────────────────────────────
  {
    id: "WF-RUN-001",
    level: "MUST",
    section: `DESIGN §7 (ask); ${SOCKET}`,
    statement:
      'the ask fixture runs: workflow_started, text_message "Hello", text_input, multiple_choice (red, green, blue, single), text_message "Hi <name>, you picked <color>", workflow_completed "<name>:<color>", close 1000',
    async run(t: TestContext) {
      const run = await startAsk(t);
      t.equal(run.hello.content?.body, "Hello", "text_message body");
      t.equal(run.question.content?.prompt, "What is your name?", "text_input prompt");
      run.ws.send(answer(run.question, "Ada"));
      const choice = await expectFrame(t, run.ws, "multiple_choice");
      t.equal(choice.content?.prompt, "Pick a color", "multiple_choice prompt");
      t.equal(choice.content?.choices, ["red", "green", "blue"], "choices");
      t.equal(choice.content?.single, true, "single");
      run.ws.send(answer(choice, "blue"));
      t.equal((await expectFrame(t, run.ws, "text_message")).content?.body, "Hi Ada, you picked blue", "greeting");
      t.equal((await expectFrame(t, run.ws, "workflow_completed")).content?.result, "Ada:blue", "result");
      t.equal(await closeCode(t, run.ws, "close after workflow_completed"), 1000, "close code");
    },
  },
  {
    id: "WF-RUN-002",
    level: "MUST",
    section: "Workflows.WorkflowIOMessage",
    statement: "every message of a run carries the run's workflow_uuid and a uuid of its own",
    async run(t: TestContext) {
      const run = await startAsk(t);
      const rest = await finishAsk(t, run);
      const frames = [...run.frames, rest.choice, rest.greeting, rest.completed];
      for (const f of frames) t.equal(f.workflow_uuid, run.uuid, `${f.type} workflow_uuid`);
      const uuids = frames.map((f) => f.uuid);
      t.equal(new Set(uuids).size, uuids.length, `distinct message uuids ${show(uuids)}`);
    },
  },
  {
    id: "WF-RUN-003",
    level: "MUST",
    section: "Workflows.WorkflowStartedContent",
    statement: "workflow_started carries the workflow's name and its description as listed by discovery",
    async run(t: TestContext) {
      const listed = (await discovery(t)).find((w) => w.name === "ask");
      t.check(listed, "ask is not listed by discovery");
      const run = await startAsk(t);
      t.equal(run.started.content?.name, "ask", "content.name");
      t.equal(run.started.content?.description, listed.description, "content.description");
    },
  },
  {
    id: "WF-RUN-004",
    level: "MUST",
    section: `${S5}; Workflows.WorkflowInitFrame.workflow_uuid`,
    statement:
      "a client-minted workflow_uuid (FastAgency clients skip initiate_workflow) starts a run in either spelling; messages carry it lower-case in the client's form (32 hex digits, as FastAgency's)",
    async run(t: TestContext) {
      const hex = clientUuid().replace(/-/g, "");
      const run = await startAsk(t, { name: "ask", workflow_uuid: hex.toUpperCase(), user_id: null, params: {} });
      for (const f of run.frames) t.equal(f.workflow_uuid, hex, `${f.type} workflow_uuid`);
    },
  },

  {
    id: "WF-RUN-005",
    level: "MUST",
    section: "Workflows.WorkflowInitFrame.type",
    statement: 'an init frame tagged type: "init" (Switchboard clients) starts the run like an untagged one',
    async run(t: TestContext) {
      const init = await initiateOk(t, "ask");
      const run = await startAsk(t, { type: "init", ...init });
      t.equal(run.started.workflow_uuid, init.workflow_uuid, "workflow_uuid");
    },
  },

  // ── Answers ───────────────────────────────────────────────────────────────────────────────
  {
    id: "WF-ANSWER-001",
    level: "MUST",
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
    section: `${S5}; Workflows.WorkflowInputResponseFrame`,
    statement: "an input_response answers the question its question_uuid names",
    async run(t: TestContext) {
      const run = await startAsk(t);
      const { completed } = await finishAsk(t, run, "Linus", "red");
      t.equal(completed.content?.result, "Linus:red", "result");
    },
  },
  {
    id: "WF-ANSWER-003",
    level: "MUST",
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
    section: "Workflows.WorkflowInputResponseFrame.msg",
    statement:
      "a text question answered with an array gets error validation_failed, then the question again, and stays open",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send(answer(run.question, ["Ada", "Grace"]));
      await expectErrorFrame(t, run.ws, "validation_failed", "an array for a text question");
      await expectFrame(t, run.ws, "text_input");
      const { completed } = await finishAsk(t, run);
      t.equal(completed.content?.result, "Ada:green", "result");
    },
  },
  {
    id: "WF-CHOICE-001",
    level: "MUST",
    section: `${S5}; Workflows.WorkflowTextAnswer`,
    statement:
      "a raw answer outside the choices gets error invalid_choice, then the question again (a fresh multiple_choice), which stays open",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send(answer(run.question, "Ada"));
      const choice = await expectFrame(t, run.ws, "multiple_choice");
      run.ws.send("purple");
      await expectErrorFrame(t, run.ws, "invalid_choice", "raw answer purple");
      t.equal((await expectFrame(t, run.ws, "multiple_choice")).content, choice.content, "the question asked again");
      run.ws.send("green");
      t.equal((await expectFrame(t, run.ws, "text_message")).content?.body, "Hi Ada, you picked green", "greeting");
    },
  },
  {
    id: "WF-CHOICE-002",
    level: "MUST",
    section: `${S5}; Workflows.WorkflowInputResponseFrame`,
    statement:
      "an input_response outside the choices gets error invalid_choice (an array for a single choice: validation_failed), then the question again, which stays open",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send(answer(run.question, "Ada"));
      const choice = await expectFrame(t, run.ws, "multiple_choice");
      run.ws.send(answer(choice, "purple"));
      await expectErrorFrame(t, run.ws, "invalid_choice", "input_response purple");
      await expectFrame(t, run.ws, "multiple_choice");
      run.ws.send(answer(choice, ["red", "blue"]));
      await expectErrorFrame(t, run.ws, "validation_failed", "an array for a single-choice question");
      await expectFrame(t, run.ws, "multiple_choice");
      run.ws.send(answer(choice, "blue"));
      t.equal((await expectFrame(t, run.ws, "text_message")).content?.body, "Hi Ada, you picked blue", "greeting");
    },
  },
  {
    id: "WF-CHOICE-003",
    level: "MUST",
    section: "Workflows.WorkflowInputResponseFrame.msg",
    statement: "a choice must match exactly: Red is not red",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send(answer(run.question, "Ada"));
      const choice = await expectFrame(t, run.ws, "multiple_choice");
      run.ws.send(answer(choice, "Red"));
      await expectErrorFrame(t, run.ws, "invalid_choice", "input_response Red");
    },
  },

  // ── First frame ───────────────────────────────────────────────────────────────────────────
  {
    id: "WF-FIRST-001",
    level: "MUST",
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
    section: "Workflows.WorkflowClientFrame",
    statement: "a frame over the size limit closes the socket with 1009",
    async run(t: TestContext) {
      const run = await startAsk(t);
      run.ws.send("x".repeat(OVERSIZE_BYTES));
      t.equal((await run.ws.closed(5_000)).code, 1009, "close code");
    },
  },

  // ── Failure ───────────────────────────────────────────────────────────────────────────────
  {
    id: "WF-FAIL-001",
    level: "MUST",
    section: `DESIGN §7 (fail); ${S5}; Workflows.WorkflowError`,
    statement:
      "the fail fixture sends workflow_started, then an error frame, then workflow_completed, then closes 1000 (as FastAgency's runtime ends a failed run)",
    async run(t: TestContext) {
      const init = await initiateOk(t, "fail");
      const ws = await openSocket(t);
      ws.send(init as unknown as Record<string, unknown>);
      await expectFrame(t, ws, "workflow_started");
      await expectFrame(t, ws, "error");
      await expectFrame(t, ws, "workflow_completed");
      t.equal(await closeCode(t, ws, "close after the failure"), 1000, "close code");
    },
  },
  {
    id: "WF-FAIL-002",
    level: "MUST",
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

  // ── Resume ────────────────────────────────────────────────────────────────────────────────
  {
    id: "WF-RESUME-001",
    level: "MUST",
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

  // ── Authentication (only with --token) ────────────────────────────────────────────────────
  {
    id: "WF-AUTH-001",
    level: "MUST",
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
        json: { workflow_name: "ask" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, post, 401, "unauthorized", "initiate_workflow without Authorization");
    },
  },
  {
    id: "WF-AUTH-002",
    level: "MUST",
    needsToken: true,
    section: "Workflows.WorkflowUnauthorized",
    statement: "a wrong bearer token is 401 unauthorized",
    async run(t: TestContext) {
      const res = await t.request("GET", path(t, "discovery"), {
        headers: { authorization: `Bearer ${t.target.token}-wrong` },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 401, "unauthorized", "wrong token");
    },
  },
  {
    id: "WF-AUTH-003",
    level: "MUST",
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
