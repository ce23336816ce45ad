import { createLogger, type SwitchboardLogger } from "@switchboard/core";
import pg from "pg";

/** Runs one statement; rows come back as plain objects keyed by column name. */
export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/**
 * What the stores need from a database, so that Postgres (over `pg`) and PGlite (in process) run
 * the same SQL. Only Postgres is shared between processes; PGlite belongs to one process.
 */
export interface Database extends Queryable {
  readonly kind: "postgres" | "pglite";
  /** Where the data lives, for messages (a URL without its password, or a directory). */
  readonly description: string;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` with the payload of every NOTIFY on `channel`; resolves once listening. A
   * shared server may drop the listening connection; `onReconnect` is called when it is back, so
   * the caller can catch up on what it may have missed.
   */
  listen(channel: string, onNotify: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  /**
   * Session-level advisory locks, held on one connection until released or until that connection
   * dies (a crashed process releases its locks). Absent for PGlite: one process owns it anyway.
   */
  readonly advisoryLocks?: AdvisoryLocks;
  close(): Promise<void>;
}

export interface AdvisoryLocks {
  tryLock(key: bigint): Promise<boolean>;
  unlock(key: bigint): Promise<void>;
  /**
   * Holds `key` for as long as this Database is open, taking it again whenever the lock
   * connection is re-established: other processes read it in pg_locks as "this owner is alive".
   */
  holdWhileOpen(key: bigint): Promise<void>;
}

/** Distinct statement texts a Postgres database prepares (per connection) before running the rest unnamed. */
const MAX_PREPARED = 500;

/** A Postgres server reached through a `pg` pool. */
export function postgresDatabase(config: string | pg.PoolConfig, logger: SwitchboardLogger = createLogger()): Database {
  const poolConfig: pg.PoolConfig = typeof config === "string" ? { connectionString: config } : config;
  const pool = new pg.Pool({ max: 10, ...poolConfig });
  // An idle client whose server went away emits here; without a listener that would crash the process.
  pool.on("error", (error) => logger.warn({ err: error.message }, "postgres: idle connection failed"));
  const description = describeUrl(poolConfig.connectionString) ?? "postgres";
  const listener = new Listener(poolConfig, logger);
  let lockClient: Promise<pg.Client> | undefined;
  let closed = false;
  const heldWhileOpen = new Set<bigint>();
  let reconnectTimer: NodeJS.Timeout | undefined;

  const connectLockClient = (): Promise<pg.Client> => {
    const client = new pg.Client(poolConfig);
    const ready = client.connect().then(async () => {
      for (const key of heldWhileOpen) await client.query("SELECT pg_advisory_lock($1::bigint)", [key.toString()]);
      return client;
    });
    lockClient = ready;
    const lost = () => {
      if (lockClient !== ready) return;
      lockClient = undefined;
      client.end().catch(() => {});
      // Other processes read the held keys as "this process is alive": take them back soon.
      if (heldWhileOpen.size > 0) reconnectLockClient(250);
    };
    client.on("error", (error) => {
      if (closed) return;
      logger.warn({ err: error.message }, "postgres: the session-lock connection failed; its locks are gone");
      lost();
    });
    ready.catch(lost);
    return ready;
  };
  const reconnectLockClient = (delayMs: number) => {
    if (closed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      if (closed || lockClient) return;
      connectLockClient().catch(() => reconnectLockClient(Math.min(delayMs * 2, 5_000)));
    }, delayMs);
    reconnectTimer.unref();
  };
  // Statements with parameters run as named prepared statements: each connection parses and
  // plans one the first time and then only binds and executes it, which on a busy server is a
  // good part of a short statement's cost. Names are per text, so they mean the same on every
  // connection; the texts are the stores' own fixed SQL, and the cap keeps SQL built at run time
  // from growing the map.
  const names = new Map<string, string>();
  const prepared = (text: string, params: readonly unknown[] | undefined): pg.QueryConfig => {
    // Without parameters a text may hold several statements (migrations), which only the simple
    // protocol runs, and never as a named statement.
    if (!params || params.length === 0) return { text };
    let name = names.get(text);
    if (name === undefined && names.size < MAX_PREPARED) {
      name = `switchboard_${names.size + 1}`;
      names.set(text, name);
    }
    return { text, values: params as unknown[], ...(name === undefined ? {} : { name }) };
  };
  const withLockClient = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    if (closed) throw new Error("the database is closed");
    return fn(await (lockClient ?? connectLockClient()));
  };

  return {
    kind: "postgres",
    description,
    async query(text, params) {
      const result = await pool.query(prepared(text, params));
      return result.rows;
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      // The pool listens for errors only on idle clients; a connection that dies while a
      // transaction holds it emits on the client itself, which without a listener would crash the
      // process. Its statements fail on their own; the client is then discarded, not pooled.
      const lost = () => {
        broken = true;
      };
      client.on("error", lost);
      try {
        await client.query("BEGIN");
        const value = await fn({
          async query(text, params) {
            return (await client.query(prepared(text, params))).rows;
          },
        });
        await client.query("COMMIT");
        return value;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.off("error", lost);
        client.release(broken);
      }
    },
    listen: (channel, onNotify, onReconnect) => listener.add(channel, onNotify, onReconnect),
    advisoryLocks: {
      tryLock: (key) =>
        withLockClient(async (client) => {
          const { rows } = await client.query("SELECT pg_try_advisory_lock($1::bigint) AS locked", [key.toString()]);
          return rows[0]?.locked === true;
        }),
      unlock: (key) =>
        withLockClient(async (client) => {
          await client.query("SELECT pg_advisory_unlock($1::bigint)", [key.toString()]);
        }),
      async holdWhileOpen(key) {
        if (heldWhileOpen.has(key)) return;
        const connected = lockClient !== undefined;
        heldWhileOpen.add(key);
        // A fresh connection takes every held key as it connects.
        await withLockClient(async (client) => {
          if (connected) await client.query("SELECT pg_advisory_lock($1::bigint)", [key.toString()]);
        });
      },
    },
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      const locks = lockClient;
      lockClient = undefined;
      await Promise.all([listener.close(), locks?.then((client) => client.end()).catch(() => {}), pool.end()]);
    },
  };
}

type NotifyHandler = { onNotify: (payload: string) => void; onReconnect: (() => void) | undefined };

/**
 * One connection LISTENing on every channel the process follows. When it drops it reconnects with
 * backoff, re-LISTENs, and tells the handlers so they can read what they missed from tables.
 */
class Listener {
  readonly #config: pg.PoolConfig;
  readonly #logger: SwitchboardLogger;
  readonly #channels = new Map<string, Set<NotifyHandler>>();
  #client: Promise<pg.Client> | undefined;
  #closed = false;
  #retryTimer: NodeJS.Timeout | undefined;

  constructor(config: pg.PoolConfig, logger: SwitchboardLogger) {
    this.#config = config;
    this.#logger = logger;
  }

  async add(channel: string, onNotify: (payload: string) => void, onReconnect?: () => void) {
    if (this.#closed) throw new Error("the database is closed");
    const handler: NotifyHandler = { onNotify, onReconnect };
    let handlers = this.#channels.get(channel);
    const fresh = !handlers;
    if (!handlers) {
      handlers = new Set();
      this.#channels.set(channel, handlers);
    }
    handlers.add(handler);
    try {
      const client = await this.#connection();
      if (fresh) await client.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      handlers.delete(handler);
      if (handlers.size === 0) this.#channels.delete(channel);
      throw error;
    }
    return async () => {
      handlers.delete(handler);
      if (handlers.size > 0 || this.#channels.get(channel) !== handlers) return;
      this.#channels.delete(channel);
      const client = await this.#client?.catch(() => undefined);
      await client?.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => {});
    };
  }

  #connection(): Promise<pg.Client> {
    if (this.#client) return this.#client;
    const client = new pg.Client(this.#config);
    client.on("notification", (message) => {
      for (const handler of this.#channels.get(message.channel) ?? []) handler.onNotify(message.payload ?? "");
    });
    const ready = client.connect().then(() => client);
    this.#client = ready;
    client.on("error", (error) => {
      if (this.#closed || this.#client !== ready) return;
      this.#logger.warn({ err: error.message }, "postgres: the LISTEN connection failed; reconnecting");
      this.#client = undefined;
      client.end().catch(() => {});
      this.#reconnect(250);
    });
    ready.catch(() => {
      if (this.#client === ready) this.#client = undefined;
    });
    return ready;
  }

  #reconnect(delayMs: number): void {
    if (this.#closed || this.#retryTimer) return;
    this.#retryTimer = setTimeout(async () => {
      this.#retryTimer = undefined;
      if (this.#closed || this.#channels.size === 0) return;
      try {
        const client = await this.#connection();
        for (const channel of this.#channels.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
      } catch {
        this.#reconnect(Math.min(delayMs * 2, 5_000));
        return;
      }
      for (const handlers of this.#channels.values()) for (const handler of handlers) handler.onReconnect?.();
    }, delayMs);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    const client = await this.#client?.catch(() => undefined);
    this.#client = undefined;
    await client?.end().catch(() => {});
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function describeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres (unparseable URL)";
  }
}
