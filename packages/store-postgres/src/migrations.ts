import type { Database, Queryable } from "./database.js";

/**
 * The versioned schema. A migration is applied once, in order, and recorded in
 * `schema_migrations`; applied migrations are never edited, only followed by new ones. Plain
 * CREATE (not IF NOT EXISTS): a table that exists without its migration being recorded is someone
 * else's, and setup stops with Postgres's error instead of using or replacing it.
 */
export interface Migration {
  version: number;
  name: string;
  /** Statements for the schema `s` (already quoted). */
  sql(s: string): string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "responses, sessions, workflows, dispatch queue, bus overflow",
    sql: (s) => `
      CREATE TABLE ${s}.responses (
        id text PRIMARY KEY,
        body json NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE ${s}.response_input_items (
        response_id text NOT NULL REFERENCES ${s}.responses (id) ON DELETE CASCADE,
        position integer NOT NULL,
        item_id text,
        body json NOT NULL,
        PRIMARY KEY (response_id, position)
      );
      CREATE INDEX response_input_items_by_item ON ${s}.response_input_items (response_id, item_id);
      CREATE TABLE ${s}.response_events (
        response_id text NOT NULL REFERENCES ${s}.responses (id) ON DELETE CASCADE,
        sequence_number integer NOT NULL,
        body json NOT NULL,
        PRIMARY KEY (response_id, sequence_number)
      );

      CREATE TABLE ${s}.sessions (
        agent text NOT NULL,
        instance_id text NOT NULL,
        session text NOT NULL,
        message_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agent, instance_id, session)
      );
      CREATE TABLE ${s}.session_messages (
        agent text NOT NULL,
        instance_id text NOT NULL,
        session text NOT NULL,
        position integer NOT NULL,
        body json NOT NULL,
        dispatch_id text,
        PRIMARY KEY (agent, instance_id, session, position),
        FOREIGN KEY (agent, instance_id, session) REFERENCES ${s}.sessions ON DELETE CASCADE
      );

      CREATE TABLE ${s}.workflow_runs (
        workflow_uuid text PRIMARY KEY,
        name text NOT NULL,
        user_id text,
        params json NOT NULL,
        status text NOT NULL,
        result text,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        message_count integer NOT NULL DEFAULT 0
      );
      CREATE TABLE ${s}.workflow_messages (
        workflow_uuid text NOT NULL REFERENCES ${s}.workflow_runs (workflow_uuid) ON DELETE CASCADE,
        position integer NOT NULL,
        body json NOT NULL,
        PRIMARY KEY (workflow_uuid, position)
      );

      CREATE TABLE ${s}.dispatches (
        dispatch_id text PRIMARY KEY,
        seq bigserial NOT NULL,
        agent text NOT NULL,
        instance_id text NOT NULL,
        session text NOT NULL,
        input json NOT NULL,
        accepted_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL,
        available_at timestamptz NOT NULL DEFAULT now(),
        lease text,
        last_error text,
        result json,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX dispatches_due ON ${s}.dispatches (available_at, seq) WHERE status IN ('pending', 'running');

      CREATE TABLE ${s}.bus_overflow (
        id bigserial PRIMARY KEY,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    name: "dispatch lease owners, so a dead process's claims are taken over at once",
    sql: (s) => `
      ALTER TABLE ${s}.dispatches ADD COLUMN owner bigint;
    `,
  },
  {
    version: 3,
    name: "workflow answers and run holders, so another process can take a run over",
    sql: (s) => `
      ALTER TABLE ${s}.workflow_runs ADD COLUMN owner text;
      ALTER TABLE ${s}.workflow_runs ADD COLUMN owner_key bigint;
      ALTER TABLE ${s}.workflow_runs ADD COLUMN lease_until bigint;
      CREATE TABLE ${s}.workflow_answers (
        workflow_uuid text NOT NULL REFERENCES ${s}.workflow_runs (workflow_uuid) ON DELETE CASCADE,
        question_uuid text NOT NULL,
        answer json,
        PRIMARY KEY (workflow_uuid, question_uuid)
      );
    `,
  },
  {
    version: 4,
    name: "response owners, so a response whose process died can be closed by another",
    sql: (s) => `
      ALTER TABLE ${s}.responses ADD COLUMN owner_key bigint;
    `,
  },
  {
    version: 5,
    name: "agent prompt stream logs, so any process can serve a Last-Event-ID resume",
    // UNLOGGED: the logs live for a resume window (seconds); skipping the WAL makes the per-batch
    // writes of streamed prompts cheap, and losing them in a database crash loses only resumability.
    sql: (s) => `
      CREATE UNLOGGED TABLE ${s}.agent_streams (
        stream_id text PRIMARY KEY,
        agent text NOT NULL,
        instance_id text NOT NULL,
        session text NOT NULL,
        event_count integer NOT NULL,
        ended boolean NOT NULL,
        expires_at timestamptz NOT NULL,
        owner_key bigint
      );
      CREATE INDEX agent_streams_expiry ON ${s}.agent_streams (expires_at);
      CREATE UNLOGGED TABLE ${s}.agent_stream_events (
        stream_id text NOT NULL REFERENCES ${s}.agent_streams (stream_id) ON DELETE CASCADE,
        idx integer NOT NULL,
        body json NOT NULL,
        PRIMARY KEY (stream_id, idx)
      );
    `,
  },
  {
    version: 6,
    name: "conversations and their items; stored items found by id (item_reference)",
    sql: (s) => `
      CREATE TABLE ${s}.conversations (
        id text PRIMARY KEY,
        body json NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE ${s}.conversation_items (
        conversation_id text NOT NULL REFERENCES ${s}.conversations (id) ON DELETE CASCADE,
        position integer NOT NULL,
        item_id text NOT NULL,
        body json NOT NULL,
        PRIMARY KEY (conversation_id, position)
      );
      CREATE INDEX conversation_items_by_item ON ${s}.conversation_items (item_id);
      CREATE INDEX response_input_items_by_item_id ON ${s}.response_input_items (item_id);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

export class DatastoreSchemaError extends Error {
  override name = "DatastoreSchemaError";
}

const SETUP_HINT =
  "run `switchboard serve --setup-datastore` once (or call setupDatastore(db)) to create or upgrade it";

/** Postgres identifiers we create: lower-case so they never need quoting in a client's psql session. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,47}$/.test(schema)) {
    throw new DatastoreSchemaError(
      `schema name ${JSON.stringify(schema)} must match [a-z_][a-z0-9_]* (at most 48 characters)`,
    );
  }
  return schema;
}

/** A constant per schema for pg_advisory_xact_lock, so concurrent setups run one after the other. */
function setupLockKey(schema: string): string {
  let hash = 0n;
  for (const byte of Buffer.from(`switchboard-setup:${schema}`))
    hash = (hash * 131n + BigInt(byte)) & 0x7fff_ffff_ffff_ffffn;
  return hash.toString();
}

export interface SetupResult {
  /** Versions applied by this call, oldest first (empty when the schema was current). */
  applied: number[];
  version: number;
}

/**
 * Creates what is missing — the schema, `schema_migrations`, and every migration not yet
 * recorded — in one transaction. Never drops or rewrites anything that exists. Safe to run from
 * several processes at once: they take turns on an advisory lock and the later ones find nothing
 * to do.
 */
export async function setupDatastore(db: Database, options: { schema?: string } = {}): Promise<SetupResult> {
  const schema = checkSchemaName(options.schema ?? "switchboard");
  const s = `"${schema}"`;
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1::bigint)", [setupLockKey(schema)]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const current = await appliedVersion(tx, s);
    if (current > SCHEMA_VERSION) throw tooNew(db, schema, current);
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      try {
        await execMany(tx, migration.sql(s));
      } catch (error) {
        throw new DatastoreSchemaError(
          `migration ${migration.version} (${migration.name}) failed in ${db.description}, schema ${schema}: ` +
            `${error instanceof Error ? error.message : String(error)}; nothing was changed`,
          { cause: error },
        );
      }
      await tx.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return { applied, version: SCHEMA_VERSION };
  });
}

