import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPostgres, startPostgres } from "../../../scripts/postgres.mjs";
import {
  checkDatastore,
  type Database,
  DatastoreSchemaError,
  MIGRATIONS,
  openDatastore,
  pgliteDatabase,
  postgresDatabase,
  SCHEMA_VERSION,
  setupDatastore,
} from "../src/index.js";

let server: RunningPostgres;
let dir: string;
let pglite: Database;
let postgres: Database;
let schemas = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "switchboard-migrations-"));
  [server, pglite] = await Promise.all([startPostgres(), pgliteDatabase(join(dir, "pglite"))]);
  postgres = postgresDatabase(server.url);
});

afterAll(async () => {
  await Promise.all([pglite?.close(), postgres?.close()]);
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(["PGlite", "Postgres"])("migrations on %s", (kind) => {
  const db = () => (kind === "PGlite" ? pglite : postgres);
  const fresh = () => `m_${++schemas}`;

  it("creates every table once, records the versions, and finds nothing to do the second time", async () => {
    const schema = fresh();
    await expect(checkDatastore(db(), { schema })).rejects.toThrow(
      new RegExp(`tables are missing .*${schema}\\.schema_migrations.*--setup-datastore`),
    );
    expect(await setupDatastore(db(), { schema })).toEqual({
      applied: MIGRATIONS.map((m) => m.version),
      version: SCHEMA_VERSION,
    });
    expect(await setupDatastore(db(), { schema })).toEqual({ applied: [], version: SCHEMA_VERSION });
    await checkDatastore(db(), { schema });
    const versions = await db().query<{ version: number }>(
      `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
    );
    expect(versions.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it("upgrades an older schema in place, keeping its data, and says so before it is upgraded", async () => {
    const schema = fresh();
    const s = `"${schema}"`;
    const first = MIGRATIONS[0]!;
    await db().query(`CREATE SCHEMA ${s}`);
    await db().query(`CREATE TABLE ${s}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    for (const statement of first.sql(s).split(/;\s*\n/)) if (statement.trim()) await db().query(statement);
    await db().query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES (1, $1)`, [first.name]);
    await db().query(`INSERT INTO ${s}.responses (id, body) VALUES ('resp_old', '{"kept":true}')`);

    await expect(checkDatastore(db(), { schema })).rejects.toThrow(
      new RegExp(`version 1, older than the ${SCHEMA_VERSION} .*--setup-datastore`),
    );
    const result = await setupDatastore(db(), { schema });
    expect(result.applied).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    await checkDatastore(db(), { schema });
    const [row] = await db().query<{ body: unknown }>(`SELECT body FROM ${s}.responses WHERE id = 'resp_old'`);
    expect(row?.body).toEqual({ kept: true });
  });

  it("refuses a schema newer than it knows", async () => {
    const schema = fresh();
    await setupDatastore(db(), { schema });
    await db().query(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES (999, 'from the future')`);
    await expect(checkDatastore(db(), { schema })).rejects.toThrow(/version 999, newer than .*upgrade Switchboard/);
    await expect(setupDatastore(db(), { schema })).rejects.toThrow(DatastoreSchemaError);
  });

  it("never replaces a table it did not create, and leaves nothing behind when it stops", async () => {
    const schema = fresh();
    const s = `"${schema}"`;
    await db().query(`CREATE SCHEMA ${s}`);
    await db().query(`CREATE TABLE ${s}.responses (theirs text)`);
    await db().query(`INSERT INTO ${s}.responses VALUES ('precious')`);
    await expect(setupDatastore(db(), { schema })).rejects.toThrow(/migration 1 .*failed.*responses.*already exists/);
    const rows = await db().query<{ theirs: string }>(`SELECT theirs FROM ${s}.responses`);
    expect(rows).toEqual([{ theirs: "precious" }]);
    const [tables] = await db().query<{ n: number | string }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1",
      [schema],
    );
    expect(Number(tables?.n)).toBe(1);
  });

  it("rejects schema names that would need quoting", async () => {
    await expect(setupDatastore(db(), { schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(DatastoreSchemaError);
    await expect(setupDatastore(db(), { schema: "Upper" })).rejects.toThrow(/must match/);
  });
});

describe("setup from several processes at once", () => {
  it("applies each migration once while the others wait and find it done", async () => {
    const schema = `m_${++schemas}`;
    const handles = Array.from({ length: 4 }, () => postgresDatabase(server.url));
    try {
      const results = await Promise.all(handles.map((db) => setupDatastore(db, { schema })));
      const applied = results.flatMap((r) => r.applied);
      expect(applied.sort()).toEqual(MIGRATIONS.map((m) => m.version).sort());
    } finally {
      await Promise.all(handles.map((db) => db.close()));
    }
  });
});

describe("openDatastore", () => {
  it("sets up the embedded database by itself, and keeps its data across reopening", async () => {
    const dataDir = join(dir, "embedded");
    const store = await openDatastore({ dataDir });
    await store.workflows.createRun({
      workflowUuid: "66666666-6666-4666-8666-666666666666",
      name: "ask",
      userId: null,
      params: {},
      status: "completed",
      result: "ann:red",
      createdAt: 1,
      updatedAt: 1,
    });
    await store.close();
    const again = await openDatastore({ dataDir });
    expect(await again.workflows.getRun("66666666-6666-4666-8666-666666666666")).toMatchObject({ result: "ann:red" });
    await again.close();
  });

  it("requires a Postgres schema to be set up on purpose, and uses it once it is", async () => {
    const schema = `m_${++schemas}`;
    await expect(openDatastore({ databaseUrl: server.url, schema })).rejects.toThrow(/--setup-datastore/);
    const store = await openDatastore({ databaseUrl: server.url, schema, setup: true });
    await store.close();
    const reopened = await openDatastore({ databaseUrl: server.url, schema });
    expect(await reopened.responses.getResponse("none")).toBeUndefined();
    await reopened.close();
  });

  it("keeps an embedded data directory to one user at a time, and takes over from a killed one", async () => {
    const dataDir = join(dir, "exclusive");
    const store = await openDatastore({ dataDir });
    await expect(openDatastore({ dataDir })).rejects.toThrow(/in use by this process.*PGlite serves one process/);
    await store.close();
    // A lock left by a process that no longer runs (killed) does not keep the directory.
    const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    writeFileSync(join(dataDir, "switchboard.lock"), gone.stdout.trim());
    const reopened = await openDatastore({ dataDir });
    await reopened.close();
  });

  it("names the data directory when the embedded database cannot be opened", async () => {
    const file = join(dir, "not-a-directory");
    writeFileSync(file, "x");
    await expect(openDatastore({ dataDir: file })).rejects.toThrow(file);
  });
});
