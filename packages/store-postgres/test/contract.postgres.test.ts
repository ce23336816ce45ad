import { afterAll, beforeAll } from "vitest";
import { type RunningPostgres, startPostgres } from "../../../scripts/postgres.mjs";
import { postgresDatabase, type SqlStore, type SqlStoreOptions, setupDatastore, sqlStore } from "../src/index.js";
import { conversationContract, type StoreHarness, storeContract } from "./contract/index.js";

let server: RunningPostgres;
const schemaOf = new WeakMap<object, string>();
let schemas = 0;

// A real server (no skipping: without the binaries this fails, saying what to install).
beforeAll(async () => {
  server = await startPostgres();
});

afterAll(async () => {
  await server?.stop();
});

async function openOn(schema: string, dispatch: SqlStoreOptions["dispatch"]): Promise<SqlStore> {
  const store = sqlStore(postgresDatabase(server.url), { schema, dispatch });
  schemaOf.set(store, schema);
  return store;
}

const harness: StoreHarness = {
  async open(options) {
    const schema = `contract_${++schemas}`;
    const db = postgresDatabase(server.url);
    await setupDatastore(db, { schema });
    await db.close();
    return openOn(schema, options?.dispatch);
  },
  async peer(of, options) {
    return openOn(schemaOf.get(of)!, options?.dispatch);
  },
  atomicDispatchAppend: true,
  async storedStreamLogs(store) {
    const [row] = await (store as SqlStore).db.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM "${schemaOf.get(store)}".agent_streams`,
    );
    return row!.n;
  },
};

storeContract("Postgres", harness);
conversationContract("Postgres", harness);
