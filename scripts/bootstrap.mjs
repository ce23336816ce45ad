#!/usr/bin/env node
// Entry point of `npm start` and `npm test` on a machine that has only Node and npm: it finds or
// fetches the pinned pnpm, installs the workspace, then hands over to the real task.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager; // "pnpm@x.y.z"
const version = pinned.split("@")[1];
const task = process.argv[2];
const rest = process.argv.slice(3);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function pnpmCommand() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  if (probe.status === 0 && probe.stdout.trim() === version) return ["pnpm", []];
  return ["npx", ["--yes", pinned]];
}

const [pnpm, prefix] = pnpmCommand();
const installArgs = ["install", process.env.CI ? "--frozen-lockfile" : "--prefer-offline"];
if (run(pnpm, [...prefix, ...installArgs]) !== 0) process.exit(1);

const tasks = {
  start: [process.execPath, ["--conditions=source", "--import", "tsx", "packages/cli/src/bin.ts", "serve", ...rest]],
  test: [process.execPath, ["scripts/test.mjs", ...rest]],
};
const chosen = tasks[task];
if (!chosen) {
  console.error(`unknown task ${task}; expected one of ${Object.keys(tasks).join(", ")}`);
  process.exit(2);
}
process.exit(run(chosen[0], chosen[1], { env: { ...process.env, SWITCHBOARD_PNPM: [pnpm, ...prefix].join(" ") } }));
