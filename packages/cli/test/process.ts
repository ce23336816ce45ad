import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const cliRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = join(cliRoot, "../..");
/** The `switchboard` command as a checkout installs it (pnpm's shim of the package's bin). */
export const switchboardBin = join(repoRoot, "node_modules/.bin/switchboard");

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end. */
export function run(
  command: string,
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<Finished> {
  const child = spawn(command, args, {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RunningCli {
  url: string;
  output(): { stdout: string; stderr: string };
  close(): Promise<number | null>;
}

const LISTENING = /listening on (http:\/\/\S+)/;

/** Starts `switchboard …` and resolves once it prints the URL it listens on. */
export function startCli(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {},
): Promise<RunningCli> {
  const child = spawn(switchboardBin, args, {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      cleanup();
      stop(child).then(() => reject(new Error(`${message}\nstdout:\n${stdout}\nstderr:\n${stderr}`)));
    };
    const timer = setTimeout(() => fail("no listening line"), options.timeoutMs ?? 90_000);
    const onData = () => {
      const match = LISTENING.exec(stdout);
      if (!match) return;
      cleanup();
      resolve({
        url: match[1]!,
        output: () => ({ stdout, stderr }),
        close: async () => {
          await stop(child);
          return exited;
        },
      });
    };
    const onExit = (code: number | null) => fail(`exited early with ${code}`);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.off("exit", onExit);
    };
    child.stdout.on("data", onData);
    child.on("exit", onExit);
  });
}

/** SIGTERM, then SIGKILL when the process has not exited within 5 s. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
