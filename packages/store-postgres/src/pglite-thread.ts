/**
 * The embedded database's own thread (a `worker_threads` worker, started by `pglite.ts`): PGlite
 * runs Postgres compiled to WebAssembly synchronously, so on the server's thread every statement
 * stopped every request for its duration. Here it runs beside them, and a second core does the
 * database's work.
 *
 * It answers the messages of `pglite.ts` (`ThreadRequest`) with `ThreadReply`. Self-contained on
 * purpose: Node runs this file as it is, compiled JavaScript or TypeScript source with its types
 * stripped, so it imports nothing of this package.
 */
import { readFile } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import { PGlite, type PGliteOptions, type Transaction } from "@electric-sql/pglite";

/** The first message the thread takes: which data directory to open (id 0 answers it). */
export interface ThreadOpen {
  op: "open";
  dataDir: string;
}

export type ThreadRequest =
  | { id: number; op: "query"; text: string; params?: unknown[]; tx?: number }
  | { id: number; op: "begin" }
  | { id: number; op: "end"; tx: number; commit: boolean }
  | { id: number; op: "listen"; channel: string }
  | { id: number; op: "unlisten"; listener: number }
  | { id: number; op: "close" };

export type ThreadReply =
  | { id: number; value: unknown }
  | { id: number; error: { message: string; fields: Record<string, unknown> } }
  | { listener: number; payload: string };

/** Thrown inside a transaction's callback to make PGlite roll it back. */
const ROLLBACK = Symbol("rollback");

/**
 * PGlite's WebAssembly compiled and its file system bundle read, started as soon as the thread
 * runs: a new data directory is copied from its template meanwhile (`pglite.ts`), so that work is
 * off the start-up's critical path. A build laid out differently gets nothing here, and PGlite loads
 * its files itself.
 */
async function preload(): Promise<Partial<PGliteOptions>> {
  try {
    const dist = new URL(".", import.meta.resolve("@electric-sql/pglite"));
    const [wasm, data] = await Promise.all([
      readFile(new URL("pglite.wasm", dist)),
      readFile(new URL("pglite.data", dist)),
    ]);
    return { wasmModule: await WebAssembly.compile(wasm), fsBundle: new Blob([data]) };
  } catch {
    return {};
  }
}

async function serve(dataDir: string, preloaded: Promise<Partial<PGliteOptions>>): Promise<void> {
  const port = parentPort!;
  const db = await PGlite.create(dataDir, await preloaded);
  const transactions = new Map<number, { tx: Transaction; end(commit: boolean): void; done: Promise<void> }>();
  const unlisteners = new Map<number, () => Promise<void>>();
  const reply = (message: ThreadReply) => port.postMessage(message);

  const handle = async (request: ThreadRequest): Promise<unknown> => {
    switch (request.op) {
      case "query": {
        const on = request.tx === undefined ? db : transactions.get(request.tx)?.tx;
        if (!on) throw new Error(`transaction ${request.tx} is not open`);
        return (await on.query(request.text, request.params)).rows;
      }
      case "begin":
        // Answered from inside the transaction: PGlite holds its only connection for it until
        // `end` settles the callback (committed when it resolves, rolled back when it throws).
        return new Promise((opened, failed) => {
          let end!: (commit: boolean) => void;
          const ended = new Promise<void>((resolve, reject) => {
            end = (commit) => (commit ? resolve() : reject(ROLLBACK));
          });
          const done = db.transaction(async (tx) => {
            transactions.set(request.id, { tx, end, done });
            opened(request.id);
            await ended;
          });
          done.catch(failed);
        });
      case "end": {
        const open = transactions.get(request.tx);
        if (!open) throw new Error(`transaction ${request.tx} is not open`);
        transactions.delete(request.tx);
        open.end(request.commit);
        try {
          await open.done;
        } catch (error) {
          if (error !== ROLLBACK) throw error;
        }
        return null;
      }
      case "listen":
        unlisteners.set(
          request.id,
          await db.listen(request.channel, (payload) => reply({ listener: request.id, payload })),
        );
        return request.id;
      case "unlisten":
        await unlisteners.get(request.listener)?.();
        unlisteners.delete(request.listener);
        return null;
      case "close":
        await db.close();
        return null;
    }
  };

  port.on("message", (request: ThreadRequest) => {
    handle(request).then(
      (value) => reply({ id: request.id, value }),
      (error: unknown) => {
        const fields = error && typeof error === "object" ? { ...error } : {};
        const message = error instanceof Error ? error.message : String(error);
        reply({ id: request.id, error: { message, fields } });
      },
    );
  });
  port.postMessage({ id: 0, value: "ready" } satisfies ThreadReply);
}

if (parentPort) {
  const preloaded = preload();
  parentPort.once("message", (open: ThreadOpen) => {
    serve(open.dataDir, preloaded).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      parentPort!.postMessage({ id: 0, error: { message, fields: {} } } satisfies ThreadReply);
    });
  });
}
