/** What a Postgres store does when the server drops its long-lived connections. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPostgres, startPostgres } from "../../../scripts/postgres.mjs";
import { type Database, postgresDatabase, type SqlStore, setupDatastore, sqlStore } from "../src/index.js";

let server: RunningPostgres;
let admin: Database;
const stores: SqlStore[] = [];

beforeAll(async () => {
  server = await startPostgres();
  admin = postgresDatabase(server.url);
});

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await admin?.close();
  await server?.stop();
});

let schemas = 0;

/** Two stores on a fresh schema, as two processes would open it. */
async function openPair(): Promise<[SqlStore, SqlStore]> {
  const schema = `drop_${++schemas}`;
  await setupDatastore(admin, { schema });
  const open = () => sqlStore(postgresDatabase(server.url), { schema, dispatch: { visibilityTimeoutMs: 60_000 } });
  const pair: [SqlStore, SqlStore] = [open(), open()];
  stores.push(...pair);
  return pair;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await sleep(50);
  }
}

/** Ends the server side of every connection whose last statement matches `pattern`. */
async function terminate(pattern: string): Promise<number> {
  const rows = await admin.query<{ pid: number }>(
    `SELECT pg_terminate_backend(pid) AS ok, pid FROM pg_stat_activity
     WHERE query LIKE $1 AND pid <> pg_backend_pid()`,
    [pattern],
  );
  return rows.length;
}

describe("Postgres connections that drop", () => {
  it("resubscribes the bus after its LISTEN connection is cut, and wakes dispatch workers again", async () => {
    const [a, b] = await openPair();
    const got: unknown[] = [];
    await a.bus.subscribe("t", (message) => got.push(message));
    let woken = 0;
    await a.dispatch.onAvailable(() => woken++);
    expect(await terminate("LISTEN%")).toBeGreaterThan(0);
    await eventually(async () => {
      await b.bus.publish("t", "after the cut");
      return got.length > 0;
    });
    expect(got[0]).toBe("after the cut");
    const before = woken;
    await b.dispatch.enqueue({ dispatchId: "wake", agent: "a", id: "i", session: "s", input: 1 });
    await eventually(() => woken > before);
  });

  it("takes its claim-owner lock again after the lock connection is cut", async () => {
    const [a, b] = await openPair();
    await a.dispatch.enqueue({ dispatchId: "owned", agent: "a", id: "i", session: "s", input: 1 });
    const claim = await a.dispatch.claim();
    expect(claim?.dispatchId).toBe("owned");
    const ownerLockHolders = async () =>
      (
        await admin.query<{ pid: number }>(
          "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND granted",
        )
      ).map((row) => row.pid);
    const [before] = await ownerLockHolders();
    expect(before).toBeDefined();
    expect(await terminate("%pg_advisory_lock%")).toBe(1);
    // The store reconnects by itself and takes its owner lock back, so its claim stays its own.
    await eventually(async () => {
      const holders = await ownerLockHolders();
      return holders.length === 1 && holders[0] !== before;
    });
    expect(await b.dispatch.claim()).toBeUndefined();
    expect(await a.dispatch.complete(claim!)).toBe(true);
  });
});

describe("a connection that drops inside a transaction", () => {
  it("fails that transaction alone: no uncaught error, and the next statements run", async () => {
    const db = postgresDatabase({ connectionString: server.url, max: 2 });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.prependListener("uncaughtException", onUncaught);
    try {
      let pid = 0;
      let goOn!: () => void;
      const inTransaction = new Promise<void>((resolve) => {
        goOn = resolve;
      });
      let started!: () => void;
      const holding = new Promise<void>((resolve) => {
        started = resolve;
      });
      const transaction = db.transaction(async (tx) => {
        pid = (await tx.query<{ pid: number }>("SELECT pg_backend_pid() AS pid"))[0]!.pid;
        started();
        await inTransaction;
        return tx.query("SELECT 1 AS one");
      });
      const settled = transaction.then(
        () => "committed",
        (error: Error) => error.message,
      );
      await holding;
      // The connection dies between two statements, while the transaction holds it.
      await admin.query("SELECT pg_terminate_backend($1)", [pid]);
      await eventually(
        async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [pid])).length === 0,
      );
      await sleep(100);
      goOn();
      expect(await settled).not.toBe("committed");
      expect(uncaught).toEqual([]);
      expect(await db.query("SELECT 2 AS two")).toEqual([{ two: 2 }]);
      expect(await db.transaction((tx) => tx.query("SELECT 3 AS three"))).toEqual([{ three: 3 }]);
    } finally {
      process.off("uncaughtException", onUncaught);
      await db.close();
    }
  });
});

