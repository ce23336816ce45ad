/**
 * A new embedded data directory starts as a copy of a template cluster that already holds the
 * default schema (kept in the temp directory per PGlite version and migrations), so opening one
 * does not run initdb and every migration again. What the copy holds must be what the migrations
 * would have made.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS, openDatastore, SCHEMA_VERSION, type SqlStore } from "../src/index.js";
import { response } from "./contract/index.js";

const dir = mkdtempSync(join(tmpdir(), "switchboard-template-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function migrationsOf(store: SqlStore, schema: string): Promise<number[] | undefined> {
  const [found] = await store.db.query<{ found: boolean }>("SELECT to_regclass($1) IS NOT NULL AS found", [
    `"${schema}".schema_migrations`,
  ]);
  if (!found?.found) return undefined;
  const rows = await store.db.query<{ version: number }>(
    `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
  );
  return rows.map((row) => row.version);
}

describe("a new embedded data directory", () => {
  it("starts from a template with every migration of the default schema applied, and works", async () => {
    for (const name of ["first", "second"]) {
      const store = await openDatastore({ dataDir: join(dir, name) });
      try {
        expect(await migrationsOf(store, "switchboard")).toEqual(MIGRATIONS.map((migration) => migration.version));
        // Only the database PGlite serves: the others would be files to copy for nobody.
        expect(await store.db.query("SELECT datname FROM pg_database")).toEqual([{ datname: "template1" }]);
        expect(readdirSync(join(dir, name, "base"))).toEqual(["1"]);
        await store.responses.putResponse(response(`resp_${name}`));
        expect(await store.responses.getResponse(`resp_${name}`)).toMatchObject({ id: `resp_${name}` });
      } finally {
        await store.close();
      }
    }
    expect(MIGRATIONS.at(-1)!.version).toBe(SCHEMA_VERSION);
    // The template that was copied: made once, named after the migrations it holds.
    expect(
      readdirSync(tmpdir()).filter((entry) => /^switchboard-pglite-.+-schema-[0-9a-f]{16}-/.test(entry)),
    ).not.toEqual([]);
    // Each directory is a copy of its own: the second does not see the first's rows.
    const again = await openDatastore({ dataDir: join(dir, "second") });
    try {
      expect(await again.responses.getResponse("resp_first")).toBeUndefined();
    } finally {
      await again.close();
    }
  });

  it("with a schema of its own is set up by the migrations, without the default schema", async () => {
    const store = await openDatastore({ dataDir: join(dir, "custom"), schema: "custom_schema" });
    try {
      expect(await migrationsOf(store, "custom_schema")).toEqual(MIGRATIONS.map((migration) => migration.version));
      expect(await migrationsOf(store, "switchboard")).toBeUndefined();
      expect(await store.db.query("SELECT datname FROM pg_database")).toEqual([{ datname: "template1" }]);
    } finally {
      await store.close();
    }
  });
});
