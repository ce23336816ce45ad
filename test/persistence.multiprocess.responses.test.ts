// Two serve processes on one Postgres, the Responses API: the schema check at start-up, conversations, and background responses streamed, cancelled and failed across processes.
import type { Database } from "@switchboard/store-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningPostgres } from "../scripts/postgres.mjs";
import {
  eventually,
  get,
  outputText,
  post,
  type ServeProcess,
  serveProcess,
  toolRoundTrip,
} from "./persistence.helpers.js";
import { readSse, stopTwoProcesses, twoProcesses } from "./persistence.multiprocess.helpers.js";

let server: RunningPostgres;
let db: Database;
let a: ServeProcess;
let b: ServeProcess;

beforeAll(async () => {
  ({ server, db, a, b } = await twoProcesses());
}, 120_000);

afterAll(() => stopTwoProcesses({ server, db, a, b }));

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
});
