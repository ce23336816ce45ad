// Two serve processes on one Postgres, instance agents: shared sessions one prompt at a time, SSE resumption and killed prompts across processes, dispatches run once.
import type { Database } from "@switchboard/store-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningPostgres } from "../scripts/postgres.mjs";
import { eventually, type Frame, get, post, type ServeProcess, serveProcess } from "./persistence.helpers.js";
import { type AgentFrame, agentSse, stopTwoProcesses, twoProcesses } from "./persistence.multiprocess.helpers.js";

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
});
