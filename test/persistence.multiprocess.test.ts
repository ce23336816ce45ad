/**
 * Two `switchboard serve` processes on one Postgres database behave as one server: requests
 * alternate between them and every conversation, session, live stream and dispatch carries over.
 */
import { type Database, postgresDatabase } from "@switchboard/store-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPostgres, startPostgres } from "../scripts/postgres.mjs";
import {
  eventually,
  type Frame,
  get,
  outputText,
  post,
  type ServeProcess,
  serveProcess,
  startAsk,
  toolRoundTrip,
  WorkflowSocket,
} from "./persistence.helpers.js";

let server: RunningPostgres;
let db: Database;
let a: ServeProcess;
let b: ServeProcess;

beforeAll(async () => {
  server = await startPostgres();
  db = postgresDatabase(server.url);
  // The first process sets the schema up; the second finds it ready.
  a = await serveProcess({ DATABASE_URL: server.url }, ["--setup-datastore"], "hono");
  b = await serveProcess({ DATABASE_URL: server.url }, [], "fastify");
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.kill(), b?.kill()]);
  await db?.close();
  await server?.stop();
});

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

/** Reads an SSE body into its `data:` payloads, calling `onEvent` as each arrives. */
async function readSse(url: string, onEvent: (data: string) => Promise<void> | void): Promise<string[]> {
  const response = await fetch(url, { headers: { accept: "text/event-stream" } });
  expect(response.status).toBe(200);
  const decoder = new TextDecoder();
  const seen: string[] = [];
  let buffer = "";
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame
        .split("\n")
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6))
        .join("\n");
      if (data) {
        seen.push(data);
        await onEvent(data);
      }
      end = buffer.indexOf("\n\n");
    }
  }
  return seen;
}

interface AgentFrame {
  event: string;
  id: string;
  data: Frame;
  /** When it arrived (ms, performance.now()). */
  at: number;
}

/**
 * Sends a streamed agent prompt (a resume when `lastEventId` is set) and reads its SSE frames
 * (keep-alives dropped) until the stream ends or `stop` says so; then drops the connection.
 */
async function agentSse(
  base: string,
  path: string,
  lastEventId?: string,
  stop: (frames: AgentFrame[]) => boolean = () => false,
): Promise<AgentFrame[]> {
  const dropped = new AbortController();
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "text/event-stream",
      ...(lastEventId ? { "last-event-id": lastEventId } : {}),
    },
    body: JSON.stringify({ message: "count" }),
    signal: dropped.signal,
  });
  expect(response.status).toBe(200);
  const frames: AgentFrame[] = [];
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  let buffer = "";
  try {
    while (!stop(frames)) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end !== -1) {
        const lines = buffer.slice(0, end).split("\n");
        buffer = buffer.slice(end + 2);
        const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
        const event = field("event");
        if (event !== undefined)
          frames.push({ event, id: field("id")!, data: JSON.parse(field("data")!), at: performance.now() });
        end = buffer.indexOf("\n\n");
      }
    }
  } finally {
    dropped.abort();
  }
  return frames;
}

