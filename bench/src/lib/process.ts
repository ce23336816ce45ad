/**
 * Every benchmark runs its server and its load generator in separate processes, so neither steals
 * the other's event loop. They talk over Node's IPC channel: a child announces itself with
 * `{ready}` and then answers `{id, command, args}` calls with `{id, value}` or `{id, error}`.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const benchRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const repoRoot = join(benchRoot, "..");

type Handler = (args: never) => unknown;

interface Call {
  id: number;
  command: string;
  args: unknown;
}

/** The child side: answers the parent's calls with `handlers` and reports `ready` once. */
export function serveCalls(handlers: Record<string, Handler>, ready: Record<string, unknown> = {}): void {
  if (!process.send) throw new Error("this entry point runs as a forked child of bench/src/run.ts");
  process.on("message", async (message: Call) => {
    const handler = handlers[message.command];
    try {
      if (!handler) throw new Error(`unknown command ${message.command}`);
      const value = await handler(message.args as never);
      process.send!({ id: message.id, value: value ?? null });
    } catch (error) {
      process.send!({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  // The parent going away must never leave a server running.
  process.on("disconnect", () => process.exit(0));
  process.send({ ready: true, ...ready });
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

/** Forks a TypeScript entry of bench/src with the workspace's `source` condition. */
export function startChild<Ready = Record<string, unknown>>(
  entry: string,
  args: string[],
  options: ChildOptions = {},
): Promise<Child<Ready>> {
  const child: ChildProcess = fork(join(benchRoot, "src", entry), args, {
    cwd: benchRoot,
    execArgv: ["--conditions=source", "--import", "tsx", ...(options.nodeFlags ?? [])],
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
