#!/usr/bin/env node
// Entry point of `npm start` and `npm test` on a machine that has only Node and npm:
//   1. when the machine's `node` is older than the project supports, it fetches Node 24 LTS from
//      the npm registry (the `node` package installs the official binary) and re-runs itself on it,
//      with that binary first on the PATH so every tool below runs on it too;
//   2. it installs the workspace with the pinned pnpm, unless the manifests and the lockfile are
//      the ones the last install saw;
//   3. for `start` (and `build`, which stops there), it builds the JavaScript of the packages
//      `switchboard serve` runs on when their sources changed since the last build, so the server
//      starts from compiled code;
//   4. it hands over to the task, forwarding SIGINT/SIGTERM/SIGHUP to it and exiting with its code,
//      so containers and process managers can stop `npm start`.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pinned = manifest.packageManager; // "pnpm@x.y.z"
const MIN_NODE = Number(manifest.engines.node.match(/\d+/)[0]); // ">=22" → 22
const FETCHED_NODE = "node@24";
const cache = join(root, "node_modules/.cache/switchboard");
const task = process.argv[2];
/** The signals passed on to the task, with their numbers (for the 128 + n exit code). */
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
const rest = process.argv.slice(3);

/** Runs a step to its end; asynchronously, so that a signal meanwhile reaches our handlers. */
function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", ...opts });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
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
  for (const signal of Object.keys(SIGNALS)) {
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
    process.exit(code ?? 128 + (SIGNALS[signal] ?? 1));
  });
}

/** The content hash of the given files and of every file under the given directories. */
function hashOf(paths) {
  const hash = createHash("sha256");
  const add = (path) => {
    const full = join(root, path);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) add(join(path, name));
    } else hash.update(`${path}\0`).update(readFileSync(full)).update("\0");
  };
  for (const path of paths) add(path);
  return hash.digest("hex");
}

/** Runs `work` unless `stamp` holds `hash` (or `force`); records the hash when it succeeds. */
async function unlessUnchanged(stamp, hash, work, force = false) {
  const file = join(cache, stamp);
  if (!force && existsSync(file) && readFileSync(file, "utf8") === hash) return true;
  if (!(await work())) return false;
  mkdirSync(cache, { recursive: true });
  writeFileSync(file, hash);
  return true;
}

/** The registry's Node 24 binary: from the path remembered last time, or asked of npx. */
function fetchedNode() {
  const remembered = join(cache, "node-path");
  if (existsSync(remembered)) {
    const path = readFileSync(remembered, "utf8");
    if (existsSync(path)) return path;
  }
  const probe = spawnSync("npx", ["--prefer-offline", "--yes", FETCHED_NODE, "-p", "process.execPath"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const path = probe.stdout?.trim();
  if (probe.status !== 0 || !path) return undefined;
  if (existsSync(join(root, "node_modules"))) {
    mkdirSync(cache, { recursive: true });
    writeFileSync(remembered, path);
  }
  return path;
}

function pnpmCommand() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  if (probe.status === 0 && probe.stdout.trim() === pinned.split("@")[1]) return ["pnpm"];
  return ["npx", "--yes", pinned];
}

/** Every package.json of the workspace (pnpm-workspace.yaml: packages/*, conformance, examples/*, bench). */
function workspaceManifests() {
  const dirs = [".", "conformance", "bench"];
  for (const parent of ["packages", "examples"]) {
    for (const name of readdirSync(join(root, parent))) dirs.push(join(parent, name));
  }
  return dirs.map((dir) => join(dir, "package.json")).filter((file) => existsSync(join(root, file)));
}

/** The workspace packages `switchboard serve` runs on, in no particular order (externals link them). */
const SERVE_PACKAGES = ["protocol", "core", "express", "fastify", "hono", "store-postgres", "cli"];

/** A package's entry points (its exports' `source` files, and src/bin.ts for a CLI) and outputs. */
function entriesOf(dir) {
  const pkg = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
  const sources = Object.values(pkg.exports)
    .map((target) => target.source)
    .filter(Boolean);
  if (pkg.bin && existsSync(join(root, dir, "src/bin.ts"))) sources.push("./src/bin.ts");
  return sources.map((source) => ({ source, output: source.replace(/^\.\/src\/(.*)\.ts$/, "dist/$1.js") }));
}

/** Builds a package's JavaScript (no declarations: quick); dependencies stay imports. */
async function buildJavaScript(dir, entries) {
  const tsup = join(root, "node_modules/tsup/dist/cli-default.js");
  const sources = entries.map((e) => e.source);
  const args = [tsup, ...sources, "--no-config", "--format", "esm", "--target", "node22", "--clean", "--silent"];
  return (await run(process.execPath, args, { cwd: join(root, dir) })) === 0;
}

const major = Number(process.versions.node.split(".")[0]);
if (major < MIN_NODE) {
  console.error(`Node ${process.versions.node} is older than ${MIN_NODE}: running on ${FETCHED_NODE} from npm`);
  const node = fetchedNode();
  if (!node) {
    console.error(`could not fetch ${FETCHED_NODE} through npx`);
    process.exit(1);
  }
  const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ""}` };
  handOver(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { env });
} else {
  const tasks = {
    start: [process.execPath, ["packages/cli/dist/bin.js", "serve", ...rest]],
    test: [process.execPath, ["scripts/test.mjs", ...rest]],
    // What `start` does before serving, and nothing else (the start-up benchmark times the server alone).
    build: [],
  };
  const chosen = tasks[task];
  if (!chosen) {
    console.error(`unknown task ${task}; expected one of ${Object.keys(tasks).join(", ")}`);
    process.exit(2);
  }
  // A stop requested while installing or building ends the bootstrap once the step in progress
  // has ended, and the task is not started. Where the signal reaches the whole process group (a
  // terminal's Ctrl-C, or the re-run on Node 24) the step is interrupted too; nothing is orphaned
  // either way, and an interrupted step is redone next time.
  let stopped;
  const stopLater = (signal) => {
    stopped = signal;
  };
  for (const signal of Object.keys(SIGNALS)) process.on(signal, stopLater);
  const unlessStopped = () => {
    if (stopped) process.exit(128 + SIGNALS[stopped]);
  };
  const pnpm = pnpmCommand();
  const frozen = Boolean(process.env.CI);
  const installed = await unlessUnchanged(
    "install",
    hashOf(["pnpm-lock.yaml", "pnpm-workspace.yaml", ...workspaceManifests()]) + process.version,
    async () =>
      (await run(pnpm[0], [...pnpm.slice(1), "install", frozen ? "--frozen-lockfile" : "--prefer-offline"])) === 0,
  );
  if (!installed) process.exit(1);
  if (task === "start" || task === "build") {
    for (const name of SERVE_PACKAGES) {
      unlessStopped();
      const dir = `packages/${name}`;
      const entries = entriesOf(dir);
      // A missing output (dist/ deleted) counts as a change too.
      const missing = entries.some((e) => !existsSync(join(root, dir, e.output)));
      const hash = hashOf([`${dir}/src`, `${dir}/package.json`]);
      const built = await unlessUnchanged(
        `build-${name}`,
        hash,
        () => {
          console.error(`building ${dir} (compiled JavaScript, for switchboard serve)`);
          return buildJavaScript(dir, entries);
        },
        missing,
      );
      if (!built) process.exit(1);
    }
  }
  unlessStopped();
  if (task === "build") process.exit(0);
  for (const signal of Object.keys(SIGNALS)) process.off(signal, stopLater);
  handOver(chosen[0], chosen[1], { env: { ...process.env, SWITCHBOARD_PNPM: pnpm.join(" ") } });
}
