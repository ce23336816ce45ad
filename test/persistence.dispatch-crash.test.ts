/**
 * Durable dispatch on Postgres: the server is killed with SIGKILL while it processes accepted
 * dispatches; after a restart every accepted dispatch has been processed exactly once, counted
 * in the database itself.
 */
import { type Database, postgresDatabase } from "@switchboard/store-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPostgres, startPostgres } from "../scripts/postgres.mjs";
import { eventually, post, type ServeProcess, serveProcess } from "./persistence.helpers.js";

let server: RunningPostgres;
let db: Database;
const running: ServeProcess[] = [];

beforeAll(async () => {
  server = await startPostgres();
  db = postgresDatabase(server.url);
});

afterAll(async () => {
  await Promise.all(running.map((process) => process.kill()));
  await db?.close();
  await server?.stop();
});

async function start(args: string[] = []): Promise<ServeProcess> {
  const process = await serveProcess({ DATABASE_URL: server.url }, args);
  running.push(process);
  return process;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ n: string }>(sql, params);
  return Number(row?.n);
}

describe("kill -9 while dispatches are processed", () => {
  it("processes every accepted dispatch exactly once after a restart", async () => {
    const first = await start(["--setup-datastore"]);
    const accepted = new Map<string, string>();
    const dispatch = async (agent: string, session: string, input: string) => {
      const { status, body } = await post(first.url, `/agents/${agent}/crash-test/dispatch`, { input, session });
      expect(status).toBe(202);
      accepted.set(body.dispatchId, input);
    };
    // Slow work first, so it is certainly in flight when the process dies; echo work queues behind it.
    for (let n = 0; n < 3; n++) await dispatch("slow", `slow-${n}`, `slow input ${n}`);
    for (let n = 0; n < 20; n++) await dispatch("echo", `echo-${n % 2}`, `echo input ${n}`);

    await eventually(
      async () => (await count("SELECT count(*) AS n FROM switchboard.dispatches WHERE status = 'done'")) >= 1,
      30_000,
      "a first dispatch to finish",
    );
    await first.kill();
    const doneAtKill = await count("SELECT count(*) AS n FROM switchboard.dispatches WHERE status = 'done'");
    const total = await count("SELECT count(*) AS n FROM switchboard.dispatches");
    expect(total).toBe(accepted.size);
    expect(doneAtKill).toBeLessThan(total);
    const inFlightAtKill = await count("SELECT count(*) AS n FROM switchboard.dispatches WHERE status = 'running'");
    expect(inFlightAtKill).toBeGreaterThan(0);

    const second = await start();
    await eventually(
      async () => (await count("SELECT count(*) AS n FROM switchboard.dispatches WHERE status = 'done'")) === total,
      60_000,
      "every dispatch to finish after the restart",
    );

    // Exactly once: each accepted input is in its session's history once, in the turn its dispatch recorded.
    for (const [dispatchId, input] of accepted) {
      const rows = await db.query<{ dispatch_id: string; content: string }>(
        `SELECT m.dispatch_id, m.body ->> 'content' AS content FROM switchboard.session_messages m
         WHERE m.agent IN ('echo', 'slow') AND m.instance_id = 'crash-test' AND m.body ->> 'role' = 'user'
           AND m.body ->> 'content' = $1`,
        [JSON.stringify(input)],
      );
      expect(rows, `user turns for ${dispatchId}`).toHaveLength(1);
      // The queue scopes dispatch ids to their instance; the wire id is the last part.
      expect(rows[0]!.dispatch_id).toMatch(new RegExp(`/${dispatchId}$`));
    }
    expect(
      await count(
        "SELECT count(*) AS n FROM switchboard.session_messages WHERE instance_id = 'crash-test' AND body ->> 'role' = 'user'",
      ),
    ).toBe(accepted.size);
    // The work cut off by the kill was delivered again, at once (its owner's lock died with it).
    expect(await count("SELECT count(*) AS n FROM switchboard.dispatches WHERE attempts > 1")).toBeGreaterThanOrEqual(
      inFlightAtKill,
    );
    expect(await count("SELECT count(*) AS n FROM switchboard.dispatches WHERE status = 'dead'")).toBe(0);
    expect((await second.stop()).code).toBe(0);
  }, 120_000);
});