describe("Postgres statements", () => {
  it("prepares each statement with parameters once per connection, and still runs SQL scripts", async () => {
    const db = postgresDatabase({ connectionString: server.url, max: 1 });
    try {
      for (let i = 0; i < 3; i++) {
        expect(await db.query("SELECT $1::int + 1 AS n", [i])).toEqual([{ n: i + 1 }]);
        expect(await db.transaction((tx) => tx.query("SELECT $1::int * 2 AS n", [i]))).toEqual([{ n: i * 2 }]);
      }
      // Without parameters a text may hold several statements, which a prepared statement cannot.
      await db.query("CREATE TEMP TABLE scratch (x int); INSERT INTO scratch VALUES (1); DROP TABLE scratch");
      const listed = "SELECT statement FROM pg_prepared_statements WHERE name LIKE $1 ORDER BY statement";
      expect(await db.query(listed, ["switchboard\\_%"])).toEqual([
        { statement: "SELECT $1::int * 2 AS n" },
        { statement: "SELECT $1::int + 1 AS n" },
        { statement: listed },
      ]);
    } finally {
      await db.close();
    }
  });
});

describe("Postgres event appends written together", () => {
  it("drops only the events of a response deleted while its batch was being written", async () => {
    const schema = `batch_${++schemas}`;
    await setupDatastore(admin, { schema });
    const store = sqlStore(postgresDatabase(server.url), { schema });
    stores.push(store);
    const body = (id: string) => ({ id, object: "response", status: "in_progress", output: [] }) as never;
    const event = (seq: number) =>
      ({
        type: "response.output_text.delta",
        sequence_number: seq,
        item_id: "m",
        output_index: 0,
        content_index: 0,
        delta: "x",
      }) as never;
    for (const id of ["resp_kept", "resp_gone", "resp_busy"]) await store.responses.putResponse(body(id));
    // A delete that has not committed yet holds resp_gone's row: the insert waits for it, then
    // fails its foreign key check once the delete commits.
    let commitDelete!: () => void;
    const deleting = admin.transaction(async (tx) => {
      await tx.query(`DELETE FROM "${schema}".responses WHERE id = $1`, ["resp_gone"]);
      await new Promise<void>((resolve) => {
        commitDelete = resolve;
      });
    });
    await sleep(50);
    // Keeps a write in flight so that the next appends queue and go out together in one statement.
    const busy = Array.from({ length: 3 }, (_, i) => store.responses.appendEvents("resp_busy", [event(i)]));
    const appends = [
      store.responses.appendEvents("resp_kept", [event(0), event(1)], body("resp_kept")),
      store.responses.appendEvents("resp_gone", [event(0)], body("resp_gone")),
    ];
    await sleep(200);
    commitDelete();
    await deleting;
    await Promise.all([...busy, ...appends]);
    expect((await store.responses.readEvents("resp_kept", -1)).map((e) => e.sequence_number)).toEqual([0, 1]);
    expect(await store.responses.readEvents("resp_gone", -1)).toEqual([]);
    expect(await store.responses.getResponse("resp_gone")).toBeUndefined();
    expect(await store.responses.readEvents("resp_busy", -1)).toHaveLength(3);
  });
});
