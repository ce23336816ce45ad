#!/usr/bin/env node
// Entry point of `npm start` and `npm test` on a machine that has only Node and npm:
//   1. when the machine's `node` is older than the project supports, it fetches Node 24 LTS from
//      the npm registry (the `node` package installs the official binary) and re-runs itself on it,
//      with that binary first on the PATH so every tool below runs on it too;
//   2. it finds or fetches the pinned pnpm and installs the workspace;
//   3. it hands over to the real task, forwarding SIGINT/SIGTERM/SIGHUP to it and exiting with its
//      code, so containers and process managers can stop `npm start`.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pinned = manifest.packageManager; // "pnpm@x.y.z"
const version = pinned.split("@")[1];
const MIN_NODE = Number(manifest.engines.node.match(/\d+/)[0]); // ">=22" → 22
const FETCHED_NODE = "node@24";
const task = process.argv[2];
const rest = process.argv.slice(3);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/**
 * Runs the command as the last thing this process does: forwards termination signals to it and
 * exits with its code. The child gets its own process group, and a signal is sent to that whole
 * group, so a Ctrl-C (which the terminal sends to us, and npm forwards once more) reaches the
 * child once: the server treats a second signal as "stop now, do not drain".
 */
function handOver(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { cwd: root, stdio: "inherit", detached: true, ...opts });
  const last = new Map();
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      // The same signal twice within a second is one event delivered twice (terminal and npm).
      const now = Date.now();
      if (now - (last.get(signal) ?? 0) < 1000) return;
      last.set(signal, now);
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    });
  }
  child.on("error", (error) => {
    console.error(`${cmd}: ${error.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    const numbers = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
    process.exit(code ?? 128 + (numbers[signal] ?? 1));
  });
}

const major = Number(process.versions.node.split(".")[0]);
if (major < MIN_NODE) {
  // Ask the registry's Node for its own path: after the first fetch it comes from npx's cache.
  console.error(`Node ${process.versions.node} is older than ${MIN_NODE}: running on ${FETCHED_NODE} from npm`);
  const probe = spawnSync("npx", ["--yes", FETCHED_NODE, "-p", "process.execPath"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const node = probe.stdout?.trim();
  if (probe.status !== 0 || !node) {
    console.error(`could not fetch ${FETCHED_NODE} through npx`);
    process.exit(1);
  }
  const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ""}` };
  handOver(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { env });
} else {
  const tasks = {
    start: [process.execPath, ["--conditions=source", "--import", "tsx", "packages/cli/src/bin.ts", "serve", ...rest]],
    test: [process.execPath, ["scripts/test.mjs", ...rest]],
  };
  const chosen = tasks[task];
  if (!chosen) {
    console.error(`unknown task ${task}; expected one of ${Object.keys(tasks).join(", ")}`);
    process.exit(2);
  }
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  const [pnpm, prefix] =
    probe.status === 0 && probe.stdout.trim() === version ? ["pnpm", []] : ["npx", ["--yes", pinned]];
  const installArgs = ["install", process.env.CI ? "--frozen-lockfile" : "--prefer-offline"];
  if (run(pnpm, [...prefix, ...installArgs]) !== 0) process.exit(1);
  handOver(chosen[0], chosen[1], { env: { ...process.env, SWITCHBOARD_PNPM: [pnpm, ...prefix].join(" ") } });
}
