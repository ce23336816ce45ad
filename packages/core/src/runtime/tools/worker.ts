import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type ResourceLimits, Worker } from "node:worker_threads";
import { abortReason } from "../model/abort.js";
import { defineTool } from "./define.js";
import type { Tool } from "./types.js";

export interface WorkerToolOptions {
  name: string;
  description?: string;
  /** JSON Schema of the arguments; they are validated on the calling thread before a worker starts. */
  parameters: Record<string, unknown>;
  /** The module holding the implementation: a URL (`new URL("./primes.js", import.meta.url)`) or a file path. */
  module: URL | string;
  /**
   * The export to call, default `default`: a function `(args, {agent}) => result` (sync or async),
   * or an object with such an `execute` method (a tool made by `defineTool`).
   */
  exportName?: string;
  resourceLimits?: ResourceLimits;
}

/** Error thrown inside a worker tool, carried back to the calling thread. */
export class WorkerToolError extends Error {
  constructor(
    message: string,
    readonly originalName: string,
  ) {
    super(message);
    this.name = "WorkerToolError";
  }
}

// Evaluated as a CommonJS script inside the worker. A loader registered with `--import tsx` does
// not reach worker threads (Node 22 and 24 alike), so a TypeScript module gets tsx registered in
// the worker.
const BOOTSTRAP = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  try {
    if (workerData.tsx && /\\.[cm]?ts$/.test(new URL(workerData.module).pathname)) {
      (await import(workerData.tsx)).register();
    }
    const mod = await import(workerData.module);
    const target = mod[workerData.exportName];
    const run =
      typeof target === "function" ? target
      : target && typeof target.execute === "function" ? target.execute.bind(target)
      : undefined;
    if (!run) throw new TypeError(workerData.module + " has no function export " + JSON.stringify(workerData.exportName));
    const result = await run(workerData.args, { agent: workerData.agent });
    parentPort.postMessage({ ok: true, result });
  } catch (error) {
    parentPort.postMessage({
      ok: false,
      name: (error && error.name) || "Error",
      message: error && error.message !== undefined ? error.message : String(error),
    });
  }
})();
`;

type WorkerReply = { ok: true; result: unknown } | { ok: false; name: string; message: string };

/**
 * A tool whose implementation runs in its own `worker_threads` Worker, so CPU-heavy work never
 * blocks the event loop that serves every other request. Each call gets a fresh worker (isolated,
 * nothing shared); an abort terminates it. Arguments and results must be structured-cloneable.
 */
export function workerTool(options: WorkerToolOptions): Tool {
  const module = moduleSpecifier(options.module);
  const exportName = options.exportName ?? "default";
  return defineTool({
    name: options.name,
    ...(options.description === undefined ? {} : { description: options.description }),
    parameters: options.parameters,
    execute: (args, ctx) =>
      new Promise((resolvePromise, reject) => {
        if (ctx.signal.aborted) return reject(abortReason(ctx.signal));
        const worker = new Worker(BOOTSTRAP, {
          eval: true,
          workerData: { module, tsx: tsxApi(), exportName, args, agent: ctx.agent },
          ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
        });
        let settled = false;
        const settle = (action: () => void) => {
          if (settled) return;
          settled = true;
          ctx.signal.removeEventListener("abort", onAbort);
          // The worker may have left timers or handles behind; nothing of it is needed any more.
          void worker.terminate();
          action();
        };
        const onAbort = () => settle(() => reject(abortReason(ctx.signal)));
        ctx.signal.addEventListener("abort", onAbort, { once: true });
        worker.once("message", (reply: WorkerReply) =>
          settle(() =>
            reply.ok ? resolvePromise(reply.result) : reject(new WorkerToolError(reply.message, reply.name)),
          ),
        );
        worker.once("error", (error) => settle(() => reject(error)));
        worker.once("exit", (code) =>
          settle(() => reject(new Error(`worker for tool ${options.name} exited with code ${code} before replying`))),
        );
      }),
  });
}

let tsxApiURL: string | null | undefined;
/** tsx's ESM API when it is installed (it is wherever TypeScript runs through `--import tsx`). */
function tsxApi(): string | null {
  if (tsxApiURL === undefined) {
    try {
      tsxApiURL = import.meta.resolve("tsx/esm/api");
    } catch {
      tsxApiURL = null;
    }
  }
  return tsxApiURL;
}

function moduleSpecifier(module: URL | string): string {
  if (module instanceof URL) return module.href;
  if (/^(file|data):/.test(module)) return module;
  return pathToFileURL(isAbsolute(module) ? module : resolve(module)).href;
}
