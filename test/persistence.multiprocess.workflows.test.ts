// Two serve processes on one Postgres, workflows: a run relayed from the process running it, taken over, answered and finished after that process is killed.
import type { Database } from "@switchboard/store-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningPostgres } from "../scripts/postgres.mjs";
import {
  eventually,
  type Frame,
  type ServeProcess,
  serveProcess,
  startAsk,
  WorkflowSocket,
} from "./persistence.helpers.js";
import { stopTwoProcesses, twoProcesses } from "./persistence.multiprocess.helpers.js";

let server: RunningPostgres;
let db: Database;
let a: ServeProcess;
let b: ServeProcess;

beforeAll(async () => {
  ({ server, db, a, b } = await twoProcesses());
}, 120_000);

afterAll(() => stopTwoProcesses({ server, db, a, b }));

/** The messages of an `ask` run answered to its end, as stored. */
const ASK_HISTORY = [
  "workflow_started",
  "text_message",
  "text_input",
  "multiple_choice",
  "text_message",
  "workflow_completed",
];

/** A run's stored messages, in order: each one's type and uuid. */
function storedMessages(workflowUuid: string) {
  return db.query<{ type: string; uuid: string }>(
    `SELECT body ->> 'type' AS type, body ->> 'uuid' AS uuid FROM switchboard.workflow_messages
     WHERE workflow_uuid = $1 ORDER BY position`,
    [workflowUuid],
  );
}

/** A run's status and result as stored. */
async function runOf(workflowUuid: string) {
  const [run] = await db.query<{ status: string; result: string }>(
    "SELECT status, result FROM switchboard.workflow_runs WHERE workflow_uuid = $1",
    [workflowUuid],
  );
  return run;
}

/**
 * A process of its own (the tests kill it) running an `ask` run that has asked its first
 * question, and a client that resumed the run on B, which relays it.
 */
async function relayedFromDoomed() {
  const doomed = await serveProcess({ DATABASE_URL: server.url }, [], "express");
  const { workflowUuid, socket: onDoomed, name } = await startAsk(doomed.url);
  const onB = await WorkflowSocket.open(b.url, { type: "resume", workflow_uuid: workflowUuid, after_uuid: name.uuid });
  // One client per run: the first one is closed as replaced.
  expect(await onDoomed.waitClosed()).toBe(1000);
  return { doomed, workflowUuid, name, onB };
}

/** Who executes a workflow run: the `owner` its process recorded when it claimed the run. */
async function holderOf(workflowUuid: string): Promise<string | undefined> {
  const [row] = await db.query<{ owner: string }>(
    "SELECT owner FROM switchboard.workflow_runs WHERE workflow_uuid = $1",
    [workflowUuid],
  );
  return row?.owner;
}

