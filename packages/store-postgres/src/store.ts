import { resolve } from "node:path";
import { createLogger, type DispatchStoreOptions, type Store, type SwitchboardLogger } from "@switchboard/core";
import { sqlBus } from "./bus.js";
import { sqlConversationStore } from "./conversations.js";
import { type Database, postgresDatabase } from "./database.js";
import { sqlDispatchStore } from "./dispatch.js";
import { processLiveness } from "./liveness.js";
import { checkDatastore, checkSchemaName, setupDatastore } from "./migrations.js";
import { pgliteDatabase } from "./pglite.js";
import { sqlResponseStore } from "./responses.js";
import { sqlSessionStore } from "./sessions.js";
import { sqlWorkflowStore } from "./workflows.js";

export interface SqlStoreOptions {
  /** The Postgres schema holding the tables (default `switchboard`); one database can hold several. */
  schema?: string;
  dispatch?: DispatchStoreOptions;
  /** Whether `close()` closes `db` too (default true); false when the database is shared with other code. */
  closeDatabase?: boolean;
  /** Where the store logs what goes wrong in the background (pino JSON on stderr by default). */
  logger?: SwitchboardLogger;
}

/** A Store backed by SQL; `db` is the database it runs on. */
export interface SqlStore extends Store {
  readonly db: Database;
}

/**
 * The Store over a database whose schema is already set up (see `setupDatastore`); it does not
 * check — `openDatastore` does.
 */
export function sqlStore(db: Database, options: SqlStoreOptions = {}): SqlStore {
  const schema = checkSchemaName(options.schema ?? "switchboard");
  const s = `"${schema}"`;
  // One identity per store, shared by the tables that record which process is working on a row.
  const liveness = processLiveness(db);
  const responses = sqlResponseStore(db, s, liveness);
  const conversations = sqlConversationStore(db, s);
  const sessions = sqlSessionStore(db, s, `${schema}_session_unlock`, liveness);
  const workflows = sqlWorkflowStore(db, s, liveness);
  const logger = options.logger ?? createLogger();
  const dispatch = sqlDispatchStore(db, s, `${schema}_dispatch`, options.dispatch, logger);
  const bus = sqlBus(db, s, `${schema}_bus`, logger);
  let closing: Promise<void> | undefined;
  return {
    db,
    responses,
    conversations,
    sessions,
    workflows,
    dispatch,
    bus,
    async ping() {
      await db.query("SELECT 1");
    },
    close() {
      closing ??= (async () => {
        await Promise.allSettled([sessions.close?.(), dispatch.close?.(), bus.close?.()]);
        liveness.close();
        if (options.closeDatabase !== false) await db.close();
      })();
      return closing;
    },
  };
}

export interface DatastoreOptions extends SqlStoreOptions {
  /** A `postgres://` URL; without it the store is PGlite under `dataDir`. */
  databaseUrl?: string;
  /** Directory of the embedded (PGlite) database (default `.switchboard/data`). */
  dataDir?: string;
  /**
   * Create or upgrade the schema before use. Default: yes for the embedded database (it is this
   * process's own), no for Postgres, where a missing or old schema is an error that says how to
   * set it up — migrating a shared database should be a decision.
   */
  setup?: boolean;
}

/** Opens the store the demo server and applications use: Postgres when given a URL, PGlite otherwise. */
export async function openDatastore(options: DatastoreOptions = {}): Promise<SqlStore> {
  const db = options.databaseUrl
    ? postgresDatabase(options.databaseUrl, options.logger)
    : await pgliteDatabase(resolve(options.dataDir ?? ".switchboard/data"));
  try {
    const setup = options.setup ?? db.kind === "pglite";
    if (setup) await setupDatastore(db, { schema: options.schema });
    else await checkDatastore(db, { schema: options.schema });
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return sqlStore(db, options);
}
