import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { StoreUnavailableError } from "@switchboard/core";
import type { Database, Queryable } from "./database.js";
import type { ThreadOpen, ThreadReply, ThreadRequest } from "./pglite-thread.js";

/** What a new embedded database starts with beyond a pristine cluster (see `pgliteDatabase`). */
export interface PgliteTemplate {
  /** Names what `prepare` makes (e.g. a hash of the migrations): templates are kept per key. */
  key: string;
  /** Runs once on the template's new cluster before it is first copied. */
  prepare(db: Database): Promise<void>;
}

/**
 * An embedded PGlite database; `dataDir` is created when missing. A new data directory starts as
 * a copy of a template cluster kept in the temp directory (made once per PGlite version, template
 * key and user): PGlite's own initdb takes seconds of CPU, and a schema's migrations most of
 * another (`template.prepare`, e.g. the store's schema), where a copy takes a fraction of one.
 * PGlite runs on a thread of its own (`pglite-thread.ts`), so its statements do not stop the
 * server's requests.
 */
export async function pgliteDatabase(dataDir: string, template?: PgliteTemplate): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  // Started first: the thread loads PGlite while a new directory is copied from its template.
  const starting = PgliteThread.spawn();
  let unlock: () => void;
  try {
    if (readdirSync(dataDir).length === 0) await seedFromTemplate(dataDir, template).catch(() => {});
    unlock = lockDataDir(dataDir);
  } catch (error) {
    await starting.terminate();
    throw error;
  }
  let thread: PgliteThread;
  try {
    thread = await starting.open(dataDir);
  } catch (error) {
    unlock();
    throw new Error(
      `cannot open the embedded database in ${dataDir}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return threadDatabase(thread, dataDir, unlock);
}

const LOCK_FILE = "switchboard.lock";

/**
 * PGlite does not notice a second process opening its files, and two would corrupt them: a lock
 * file holding the owner's pid keeps the directory to one. A lock whose process is gone (killed)
 * is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let owner = Number.NaN;
    try {
      owner = Number.parseInt(readFileSync(file, "utf8"), 10);
    } catch {
      continue;
    }
    if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
      throw new Error(
        `the embedded database in ${dataDir} is in use by ${owner === process.pid ? "this process" : `process ${owner}`}: ` +
          `PGlite serves one process (use Postgres, DATABASE_URL, for several; delete ${file} if no process uses it)`,
      );
    }
    rmSync(file, { force: true });
  }
  throw new Error(`cannot lock the embedded database in ${dataDir} (${file} keeps changing)`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function seedFromTemplate(dataDir: string, prepared?: PgliteTemplate): Promise<void> {
  const version = pgliteVersion();
  if (!version) return;
  // `1db`: templates hold only the database PGlite opens (see `singleDatabase`).
  const key = `${version}-1db${prepared ? `-${prepared.key}` : ""}`;
  const template = join(tmpdir(), `switchboard-pglite-${key}-${process.getuid?.() ?? "user"}`);
  if (!isOwnDirectory(template) || !existsSync(join(template, "PG_VERSION"))) {
    const staging = mkdtempSync(`${template}-staging-`);
    try {
      const db = threadDatabase(await PgliteThread.spawn().open(staging), staging, () => {});
      try {
        await singleDatabase(db);
        await prepared?.prepare(db);
      } finally {
        await db.close();
      }
      // Atomic: a concurrent process either sees no template or a whole one.
      renameSync(staging, template);
    } catch {
      rmSync(staging, { recursive: true, force: true });
      if (!isOwnDirectory(template)) return;
    }
  }
  cpSync(template, dataDir, { recursive: true, filter: (source) => basename(source) !== "postmaster.pid" });
}

/**
 * Drops the databases of a new cluster that PGlite never opens: it serves `template1`, and
 * `postgres` and `template0` are there for a server's other clients (`psql` by default, `CREATE
 * DATABASE … TEMPLATE template0`), which an embedded store has none of. They are two thirds of a
 * cluster's files, and a new data directory is a copy of the template, where each file costs a
 * creation on the file system (about 0.3 ms each here, 1,048 files against 454).
 */
async function singleDatabase(db: Database): Promise<void> {
  await db.query("DROP DATABASE IF EXISTS postgres");
  await db.query("UPDATE pg_database SET datistemplate = false WHERE datname = 'template0'");
  await db.query("DROP DATABASE IF EXISTS template0");
}

/** A directory this user made (a template planted by someone else is not used). */
function isOwnDirectory(path: string): boolean {
  try {
    const stats = statSync(path);
    return stats.isDirectory() && (process.getuid === undefined || stats.uid === process.getuid());
  } catch {
    return false;
  }
}

function pgliteVersion(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.resolve("@electric-sql/pglite")));
  for (let depth = 0; depth < 4; depth++, dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "@electric-sql/pglite") return pkg.version;
  }
  return undefined;
}

/** Distributes Omit over a union, so each request keeps its own fields. */
type Unnumbered<R> = R extends unknown ? Omit<R, "id"> : never;

/**
 * The main thread's side of `pglite-thread.ts`: requests go out numbered, replies settle them, and
 * notifications go to their listeners. The worker keeps the process alive only while a request
 * waits for its reply, as an in-process PGlite would.
 */
class PgliteThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  readonly #listeners = new Map<number, (payload: string) => void>();
  #next = 1;
  #stopped: Error | undefined;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on("message", (reply: ThreadReply) => {
      if ("listener" in reply) {
        this.#listeners.get(reply.listener)?.(reply.payload);
        return;
      }
      const waiting = this.#waiting.get(reply.id);
      if (!waiting) return;
      this.#waiting.delete(reply.id);
      if (this.#waiting.size === 0) worker.unref();
      if ("error" in reply) waiting.reject(Object.assign(new Error(reply.error.message), reply.error.fields));
      else waiting.resolve(reply.value);
    });
    const stop = (error: Error) => {
      this.#stopped ??= error;
      for (const waiting of this.#waiting.values()) waiting.reject(this.#stopped);
      this.#waiting.clear();
    };
    worker.on("error", (error) =>
      stop(new StoreUnavailableError("the embedded database's thread failed", { cause: error })),
    );
    worker.on("exit", (code) =>
      stop(new StoreUnavailableError(`the embedded database's thread stopped (exit code ${code})`)),
    );
  }

  /** Starts the thread, which begins loading PGlite; `open` then names its data directory. */
  static spawn(): PgliteThread {
    return new PgliteThread(new Worker(threadFile()));
  }

  /** Opens the database in `dataDir` (once, first); resolves once it is open. */
  async open(dataDir: string): Promise<PgliteThread> {
    // A thread that failed while loading (its module missing, say) would never answer.
    if (this.#stopped) throw this.#stopped;
    const ready = new Promise((resolve, reject) => this.#waiting.set(0, { resolve, reject }));
    this.#worker.postMessage({ op: "open", dataDir } satisfies ThreadOpen);
    try {
      await ready;
    } catch (error) {
      await this.terminate();
      throw error;
    }
    this.#worker.unref();
    return this;
  }

  /** Stops a thread that never opened its database. */
  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }

  request(request: Unnumbered<ThreadRequest>): Promise<unknown> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      if (this.#waiting.size === 1) this.#worker.ref();
      this.#worker.postMessage({ ...request, id });
    });
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const listener = (await this.request({ op: "listen", channel })) as number;
    this.#listeners.set(listener, onNotify);
    return async () => {
      if (!this.#listeners.delete(listener) || this.#stopped) return;
      await this.request({ op: "unlisten", listener });
    };
  }

  async close(): Promise<void> {
    if (this.#stopped) return;
    try {
      await this.request({ op: "close" });
    } finally {
      this.#stopped = new StoreUnavailableError("the embedded database is closed");
      await this.#worker.terminate();
    }
  }
}

