#!/usr/bin/env node
// The whole test command: every check CI relies on, in order, ending with one plain
// `N passed, N failed` line. Each step is one check; vitest contributes its own test counts.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules/.bin", name);
let passed = 0;
let failed = 0;
const failures = [];
const details = []; // reprinted at the end: CI shows only the tail of the log

function step(name, cmd, args, opts = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  const ok = r.status === 0;
  console.log(`${ok ? "✔" : "✘"} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

/** Runs `cmd`, echoing its output as it comes, and keeps that output (colours stripped). */
function teed(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (sink) => (text) => {
      sink.write(text);
      output += stripVTControlCharacters(text);
    };
    child.stdout.setEncoding("utf8").on("data", keep(process.stdout));
    child.stderr.setEncoding("utf8").on("data", keep(process.stderr));
    child.on("error", (error) => console.error(`${cmd}: ${error.message}`));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** Runs a script that ends with its own `N passed, N failed` line, and adds that line to ours. */
async function tallied(name, script) {
  const { code, output } = await teed(process.execPath, [script]);
  const tally = [...output.matchAll(/^(\d+) passed, (\d+) failed$/gm)].at(-1);
  if (tally) {
    passed += Number(tally[1]);
    failed += Number(tally[2]);
    if (Number(tally[2])) failures.push(`${tally[2]} ${name} check(s)`);
  }
  if (code !== 0 && (!tally || Number(tally[2]) === 0)) count(`${name} (script error)`, false);
}

/** Like `step`, but also keeps the output for the closing summary. */
async function streamed(name, cmd, args) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const { code, output } = await teed(cmd, args);
  const ok = code === 0;
  console.log(`${ok ? "✔" : "✘"} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { ok, output };
}

/** The blocks vitest headed "Failed Suites" or "Unhandled Errors", up to its closing totals. */
function vitestErrorBlocks(output) {
  const lines = output.split("\n");
  const start = lines.findIndex((line) => /⎯ (Failed Suites|Unhandled Errors?) /.test(line));
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && /^\s*Test Files\s/.test(line));
  return [lines.slice(start, end < 0 ? start + 80 : end).join("\n")];
}

function count(name, ok) {
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

count("system packages (chromium, postgresql)", step("system packages", process.execPath, ["scripts/system-deps.mjs"]));
count(
  "generated files are fresh",
  step("generated files are fresh", process.execPath, ["scripts/generate.mjs", "--check"]),
);
count("lint and format (biome)", step("lint and format (biome)", bin("biome"), ["check", "."]));
count("typecheck (tsc)", step("typecheck (tsc)", bin("tsc"), ["-p", "tsconfig.json"]));
// Every hand-written source tree, type-only imports included: a cycle between files is a seam in
// the wrong place even when it vanishes at run time.
const sourceDirs = ["packages", "examples"]
  .flatMap((parent) => readdirSync(join(root, parent)).map((name) => `${parent}/${name}/src`))
  .concat(["conformance/src", "bench/src"])
  .filter((dir) => existsSync(join(root, dir)));
count(
  "no import cycles (madge)",
  step("no import cycles (madge)", bin("madge"), [
    "--circular",
    "--no-spinner",
    "--extensions",
    "ts,tsx,mts",
    "--ts-config",
    "tsconfig.json",
    ...sourceDirs,
  ]),
);
// Informational only (not counted): files over the ~400-line aim, for whoever splits them next.
step("file sizes (informational)", process.execPath, ["scripts/file-sizes.mjs"]);
count(
  "OpenAPI lint (redocly)",
  step("OpenAPI lint (redocly)", bin("redocly"), ["lint", "--config", "specs/redocly.yaml", "--format", "stylish"]),
);

mkdirSync(join(root, "test-results"), { recursive: true });
const report = join(root, "test-results/vitest.json");
const vitest = await streamed("tests (vitest)", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  if (r.numFailedTests) failures.push(`${r.numFailedTests} vitest test(s)`);
  if (!vitest.ok && r.numFailedTests === 0) count("vitest run (suite error)", false);
  // A file can fail with every test passing (a hook, an import, an error after the last test);
  // its message is only in the report.
  for (const file of r.testResults) {
    if (file.status === "failed" && file.message) details.push(`${file.name}: ${file.message}`);
  }
} else count("vitest run (no report)", false);
// CI keeps only the end of the log, so vitest's own account of errors outside any test (unhandled
// rejections, failed suites) is printed again at the end.
if (!vitest.ok) details.push(...vitestErrorBlocks(vitest.output));

// The fetch path on Bun and Deno (installed from npm), judged by the conformance CLI (~15 s).
count(
  "fetch runtimes (Bun, Deno)",
  step("fetch runtimes (Bun, Deno)", process.execPath, ["scripts/test-runtimes.mjs"]),
);

// The packed tarballs installed with npm into an empty project (scripts/pack-check.mjs), then
// Python (generated client, official openai SDK), Go (generated client) and schemathesis against
// every adapter (scripts/other-languages.mjs). Each prints its own `N passed, N failed`, which is
// added to ours; their output streams as it comes.
await tallied("packages as a user installs them", "scripts/pack-check.mjs");
await tallied("other languages", "scripts/other-languages.mjs");

if (details.length) console.log(`\nWhat failed, in detail:\n${details.map((d) => d.slice(0, 4000)).join("\n\n")}`);
if (failures.length) console.log(`\nFailed: ${failures.join("; ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