/** Throws a DatastoreSchemaError unless the schema is exactly at the version this code uses. */
export async function checkDatastore(db: Database, options: { schema?: string } = {}): Promise<void> {
  const schema = checkSchemaName(options.schema ?? "switchboard");
  const [exists] = await db.query<{ found: boolean }>("SELECT to_regclass($1) IS NOT NULL AS found", [
    `"${schema}".schema_migrations`,
  ]);
  if (!exists?.found) {
    throw new DatastoreSchemaError(
      `Switchboard's tables are missing in ${db.description} (no ${schema}.schema_migrations): ${SETUP_HINT}`,
    );
  }
  const version = await appliedVersion(db, `"${schema}"`);
  if (version > SCHEMA_VERSION) throw tooNew(db, schema, version);
  if (version < SCHEMA_VERSION) {
    throw new DatastoreSchemaError(
      `Switchboard's schema in ${db.description} (${schema}) is at version ${version}, older than the ${SCHEMA_VERSION} this version needs: ${SETUP_HINT}`,
    );
  }
}

async function appliedVersion(db: Queryable, s: string): Promise<number> {
  const [row] = await db.query<{ version: number | null }>(
    `SELECT max(version) AS version FROM ${s}.schema_migrations`,
  );
  return row?.version ?? 0;
}

function tooNew(db: Database, schema: string, version: number): DatastoreSchemaError {
  return new DatastoreSchemaError(
    `Switchboard's schema in ${db.description} (${schema}) is at version ${version}, newer than the ${SCHEMA_VERSION} this version knows: upgrade Switchboard`,
  );
}

/** The extended protocol takes one statement per call; migrations hold several. */
async function execMany(db: Queryable, sql: string): Promise<void> {
  for (const statement of sql.split(/;\s*\n/)) {
    if (statement.trim()) await db.query(statement);
  }
}
