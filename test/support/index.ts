/**
 * The cross-adapter test harness: start Switchboard on each framework in-process, or the real
 * `switchboard serve` CLI as a child process. Suites use `describe.each(ADAPTERS)`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSwitchboard, type Switchboard, type SwitchboardOptions } from "@switchboard/core";
import type { RunningServer } from "@switchboard/core/node";

export const ADAPTERS = ["express", "fastify", "hono"] as const;
export type Adapter = (typeof ADAPTERS)[number];
/**
 * What `startServer` can start: the adapters' `listen()`, and `hono-fetch`, the portable Hono app
 * (`switchboardHono`) that Bun, Deno or Workers run, here on @hono/node-server's fetch bridge.
 * Hono's `listen()` answers on Node's request and response instead, so without `hono-fetch` no
 * suite would see the fetch Request/Response path.
 */
export type ServerKind = Adapter | "hono-fetch";
/** The adapters and the portable Hono app: suites of HTTP behaviour run on all of them. */
export const SERVER_KINDS: readonly ServerKind[] = [...ADAPTERS, "hono-fetch"];

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");

export interface TestServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  /** The same with `ws://`, for WebSocket clients. */
  wsUrl: string;
  port: number;
  close(): Promise<void>;
}

export interface StartOptions {
  /**
   * Registers a plain framework route `GET <path>` answering `200 framework` after Switchboard,
   * to prove that paths no protocol owns fall through to the framework.
   */
  frameworkRoute?: string;
}

const FRAMEWORK_REPLY = "framework";

/**
 * Starts the adapter in-process on 127.0.0.1, port 0. Given options, it creates the Switchboard
 * and closes it in `close()`; a Switchboard passed in stays the caller's to close.
 */
export async function startServer(
  framework: ServerKind,
  app: Switchboard | SwitchboardOptions,
  options: StartOptions = {},
): Promise<TestServer> {
  const owned = !("handle" in app);
  const sb = owned ? createSwitchboard(app) : app;
  const listenOptions = { host: "127.0.0.1", port: 0 };
  const route = options.frameworkRoute;
  let server: RunningServer;
  switch (framework) {
    case "express": {
      const { listen } = await import("@switchboard/express");
      server = await listen(sb, {
        ...listenOptions,
        configure: route ? (app) => app.get(route, (_req, res) => void res.send(FRAMEWORK_REPLY)) : undefined,
      });
      break;
    }
    case "fastify": {
      const { listen } = await import("@switchboard/fastify");
      server = await listen(sb, {
        ...listenOptions,
        configure: route ? (app) => app.get(route, async () => FRAMEWORK_REPLY) : undefined,
      });
      break;
    }
    case "hono": {
      const { listen } = await import("@switchboard/hono");
      server = await listen(sb, {
        ...listenOptions,
        configure: route ? (app) => app.get(route, (c) => c.text(FRAMEWORK_REPLY)) : undefined,
      });
      break;
    }
    case "hono-fetch": {
      const { attachWebSocket, switchboardHono } = await import("@switchboard/hono");
      const { createAdaptorServer } = await import("@hono/node-server");
      const { listenNode } = await import("@switchboard/core/node");
      const app = switchboardHono(sb);
      if (route) app.get(route, (c) => c.text(FRAMEWORK_REPLY));
      const http = createAdaptorServer({ fetch: app.fetch, hostname: listenOptions.host }) as Server;
      server = await listenNode(http, attachWebSocket(http, sb), listenOptions);
      break;
    }
  }
  return {
    url: server.url,
    wsUrl: server.url.replace(/^http/, "ws"),
    port: server.port,
    async close() {
      await server.close(200);
      if (owned) await sb.close();
    },
  };
}

export interface TestProcess extends TestServer {
  /** Everything the process wrote so far. */
  output(): { stdout: string; stderr: string };
  /** Settles when the process exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const LISTENING = /Switchboard listening on (http:\/\/\S+) \((\w+)\)/;

/**
 * Spawns the real CLI (`switchboard serve`) with `env` on top of the test's environment, on a
 * free port (PORT=0 unless given), and resolves once it printed its URL.
 */
export function startServerProcess(
  framework: Adapter,
  env: Record<string, string | undefined> = {},
  timeoutMs = 30_000,
): Promise<TestProcess> {
  // Its own embedded database unless told otherwise: PGlite serves one process at a time.
  const dataDir = env.SWITCHBOARD_DATA_DIR ? undefined : mkdtempSync(join(tmpdir(), "switchboard-cli-"));
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", "packages/cli/src/bin.ts", "serve"],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        PORT: "0",
        SWITCHBOARD_FRAMEWORK: framework,
        ...(dataDir ? { SWITCHBOARD_DATA_DIR: dataDir } : {}),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      cleanup();
      stop(child);
      reject(new Error(`${message}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`switchboard serve did not print its URL within ${timeoutMs} ms`), timeoutMs);
    const onData = () => {
      const match = LISTENING.exec(stdout);
      if (!match) return;
      cleanup();
      const url = match[1]!;
      resolve({
        url,
        wsUrl: url.replace(/^http/, "ws"),
        port: Number(new URL(url).port),
        output: () => ({ stdout, stderr }),
        exited,
        close: () => stop(child),
      });
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(`switchboard serve exited early (code ${code}, signal ${signal})`);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.off("exit", onExit);
    };
    child.stdout.on("data", onData);
    child.on("exit", onExit);
  });
}

/** SIGTERM, then SIGKILL if the process has not exited within 5 s. */
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
