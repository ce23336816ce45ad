#!/usr/bin/env node
// A throwaway PostgreSQL server for tests and local runs: initdb into a temp dir, start on a free
// loopback port (unix socket inside the temp dir too), stop and delete everything on exit.
//
//   node scripts/postgres.mjs                 prints DATABASE_URL=… and runs until Ctrl-C
//   node scripts/postgres.mjs <cmd> [args…]   runs the command with DATABASE_URL set, then stops
//   import { startPostgres } from "./scripts/postgres.mjs"   → { url, stop() }
//
// initdb and postgres refuse to run as root, so under root they run as the `postgres` user (or
// `nobody`) through spawn's uid/gid. The binaries come from Debian's `postgresql` package
// (/usr/lib/postgresql/<version>/bin); PG_BIN overrides the directory.
import { spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export class PostgresUnavailableError extends Error {}

export function findPostgresBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  if (existsSync("/usr/lib/postgresql")) {
    const versions = readdirSync("/usr/lib/postgresql")
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  }
  for (const dir of candidates) {
    if (existsSync(join(dir, "initdb")) && existsSync(join(dir, "postgres"))) return dir;
  }
  throw new PostgresUnavailableError(
    "PostgreSQL server binaries not found (looked for initdb and postgres under " +
      `${candidates.length ? candidates.join(", ") : "/usr/lib/postgresql/*/bin"}). ` +
      "Install them (Debian: apt-get install postgresql) or set PG_BIN to their directory.",
  );
}

/** Under root: the uid/gid of an unprivileged account the server may run as. */
function serverAccount() {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync("/etc/passwd", "utf8").split("\n");
  for (const name of ["postgres", "nobody"]) {
    const line = passwd.find((l) => l.startsWith(`${name}:`));
    if (!line) continue;
    const [, , uid, gid] = line.split(":");
    return { name, uid: Number(uid), gid: Number(gid) };
  }
  throw new PostgresUnavailableError("running as root but neither a `postgres` nor a `nobody` user exists");
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function waitReady(child, logs, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`postgres did not become ready in ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk) => {
      logs.push(chunk.toString());
      if (logs.join("").includes("ready to accept connections")) finish();
    };
    const onExit = (code, signal) => finish(new Error(`postgres exited early (${signal ?? code})`));
    function finish(error) {
      clearTimeout(timer);
      child.stderr.off("data", onData);
      child.off("exit", onExit);
      // Keep draining the log so a chatty server never blocks on a full pipe.
      child.stderr.resume();
      if (error) reject(error);
      else resolve();
    }
    child.stderr.on("data", onData);
    child.on("exit", onExit);
  });
}

/**
 * Starts a fresh server. `stop()` shuts it down and deletes its directory; the same happens when
 * this process exits, and a small watchdog does it if this process is killed.
 */
export async function startPostgres({ timeoutMs = 30_000 } = {}) {
  const bin = findPostgresBin();
  const account = serverAccount();
  const dir = mkdtempSync(join(tmpdir(), "switchboard-pg-"));
  const data = join(dir, "data");
  const asServer = account ? { uid: account.uid, gid: account.gid } : {};
  if (account) chownSync(dir, account.uid, account.gid);
  const env = { ...process.env, LC_ALL: "C", HOME: dir };

  const init = spawnSync(
    join(bin, "initdb"),
    ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync", "--no-instructions"],
    { env, encoding: "utf8", ...asServer },
  );
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    const who = account ? ` as user ${account.name}, which needs access to ${dir} (check TMPDIR's permissions)` : "";
    throw new Error(`initdb failed${who} (${init.error?.message ?? `exit ${init.status}`}): ${init.stderr}`);
  }

  const launch = (port) =>
    spawn(
      join(bin, "postgres"),
      [
        ...["-D", data, "-p", String(port), "-k", dir],
        ...["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
        // A throwaway server: durability across an OS crash is worthless, speed is not. Commits
        // still reach the WAL before they return (synchronous_commit stays on): `halt()` crashes
        // the server, and a commit it loses would be a store losing what it acknowledged.
        ...["-c", "fsync=off", "-c", "full_page_writes=off"],
      ],
      { env, stdio: ["ignore", "ignore", "pipe"], ...asServer },
    );
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = launch(port);
    const logs = [];
    try {
      await waitReady(child, logs, timeoutMs);
    } catch (error) {
      lastError = new Error(`${error.message}\n${logs.join("")}`);
      child.kill("SIGKILL");
      continue;
    }
    return managed(child, dir, `postgres://postgres@127.0.0.1:${port}/postgres`, async () => {
      const again = launch(port);
      const againLogs = [];
      try {
        await waitReady(again, againLogs, timeoutMs);
      } catch (error) {
        again.kill("SIGKILL");
        throw new Error(`${error.message}\n${againLogs.join("")}`);
      }
      return again;
    });
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

function managed(first, dir, url, relaunch) {
  let child = first;
  const watchdog = spawn(
    "/bin/sh",
    [
      "-c",
      'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -QUIT "$2" 2>/dev/null; sleep 1; rm -rf "$3"',
      "watchdog",
      String(process.pid),
      String(child.pid),
      dir,
    ],
    { detached: true, stdio: "ignore" },
  );
  watchdog.unref();

  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", stopNow);
    try {
      // SIGQUIT is postgres's immediate shutdown: nothing here needs to survive.
      child.kill("SIGQUIT");
    } catch {}
    try {
      watchdog.kill("SIGKILL");
    } catch {}
  };
  process.on("exit", () => {
    stopNow();
    rmSync(dir, { recursive: true, force: true });
  });

  const exitOf = (server) =>
    server.exitCode !== null || server.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => server.once("exit", resolve));

  return {
    url,
    dir,
    get pid() {
      return child.pid;
    },
    /** An outage: the server stops at once (SIGQUIT), its data stays for `resume()`. */
    async halt() {
      const exited = exitOf(child);
      child.kill("SIGQUIT");
      await exited;
    },
    /** Starts the halted server again on the same port and data. */
    async resume() {
      child = await relaunch();
    },
    async stop() {
      if (stopped) return;
      const exited = child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", r));
      stopNow();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  let server;
  try {
    server = await startPostgres();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  const [cmd, ...args] = process.argv.slice(2);
  if (!cmd) {
    console.log(`DATABASE_URL=${server.url}`);
    const stop = () => server.stop().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    return;
  }
  const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, DATABASE_URL: server.url } });
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", async (code, signal) => {
    await server.stop();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