// Servers start in beforeAll; on a busy machine a test's round trips through two processes take a while.
describe("two processes on one Postgres", { timeout: 60_000 }, () => {
  it("relays, on one process, a workflow running on the other: replay, live messages, answers, errors", async () => {
    const { workflowUuid, socket: onA, started, hello, name } = await startAsk(a.url);
    // The error a client connected to the executing process gets, for comparison.
    onA.send({ type: "input_response", question_uuid: name.uuid, msg: ["Ada"] });
    const localError = await onA.next("error");
    expect(localError.content.short).toBe("validation_failed");

    const onB = await WorkflowSocket.open(b.url, {
      type: "resume",
      workflow_uuid: workflowUuid,
      after_uuid: started.uuid,
    });
    expect(await onB.next("text_message")).toEqual(hello);
    expect(await onB.next("text_input")).toEqual(name);
    expect(await onB.next("error")).toEqual(localError);
    // One client per run: the one on A is closed as a replaced connection on one process is.
    expect(await onA.waitClosed()).toBe(1000);
    expect(onA.closeReason).toBe("resumed on another connection");

    onB.send({ type: "input_response", question_uuid: name.uuid, msg: ["Ada"] });
    const remoteError = await onB.next("error");
    expect(remoteError.content).toEqual(localError.content);
    onB.send({ type: "input_response", question_uuid: name.uuid, msg: "Ada" });
    const choice = await onB.next("multiple_choice");
    onB.send("purple");
    expect((await onB.next("error")).content).toEqual({
      short: "invalid_choice",
      long: 'answer: "purple" is not one of the choices "red", "green", "blue"',
    });
    expect((await onB.next("multiple_choice")).content).toEqual(choice.content);
    onB.send({ type: "input_response", question_uuid: choice.uuid, msg: "blue" });
    expect((await onB.next("text_message")).content.body).toBe("Hi Ada, you picked blue");
    expect((await onB.next("workflow_completed")).content.result).toBe("Ada:blue");
    expect(await onB.waitClosed()).toBe(1000);

    // Everything B's client got is the run's stored history after its cursor, each message once.
    const rows = await db.query<{ body: Frame }>(
      "SELECT body FROM switchboard.workflow_messages WHERE workflow_uuid = $1 ORDER BY position",
      [workflowUuid],
    );
    expect(onB.frames).toEqual(rows.map((row) => row.body).slice(1));
    expect(await runOf(workflowUuid)).toEqual({ status: "completed", result: "Ada:blue" });
  });

  it("takes over a workflow it relays when the process running it is killed (kill -9)", async () => {
    const { doomed, workflowUuid, name, onB } = await relayedFromDoomed();
    onB.send({ type: "input_response", question_uuid: name.uuid, msg: "Bo" });
    const choice = await onB.next("multiple_choice");
    const doomedHolder = await holderOf(workflowUuid);

    await doomed.kill();
    // B notices the run's process is gone (its lock went with its connection) and claims the run;
    // the client stays connected and its answer now goes to the run re-executed on B.
    await eventually(async () => (await holderOf(workflowUuid)) !== doomedHolder, 10_000, "B to take the run over");
    onB.send({ type: "input_response", question_uuid: choice.uuid, msg: "green" });
    expect((await onB.next("text_message")).content.body).toBe("Hi Bo, you picked green");
    expect((await onB.next("workflow_completed")).content.result).toBe("Bo:green");
    expect(await onB.waitClosed()).toBe(1000);
    expect(onB.frames.map((frame: Frame) => frame.type)).toEqual([
      "multiple_choice",
      "text_message",
      "workflow_completed",
    ]);
    expect((await storedMessages(workflowUuid)).map((row) => row.type)).toEqual(ASK_HISTORY);
  });

  it("applies an answer relayed to a process killed before it could apply it (kill -9)", async () => {
    const { doomed, workflowUuid, onB } = await relayedFromDoomed();
    const doomedHolder = await holderOf(workflowUuid);

    // Answered (as a raw text frame, the way FastAgency clients answer) the moment the run's
    // process dies: B relays it to a process that is gone, then takes the run over.
    await doomed.kill();
    onB.send("Cy");
    await eventually(async () => (await holderOf(workflowUuid)) !== doomedHolder, 10_000, "B to take the run over");
    const choice = await onB.next("multiple_choice");
    onB.send({ type: "input_response", question_uuid: choice.uuid, msg: "red" });
    expect((await onB.next("text_message")).content.body).toBe("Hi Cy, you picked red");
    expect((await onB.next("workflow_completed")).content.result).toBe("Cy:red");
    expect(await onB.waitClosed()).toBe(1000);
    expect(onB.frames.map((frame: Frame) => frame.type)).toEqual([
      "multiple_choice",
      "text_message",
      "workflow_completed",
    ]);
  });

  it("finishes on another process a workflow whose process was killed mid-run (kill -9)", async () => {
    // A process of its own, so the others serve the remaining tests.
    const doomed = await serveProcess({ DATABASE_URL: server.url }, [], "express");
    const { workflowUuid, socket: onDoomed, name } = await startAsk(doomed.url);
    onDoomed.send({ type: "input_response", question_uuid: name.uuid, msg: "Ada" });
    const choice = await onDoomed.next("multiple_choice");

    const doomedHolder = await holderOf(workflowUuid);
    await doomed.kill();
    // Postgres releases the dead process's lock as soon as it sees its connection gone; until then
    // B relays the run as one still running there, then takes it over.
    const onB = await WorkflowSocket.open(b.url, {
      type: "resume",
      workflow_uuid: workflowUuid,
      after_uuid: name.uuid,
    });
    await eventually(async () => (await holderOf(workflowUuid)) !== doomedHolder, 10_000, "B to take the run over");
    expect(await onB.next("multiple_choice")).toEqual(choice);
    onB.send({ type: "input_response", question_uuid: choice.uuid, msg: "blue" });
    expect((await onB.next("text_message")).content.body).toBe("Hi Ada, you picked blue");
    expect((await onB.next("workflow_completed")).content.result).toBe("Ada:blue");
    expect(await onB.waitClosed()).toBe(1000);
    expect(onB.frames.map((frame: Frame) => frame.type)).toEqual([
      "multiple_choice",
      "text_message",
      "workflow_completed",
    ]);

    const rows = await storedMessages(workflowUuid);
    expect(rows.map((row) => row.type)).toEqual(ASK_HISTORY);
    expect(rows[2]!.uuid).toBe(name.uuid);
    expect(rows[3]!.uuid).toBe(choice.uuid);
    expect(await runOf(workflowUuid)).toEqual({ status: "completed", result: "Ada:blue" });
  });
});