/**
 * The thread's module next to this one: `pglite-thread.js` when this package runs compiled, the
 * TypeScript source (which Node runs with its types stripped) when it runs from source, and
 * `.mjs` in a bundle that emits one (the benchmarks).
 */
function threadFile(): URL {
  for (const name of ["pglite-thread.js", "pglite-thread.mjs", "pglite-thread.ts"]) {
    const url = new URL(name, import.meta.url);
    if (existsSync(url)) return url;
  }
  throw new Error(`pglite-thread.js is missing next to ${fileURLToPath(import.meta.url)}`);
}

function threadDatabase(thread: PgliteThread, description: string, unlock: () => void): Database {
  const queryOn =
    (tx?: number): Queryable["query"] =>
    async (text, params) =>
      (await thread.request({ op: "query", text, params: params as unknown[] | undefined, tx })) as never[];
  let closed = false;
  return {
    kind: "pglite",
    description,
    query: queryOn(),
    async transaction(fn) {
      const tx = (await thread.request({ op: "begin" })) as number;
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        result = await fn({ query: queryOn(tx) });
      } catch (error) {
        await thread.request({ op: "end", tx, commit: false });
        throw error;
      }
      await thread.request({ op: "end", tx, commit: true });
      return result;
    },
    listen: (channel, onNotify) => thread.listen(channel, onNotify),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await thread.close();
      } finally {
        unlock();
      }
    },
  };
}
