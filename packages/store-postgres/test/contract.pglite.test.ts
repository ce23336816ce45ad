import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type Database, pgliteDatabase, type SqlStore, setupDatastore, sqlStore } from "../src/index.js";
import { conversationContract, type StoreHarness, storeContract } from "./contract/index.js";

let dir: string;
let db: Database;
let schemas = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "switchboard-pglite-"));
  db = await pgliteDatabase(dir);
});

afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const schemaOf = new WeakMap<object, string>();

// One embedded database for the file (creating one takes seconds); each test gets its own schema.
// Peers are further stores on the same database, as two apps in one process would open them.
const harness: StoreHarness = {
  async open(options) {
    const schema = `contract_${++schemas}`;
    await setupDatastore(db, { schema });
    const store = sqlStore(db, { schema, dispatch: options?.dispatch, closeDatabase: false });
    schemaOf.set(store, schema);
    return store;
  },
  async peer(of, options) {
    return sqlStore(db, { schema: schemaOf.get(of)!, dispatch: options?.dispatch, closeDatabase: false });
  },
  atomicDispatchAppend: true,
  async storedStreamLogs(store) {
    const [row] = await (store as SqlStore).db.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM "${schemaOf.get(store)}".agent_streams`,
    );
    return row!.n;
  },
};

storeContract("PGlite", harness);
conversationContract("PGlite", harness);
