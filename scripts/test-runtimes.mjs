#!/usr/bin/env node
// Runs Switchboard's fetch path (`@switchboard/hono/fetch`, core's main entry) on other
// JavaScript runtimes and checks the Responses and agents HTTP conformance requirements there.
//
//   node scripts/test-runtimes.mjs [--runtimes=bun,deno]
//
// 1. installs the runtimes from the npm registry (the `bun` and `deno` packages ship their
//    binaries) into node_modules/.cache/switchboard-runtimes/;
// 2. bundles test/runtimes/<runtime>.ts with esbuild (workspace packages from their sources);
// 3. starts each runtime on the bundle and runs the conformance CLI against it.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cache = join(root, "node_modules/.cache/switchboard-runtimes");
/** Pinned: the runtime versions these runs were checked with. */
const PACKAGES = { bun: "bun@1.4.4", deno: "deno@2.9.6" };
const RUNTIMES = {
  bun: (bundle) => [join(cache, "node_modules/.bin/bun"), ["run", bundle]],
  deno: (bundle) => [join(cache, "node_modules/.bin/deno"), ["run", "--allow-all", "--no-prompt", bundle]],
};
/**
 * The HTTP requirements of both protocols: the Responses ones but WebSocket mode (RESP-WS), and
 * the agents ones but the WebSocket groups (AGENT-WS, AGENT-PYWS, AGENT-SCHEMA-005), which need
 * each runtime's own upgrade API (the fetch path has none). The app requires test/runtimes/app.ts's key, so the
 * AUTH requirements run too.
 */
const FILTER = [
  ...[
    "AUTH",
    "BG",
    "CHAIN",
    "CHAT",
    "COMPACT",
    "CONV",
    "CREATE",
    "DELETE",
    "ERR",
    "FORMAT",
    "GET",
    "INPUT",
    "ITEMS",
    "LIMIT",
    "MODELS",
    "PARAM",
    "REPLAY",
    "ROUTES",
    "SCHEMA",
    "STREAM",
    "TOKENS",
    "TOOLS",
  ].map((group) => `RESP-${group}-*`),
  "AGENT-PROMPT-*",
  "AGENT-SSE-*",
  "AGENT-SESSION-*",
  "AGENT-ABORT-*",
  "AGENT-BUSY-*",
  "AGENT-DISPATCH-*",
  "AGENT-ERR-*",
  "AGENT-SCHEMA-001,AGENT-SCHEMA-002,AGENT-SCHEMA-003,AGENT-SCHEMA-004",
].join(",");

const arg = process.argv.find((a) => a.startsWith("--runtimes="));
const chosen = arg ? arg.slice("--runtimes=".length).split(",") : Object.keys(RUNTIMES);

function install() {
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, "package.json"), `${JSON.stringify({ private: true }, null, 2)}\n`);
  const packages = chosen.map((name) => PACKAGES[name]);
  console.log(`installing ${packages.join(" ")} from npm`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = spawnSync(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", ...packages], {
    cwd: cache,
    stdio: "inherit",
  });
  return r.status === 0;
}

async function bundle(name) {
  const out = join(cache, `${name}.mjs`);
  await build({
    entryPoints: [join(root, `test/runtimes/${name}.ts`)],
    outfile: out,
    bundle: true,
    format: "esm",
    // Bun and Deno implement Node's built-in modules, which some dependencies (pino, prom-client)
    // `require` by their bare names: bundled for Node, those stay imports of the runtime's own, and
    // the banner gives the ESM bundle the `require` they call.
    platform: "node",
    conditions: ["source"],
    mainFields: ["module", "main"],
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
    logLevel: "warning",
  });
  return out;
}

/** Starts the runtime on the bundle; resolves with its URL once it printed `listening on`. */
function start(name, file) {
  const [command, args] = RUNTIMES[name](file);
  const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 30 s:\n${output}`)), 30_000);
    const seen = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], stop: () => child.kill("SIGTERM"), output: () => output });
      }
    };
    child.stdout.setEncoding("utf8").on("data", seen);
    child.stderr.setEncoding("utf8").on("data", seen);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${output}`));
    });
  });
}

function conformance(url) {
  const r = spawnSync(
    process.execPath,
    [
      "--conditions=source",
      "--import",
      "tsx",
      "conformance/src/cli.ts",
      "--url",
      url,
      "--protocol",
      "responses,agents",
      "--filter",
      FILTER,
      "--token",
      "sk-runtimes",
    ],
    { cwd: root, stdio: "inherit" },
  );
  return r.status === 0;
}

if (!install()) process.exit(1);
const results = {};
for (const name of chosen) {
  console.log(`\n== ${name} ==`);
  let server;
  try {
    server = await start(name, await bundle(name));
    console.log(`${name}: ${server.url}`);
    results[name] = conformance(server.url);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    results[name] = false;
  } finally {
    server?.stop();
  }
}
console.log("");
for (const [name, ok] of Object.entries(results)) console.log(`${name}: ${ok ? "passed" : "FAILED"}`);
process.exit(Object.values(results).every(Boolean) ? 0 : 1);
