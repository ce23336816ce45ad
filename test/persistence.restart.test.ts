/**
 * The demo server on its default embedded store (PGlite): what it stored survives a clean
 * restart and a kill -9, and conversations, sessions and workflow runs continue where they stopped.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  eventually,
  get,
  outputText,
  post,
  type ServeProcess,
  serveProcess,
  startAsk,
  toolRoundTrip,
  WorkflowSocket,
} from "./persistence.helpers.js";

const dataDir = mkdtempSync(join(tmpdir(), "switchboard-restart-"));
const running: ServeProcess[] = [];

afterAll(async () => {
  await Promise.all(running.map((server) => server.kill()));
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(framework: string): Promise<ServeProcess> {
  const server = await serveProcess({ SWITCHBOARD_DATA_DIR: dataDir }, [], framework);
  running.push(server);
  return server;
}

describe("restarting the PGlite demo server", () => {
  it("keeps responses, agent sessions and workflow runs retrievable and continuable across a restart and a kill -9", async () => {
    const first = await start("hono");
    const created = await post(first.url, "/v1/responses", { model: "echo", input: "remember these words" });
    expect(created.status).toBe(200);
    const prompted = await post(first.url, "/agents/echo/alice", { message: "one" });
    expect(prompted).toMatchObject({ status: 200, body: { result: { text: "one" } } });
    // A workflow run to its end.
    const { workflowUuid: finishedUuid, socket: finished, hello, name: asked } = await startAsk(first.url);
    finished.send("Ada");
    const chosen = await finished.next("multiple_choice");
    finished.send({ type: "input_response", question_uuid: chosen.uuid, msg: "green" });
    await finished.next("text_message");
    expect((await finished.next("workflow_completed")).content.result).toBe("Ada:green");
    expect(await finished.waitClosed()).toBe(1000);
    const { code } = await first.stop();
    expect(code).toBe(0);

    const second = await start("express");
    const retrieved = await get(second.url, `/v1/responses/${created.body.id}`);
    expect(retrieved.status).toBe(200);
    expect(retrieved.body).toEqual(created.body);
    const items = await get(second.url, `/v1/responses/${created.body.id}/input_items`);
    expect(items.body.data.map((item: { content: Array<{ text: string }> }) => item.content[0]!.text)).toEqual([
      "remember these words",
    ]);
    const continued = await post(second.url, "/v1/responses", {
      model: "echo",
      input: "and these",
      previous_response_id: created.body.id,
    });
    expect(continued.status).toBe(200);
    expect(outputText(continued.body)).toBe("and these");
    expect(continued.body.previous_response_id).toBe(created.body.id);
    expect(await post(second.url, "/agents/echo/alice", { message: "two" })).toMatchObject({
      status: 200,
      body: { result: { text: "two" } },
    });
    // A tool call made before the crash is answered after it.
    const pending = await post(second.url, "/v1/responses", {
      model: "tools",
      input: "before the crash",
      tools: [{ type: "function", name: "lookup", parameters: { type: "object", properties: {} } }],
    });
    expect(pending.status).toBe(200);
    // A background response still running when the process dies.
    const interrupted = await post(second.url, "/v1/responses", { model: "slow", input: "go", background: true });
    expect(interrupted.status).toBe(200);
    await eventually(
      async () => (await get(second.url, `/v1/responses/${interrupted.body.id}`)).body.status === "in_progress",
      10_000,
      "the background response to start",
    );
    // A workflow waiting for its first answer when the process dies.
    const { workflowUuid: waitingUuid, name: question } = await startAsk(second.url);
    await second.kill();

    const third = await start("fastify");
    // The finished run replays from any point of its history, and ends as it ended.
    const replayed = await WorkflowSocket.open(third.url, {
      type: "resume",
      workflow_uuid: finishedUuid,
      after_uuid: hello.uuid,
    });
    expect(await replayed.next("text_input")).toEqual(asked);
    expect(await replayed.next("multiple_choice")).toEqual(chosen);
    expect((await replayed.next("text_message")).content.body).toBe("Hi Ada, you picked green");
    expect((await replayed.next("workflow_completed")).content.result).toBe("Ada:green");
    expect(await replayed.waitClosed()).toBe(1000);
    // The interrupted run is taken over where it stopped: the same question, answered now.
    const resumed = await WorkflowSocket.open(third.url, {
      type: "resume",
      workflow_uuid: waitingUuid,
      after_uuid: question.uuid,
    });
    resumed.send({ type: "input_response", question_uuid: question.uuid, msg: "Grace" });
    const choice = await resumed.next("multiple_choice");
    resumed.send({ type: "input_response", question_uuid: choice.uuid, msg: "red" });
    expect((await resumed.next("text_message")).content.body).toBe("Hi Grace, you picked red");
    expect((await resumed.next("workflow_completed")).content.result).toBe("Grace:red");
    expect(await resumed.waitClosed()).toBe(1000);

    const history = await get(third.url, "/agents/echo/alice/sessions/default");
    expect(history.status).toBe(200);
    expect(history.body.messages.map((m: { role: string }) => m.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    expect(JSON.stringify(history.body.messages)).toContain("two");
    expect((await get(third.url, `/v1/responses/${continued.body.id}`)).body).toEqual(continued.body);
    const call = pending.body.output.find((item: { type: string }) => item.type === "function_call");
    const answered = await post(third.url, "/v1/responses", {
      model: "tools",
      previous_response_id: pending.body.id,
      input: [{ type: "function_call_output", call_id: call.call_id, output: "still here" }],
      tools: [{ type: "function", name: "lookup", parameters: { type: "object", properties: {} } }],
    });
    expect(outputText(answered.body)).toBe("Tool said: still here");
    await toolRoundTrip(third.url, third.url, "after the crash");
    // The interrupted response is concluded as failed, not left in progress for ever.
    const concluded = await get(third.url, `/v1/responses/${interrupted.body.id}`);
    expect(concluded.body).toMatchObject({ status: "failed", error: { code: "server_error" } });
    const replay = await fetch(`${third.url}/v1/responses/${interrupted.body.id}?stream=true`);
    const text = await replay.text();
    expect(text).toContain("event: response.failed");
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
  }, 120_000);
});