// Servers start in beforeAll; on a busy machine a test's round trips through two processes take a while.
describe("two processes on one Postgres", { timeout: 60_000 }, () => {
  it("refuses to start on a database without Switchboard's schema, saying how to set it up", async () => {
    await db.query("CREATE DATABASE not_set_up");
    const url = server.url.replace(/\/postgres$/, "/not_set_up");
    await expect(serveProcess({ DATABASE_URL: url })).rejects.toThrow(
      /exited early \(code 1[\s\S]*tables are missing[\s\S]*--setup-datastore/,
    );
  });

  it("continues a conversation whichever process gets each request", async () => {
    const first = await post(a.url, "/v1/responses", { model: "echo", input: "from A" });
    expect(first.status).toBe(200);
    const second = await post(b.url, "/v1/responses", {
      model: "echo",
      input: "then B",
      previous_response_id: first.body.id,
    });
    expect(second.status).toBe(200);
    const third = await post(a.url, "/v1/responses", {
      model: "echo",
      input: "back to A",
      previous_response_id: second.body.id,
    });
    expect(outputText(third.body)).toBe("back to A");
    expect((await get(b.url, `/v1/responses/${third.body.id}`)).body).toEqual(third.body);
    await toolRoundTrip(a.url, b.url, "asked on A");
    await toolRoundTrip(b.url, a.url, "asked on B");
    expect((await fetch(`${b.url}/v1/responses/${first.body.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await get(a.url, `/v1/responses/${first.body.id}`)).status).toBe(404);
  });

  it("shares a /v1/conversations conversation: created on one process, used and listed on the other", async () => {
    const created = await post(a.url, "/v1/conversations", { items: [{ role: "user", content: "hello from A" }] });
    expect(created.status).toBe(200);
    const id = created.body.id as string;
    const reply = await post(b.url, "/v1/responses", { model: "echo", conversation: id });
    expect(outputText(reply.body)).toBe("hello from A");
    expect(reply.body.conversation).toEqual({ id });
    await post(a.url, "/v1/responses", { model: "echo", conversation: id, input: "then A" });
    const items = await get(b.url, `/v1/conversations/${id}/items?order=asc`);
    const texts = (items.body.data as Array<{ role: string; content: Array<{ text: string }> }>).map((item) => [
      item.role,
      item.content[0]!.text,
    ]);
    expect(texts).toEqual([
      ["user", "hello from A"],
      ["assistant", "hello from A"],
      ["user", "then A"],
      ["assistant", "then A"],
    ]);
    expect((await fetch(`${b.url}/v1/conversations/${id}`, { method: "DELETE" })).status).toBe(200);
    expect((await get(a.url, `/v1/conversations/${id}`)).status).toBe(404);
  });

  it("shares agent sessions, and one prompt at a time per session across processes", async () => {
    expect((await post(a.url, "/agents/echo/shared", { message: "on A" })).status).toBe(200);
    expect((await post(b.url, "/agents/echo/shared", { message: "on B" })).status).toBe(200);
    const fromA = await get(a.url, "/agents/echo/shared/sessions/default");
    const fromB = await get(b.url, "/agents/echo/shared/sessions/default");
    expect(fromA.body).toEqual(fromB.body);
    expect(fromA.body.messages).toHaveLength(4);

    const running = fetch(`${a.url}/agents/slow/busy`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ message: "count" }),
    });
    const response = await running;
    const reader = response.body!.getReader();
    await reader.read();
    const refused = await post(b.url, "/agents/slow/busy", { message: "me too" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.type).toBe("session_busy");
    // Aborted where it runs, the prompt lets go of the session, and the other process may take it.
    expect(await post(a.url, "/agents/slow/busy/sessions/default/abort", {})).toMatchObject({
      status: 200,
      body: { aborted: true },
    });
    await reader.cancel();
    await eventually(
      async () => {
        const attempt = await fetch(`${b.url}/agents/slow/busy`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "text/event-stream" },
          body: JSON.stringify({ message: "my turn" }),
        });
        await attempt.body?.cancel();
        return attempt.status === 200;
      },
      10_000,
      "the session to be free on the other process",
    );
    expect((await post(b.url, "/agents/slow/busy/sessions/default/abort", {})).body).toEqual({ aborted: true });
  });

  it("streams, on one process, a background response running on the other, live", async () => {
    const created = await post(a.url, "/v1/responses", { model: "slow", input: "go", background: true });
    expect(created.status).toBe(200);
    expect(["queued", "in_progress"]).toContain(created.body.status);
    let statusAtFirstDelta: string | undefined;
    const frames = await readSse(`${b.url}/v1/responses/${created.body.id}?stream=true`, async (data) => {
      if (statusAtFirstDelta === undefined && data.includes('"response.output_text.delta"')) {
        statusAtFirstDelta = (await get(a.url, `/v1/responses/${created.body.id}`)).body.status;
      }
    });
    expect(statusAtFirstDelta).toBe("in_progress");
    expect(frames.at(-1)).toBe("[DONE]");
    const events = frames.slice(0, -1).map((data) => JSON.parse(data));
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    expect(events.filter((event) => event.type === "response.output_text.delta")).toHaveLength(50);
    expect(events.at(-1).type).toBe("response.completed");
  });

  it("resumes on one process, with Last-Event-ID, an agent prompt streaming on the other", async () => {
    const path = "/agents/slow/resumed";
    // Four events from A, then the client's connection drops.
    const seen = await agentSse(a.url, path, undefined, (frames) => frames.length >= 4);
    expect(seen.map((f) => f.event)).toEqual(["turn_start", "text_delta", "text_delta", "text_delta"]);
    const [stream] = seen[0]!.id.split(":");

    // B has never seen this stream: it serves it from the store's log, live, to the end.
    const rest = await agentSse(b.url, path, seen.at(-1)!.id);
    const all = [...seen, ...rest];
    expect(all.map((f) => f.id)).toEqual(all.map((_, i) => `${stream}:${i}`));
    expect(all.map((f) => f.event)).toEqual([
      "turn_start",
      ...Array(50).fill("text_delta"),
      "turn_end",
      "result",
      "idle",
    ]);
    // Live, not replayed once it ended: B's events came over the ~4.6 s the prompt still ran.
    expect(rest.at(-1)!.at - rest[0]!.at).toBeGreaterThan(3_000);
    const text = all
      .filter((f) => f.event === "text_delta")
      .map((f) => f.data.text)
      .join("");
    expect(text).toBe(Array.from({ length: 50 }, (_, i) => `tick ${i + 1}`).join(" "));
    expect(rest.at(-2)!.data.result.text).toBe(text);
    // The prompt ran to its end once: one user message and one reply in the session.
    const history = await get(a.url, "/agents/slow/resumed/sessions/default");
    expect(history.body.messages.map((m: Frame) => [m.role, m.content])).toEqual([
      ["user", "count"],
      ["assistant", text],
    ]);

    // Within the window, B replays the end of the finished stream; A still has it too.
    const tail = await agentSse(b.url, path, `${stream}:49`);
    expect(tail.map((f) => f.id)).toEqual([50, 51, 52, 53].map((i) => `${stream}:${i}`));
    expect(tail.map((f) => f.event)).toEqual(["text_delta", "turn_end", "result", "idle"]);
    const strip = (frames: AgentFrame[]) => frames.map(({ at: _, ...frame }) => frame);
    expect(strip(await agentSse(a.url, path, `${stream}:49`))).toEqual(strip(tail));

    const unknown = await fetch(`${b.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", "last-event-id": "s_nope:3" },
      body: JSON.stringify({ message: "count" }),
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: {
        type: "stream_not_found",
        message: expect.stringContaining("s_nope:3"),
        details: { param: "Last-Event-ID" },
      },
    });
    // Another session's stream id is not this session's.
    const elsewhere = await fetch(`${b.url}/agents/slow/other`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", "last-event-id": `${stream}:3` },
      body: JSON.stringify({ message: "count" }),
    });
    expect(elsewhere.status).toBe(404);
    expect((await elsewhere.json()).error.type).toBe("stream_not_found");
  });

  it("ends with an error, on another process, an agent prompt whose process was killed (kill -9)", async () => {
    const doomed = await serveProcess({ DATABASE_URL: server.url }, [], "express");
    const path = "/agents/slow/orphaned";
    const seen = await agentSse(doomed.url, path, undefined, (frames) => frames.length >= 4);
    const [stream] = seen[0]!.id.split(":");
    await doomed.kill();
    // The log stops where the dead process left it; B ends it with an error instead of waiting.
    const rest = await agentSse(b.url, path, seen.at(-1)!.id);
    const all = [...seen, ...rest];
    expect(all.map((f) => f.id)).toEqual(all.map((_, i) => `${stream}:${i}`));
    expect(rest.slice(0, -1).every((f) => f.event === "text_delta")).toBe(true);
    expect(rest.at(-1)).toMatchObject({
      event: "error",
      data: { type: "error", error: { type: "internal_error", message: expect.stringContaining("stopped") } },
    });
    // The end is stored: A, which never ran it either, replays the same.
    const strip = (frames: AgentFrame[]) => frames.map(({ at: _, ...frame }) => frame);
    expect(strip(await agentSse(a.url, path, seen.at(-1)!.id))).toEqual(strip(rest));
    // The session is free again: its lock died with the process.
    const next = await post(a.url, path, { message: "again" });
    expect(next.status).toBe(200);
  });

  it("cancels on one process a background response running on the other", async () => {
    const created = await post(a.url, "/v1/responses", { model: "slow", input: "go", background: true });
    await eventually(
      async () => (await get(b.url, `/v1/responses/${created.body.id}`)).body.status === "in_progress",
      10_000,
      "the response to start",
    );
    const cancelled = await post(b.url, `/v1/responses/${created.body.id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    const final = await eventually(
      async () => {
        const { body } = await get(a.url, `/v1/responses/${created.body.id}`);
        return body.status !== "in_progress" && body.status !== "queued" ? body : undefined;
      },
      10_000,
      "the cancellation to reach the running process",
    );
    expect(final.status).toBe("cancelled");
    expect(outputText(final).split(" ").length).toBeLessThan(50 * 2);
  });

  it("fails a background response whose process was killed (kill -9), and a stream following it ends", async () => {
    const doomed = await serveProcess({ DATABASE_URL: server.url }, [], "express");
    const created = await post(doomed.url, "/v1/responses", { model: "slow", input: "go", background: true });
    expect(created.status).toBe(200);
    const id = created.body.id;
    let deltas = 0;
    // B follows the response live; after a few deltas the process running it dies.
    const frames = await readSse(`${b.url}/v1/responses/${id}?stream=true`, async (data) => {
      if (data.includes('"response.output_text.delta"') && ++deltas === 5) await doomed.kill();
    });
    expect(frames.at(-1)).toBe("[DONE]");
    const events = frames.slice(0, -1).map((data) => JSON.parse(data));
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    // The process that concluded it closed the message the dead one had open, with the text sent so far.
    const tail = events.slice(events.findIndex((event) => event.type === "response.output_text.done"));
    expect(tail.map((event) => event.type)).toEqual([
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "error",
      "response.failed",
    ]);
    const streamed = events
      .filter((event) => event.type === "response.output_text.delta")
      .map((event) => event.delta)
      .join("");
    expect(streamed).toMatch(/^tick 1 tick 2 tick 3 tick 4 tick 5/);
    expect(tail[0].text).toBe(streamed);
    expect(tail[2].item.status).toBe("incomplete");
    const last = tail.at(-1);
    expect(last.response.error.code).toBe("server_error");
    expect(outputText(last.response)).toBe(streamed);

    // Either process reports the outcome; the conversation goes on from it.
    for (const target of [a, b]) {
      const { body } = await get(target.url, `/v1/responses/${id}`);
      expect(body).toMatchObject({ status: "failed", error: { code: "server_error" } });
    }
    const next = await post(a.url, "/v1/responses", { model: "echo", input: "still there?", previous_response_id: id });
    expect(next.status).toBe(200);
    expect(next.body.status).toBe("completed");
    const [row] = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM switchboard.response_events WHERE response_id = $1 AND body ->> 'type' = 'response.failed'",
      [id],
    );
    expect(Number(row?.n)).toBe(1);
  });

  it("processes dispatches accepted by either process once", async () => {
    const ids: string[] = [];
    for (let n = 0; n < 10; n++) {
      const target = n % 2 ? a : b;
      const { status, body } = await post(target.url, "/agents/echo/dispatched/dispatch", {
        input: `job ${n}`,
        session: `s${n % 3}`,
      });
      expect(status).toBe(202);
      ids.push(body.dispatchId);
    }
    await eventually(
      async () => {
        const [row] = await db.query<{ n: string }>(
          "SELECT count(*) AS n FROM switchboard.dispatches WHERE status = 'done' AND instance_id = 'dispatched'",
        );
        return Number(row?.n) === ids.length;
      },
      20_000,
      "every dispatch to finish",
    );
    const rows = await db.query<{ content: string; n: string }>(
      `SELECT body ->> 'content' AS content, count(*) AS n FROM switchboard.session_messages
       WHERE instance_id = 'dispatched' AND body ->> 'role' = 'user' GROUP BY 1`,
    );
    expect(rows.map((row) => [JSON.parse(row.content), Number(row.n)]).sort()).toEqual(
      Array.from({ length: 10 }, (_, n) => [`job ${n}`, 1]).sort(),
    );
  });

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
