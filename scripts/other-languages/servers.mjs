// The servers under test: `switchboard serve` started as a real process per adapter, on a free port
// with a fresh embedded store, and killed if the script exits early.
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./harness.mjs";

const LISTENING = /Switchboard listening on (http:\/\/\S+)/;
/** Servers still running, killed if this script exits early. */
const servers = new Set();
process.on("exit", () => {
  for (const child of servers) child.kill("SIGKILL");
});

/**
 * Starts `switchboard serve` on a free port with a fresh embedded store under `work`; output goes
 * to a log file. Resolves to `{ url, stop, output }` once the server listens.
 */
export async function startServer(framework, work) {
  const dataDir = join(work, `data-${framework}`);
  const log = join(work, `server-${framework}.log`);
  const fd = openSync(log, "w");
  const env = {
    ...process.env,
    HOST: "127.0.0.1",
    PORT: "0",
    SWITCHBOARD_FRAMEWORK: framework,
    SWITCHBOARD_DATA_DIR: dataDir,
  };
  // The checks need the demo server as a client without credentials would meet it.
  delete env.SWITCHBOARD_API_KEY;
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", "packages/cli/src/bin.ts", "serve"],
    {
      cwd: root,
      env,
      stdio: ["ignore", fd, fd],
    },
  );
  closeSync(fd);
  servers.add(child);
  child.once("exit", () => servers.delete(child));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const output = () => readFileSync(log, "utf8");
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const timer = setTimeout(() => child.kill("SIGKILL"), 12_000);
    child.kill("SIGTERM");
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const match = LISTENING.exec(output());
    if (match) return { url: match[1], stop, output };
    if (child.exitCode !== null || child.signalCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`switchboard serve (${framework}) did not start:\n${output()}`);
}
