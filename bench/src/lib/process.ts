/**
 * Every benchmark runs its server and its load generator in separate processes, so neither steals
 * the other's event loop. They talk over Node's IPC channel: a child announces itself with
 * `{ready}` and then answers `{id, command, args}` calls with `{id, value}` or `{id, error}`
 * (see child.ts).
 *
 * The children run a bundle of bench/src built by esbuild, with the workspace packages compiled in
 * and every other package left to node_modules: compiled JavaScript, as an application would
 * deploy it. Running the TypeScript sources through tsx instead would measure tsx: it compiles
 * with `keepNames`, which wraps every function the core creates per request in an extra
 * `Object.defineProperty` call and gives each closure its own property store.
 */
import { type ChildProcess, fork } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { isBuiltin } from "node:module";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import type { Call } from "./child.js";

const here = dirname(fileURLToPath(import.meta.url));
/** bench/, from src/lib or from the bundle (node_modules/.cache/bench), which also starts children (`inproc relay`). */
export const benchRoot = join(here, basename(here) === "bench" ? "../../.." : "../..");
export const repoRoot = join(benchRoot, "..");

// Under node_modules/.cache, where tools look for build caches and linters and git do not.
const buildDir = join(benchRoot, "node_modules/.cache/bench");
const ENTRIES = ["server", "load", "inproc"] as const;
export type Entry = (typeof ENTRIES)[number];

/**
 * Workspace packages are compiled into the bundle (from their sources); everything else stays a
 * package import. pnpm gives each package only its own dependencies, so the core's (pino, undici,
 * …) cannot be found by name from the bundle's folder: every package imported is linked into
 * `<buildDir>/node_modules` from where its importer finds it.
 */
function externalPackages(links: Map<string, string>): Plugin {
  return {
    name: "external-packages",
    setup(bundle) {
      bundle.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith("@switchboard/")) return undefined;
        const name = args.path
          .split("/")
          .slice(0, args.path.startsWith("@") ? 2 : 1)
          .join("/");
        if (!isBuiltin(args.path) && !links.has(name)) {
          for (let dir = args.resolveDir; dir !== dirname(dir); dir = dirname(dir)) {
            const candidate = join(dir, "node_modules", name);
            if (existsSync(candidate)) {
              links.set(name, realpathSync(candidate));
              break;
            }
          }
        }
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * `BENCH_OVERLAY=<dir>`: a file at `<dir>/<path in the repo>` replaces that source in the bundles,
 * so a change to the core can be measured against the committed code without touching the tree.
 */
function overlay(dir: string): Plugin {
  return {
    name: "overlay",
    setup(bundle) {
      bundle.onLoad({ filter: /\.ts$/ }, (args) => {
        const replacement = join(dir, relative(repoRoot, args.path));
        if (args.path.startsWith(benchRoot) || !existsSync(replacement)) return undefined;
        return { contents: readFileSync(replacement, "utf8"), loader: "ts", resolveDir: dirname(args.path) };
      });
    },
  };
}

/** Builds the children's bundles; run once before any child starts. */
export async function buildChildren(): Promise<void> {
  const overlayDir = process.env.BENCH_OVERLAY;
  if (overlayDir) process.stderr.write(`BENCH_OVERLAY: sources under ${overlayDir} replace the tree's\n`);
  const links = new Map<string, string>();
  await build({
    entryPoints: {
      ...Object.fromEntries(ENTRIES.map((entry) => [entry, join(benchRoot, "src", `${entry}.ts`)])),
      // The embedded database's thread, which the store loads from next to its own module.
      "pglite-thread": join(repoRoot, "packages/store-postgres/src/pglite-thread.ts"),
    },
    outdir: buildDir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    conditions: ["source"],
    sourcemap: "linked",
    plugins: [externalPackages(links), ...(overlayDir ? [overlay(overlayDir)] : [])],
    logLevel: "warning",
  });
  const modules = join(buildDir, "node_modules");
  rmSync(modules, { recursive: true, force: true });
  for (const [name, target] of links) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(target, join(modules, name), "dir");
  }
}

export interface ChildOptions {
  /** Extra Node flags, e.g. `--expose-gc` or `--cpu-prof`. */
  nodeFlags?: string[];
  /** Milliseconds to wait for `ready`. */
  startTimeoutMs?: number;
}

export interface Child<Ready = Record<string, unknown>> {
  readonly ready: Ready;
  readonly pid: number;
  call<T = unknown>(command: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks the child to exit (so `--cpu-prof` can write its profile), then kills it if it lingers. */
  stop(): Promise<void>;
}

/** Where `--profile` writes CPU profiles. */
export const profileDir = join(benchRoot, "results/profiles");

export function profileFlags(enabled: boolean, name: string): string[] {
  if (!enabled) return [];
  // One directory per server: tsx's loader thread writes a profile of its own next to the main thread's.
  const dir = join(profileDir, `${name}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return ["--cpu-prof", `--cpu-prof-dir=${dir}`];
}

export const bundlePath = (entry: Entry) => join(buildDir, `${entry}.mjs`);

/** Forks a child from its bundle (see `buildChildren`). */
export function startChild<Ready = Record<string, unknown>>(
  entry: Entry,
  args: string[],
  options: ChildOptions = {},
): Promise<Child<Ready>> {
  const child: ChildProcess = fork(bundlePath(entry), args, {
    cwd: benchRoot,
    execArgv: options.nodeFlags ?? [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", (code, signal) => {
    for (const call of pending.values()) call.reject(new Error(`${entry} ${args[0] ?? ""} exited (${signal ?? code})`));
    pending.clear();
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${entry} ${args.join(" ")} did not start within ${options.startTimeoutMs ?? 30_000} ms`));
    }, options.startTimeoutMs ?? 30_000);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} ${args.join(" ")} exited before it was ready (${signal ?? code})`));
    });
    child.on("message", (message: { ready?: boolean; id?: number; value?: unknown; error?: string }) => {
      if (message.ready) {
        clearTimeout(timer);
        resolve({
          ready: message as Ready,
          pid: child.pid!,
          call<T>(command: string, callArgs?: unknown, timeoutMs = 120_000) {
            const id = nextId++;
            return new Promise<T>((resolveCall, rejectCall) => {
              const deadline = setTimeout(() => {
                pending.delete(id);
                rejectCall(new Error(`${entry}: ${command} took longer than ${timeoutMs} ms`));
              }, timeoutMs);
              pending.set(id, {
                resolve: (value) => {
                  clearTimeout(deadline);
                  resolveCall(value as T);
                },
                reject: (error) => {
                  clearTimeout(deadline);
                  rejectCall(error);
                },
              });
              child.send({ id, command, args: callArgs ?? null } satisfies Call);
            });
          },
          async stop() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.disconnect();
            const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
            await exited;
            clearTimeout(timer);
          },
        });
        return;
      }
      const call = message.id === undefined ? undefined : pending.get(message.id);
      if (!call) return;
      pending.delete(message.id!);
      if (message.error !== undefined) call.reject(new Error(message.error));
      else call.resolve(message.value);
    });
  });
}

/** Stops a spawned process: SIGTERM, then SIGKILL if it has not exited 15 s later. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
