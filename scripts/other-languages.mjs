#!/usr/bin/env node
// Proves that the committed OpenAPI 3.1 documents serve users of other languages:
//   1. a Python virtualenv (.venv/) with the pinned packages of test/python/requirements.txt (and,
//      without their dependencies, the peers' clients of requirements-no-deps.txt),
//      and Go with its module and build caches under .gocache/ (both gitignored);
//   2. regenerates the Python (openapi-python-client) and Go (oapi-codegen) clients into a
//      temporary directory and fails when the committed ones under examples/clients/*/generated
//      differ (`--write` regenerates them in place instead);
//   3. lints and compiles the clients and their example programs;
//   4. for each adapter starts `switchboard serve` as a real process on a free port and runs the
//      Python example, the Go example, the pytest suite (the `openai` SDK, pyflue's PyFlueClient,
//      FastAgency's FastAPIProvider) and schemathesis (both documents) against it.
// It ends with one plain `N passed, N failed` line and exits non-zero on any failure.
//
//   node scripts/other-languages.mjs [--write] [--frameworks=express,fastify,hono]
//                                    [--only=python,go,pytest,schemathesis]
//   node scripts/other-languages.mjs --generate   # only refresh the committed clients (after a spec change)
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const FRAMEWORKS = ["express", "fastify", "hono"];
const CHECKS = ["python", "go", "pytest", "schemathesis"];
/** The OpenAPI documents the Python and Go clients are generated from. */
const SPECS = ["responses", "agents", "workflows"];
/** Every protocol's document is fuzzed, the workflows one too. */
const FUZZED = [...SPECS];

const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const generateOnly = args.includes("--generate");
const write = generateOnly || args.includes("--write");
const frameworks = (option("frameworks") ?? FRAMEWORKS.join(",")).split(",");
const only = (option("only") ?? CHECKS.join(",")).split(",");
for (const [list, allowed, flag] of [
  [frameworks, FRAMEWORKS, "--frameworks"],
  [only, CHECKS, "--only"],
]) {
  const unknown = list.filter((x) => !allowed.includes(x));
  if (unknown.length) {
    console.error(`${flag}: unknown ${unknown.join(", ")} (known: ${allowed.join(", ")})`);
    process.exit(2);
  }
}

const venv = join(root, ".venv");
const venvBin = join(venv, "bin");
const python = join(venvBin, "python");
const requirements = join(root, "test/python/requirements.txt");
// The peers' clients (pyflue, FastAgency): installed without their declared dependencies, which
// conflict with the pins above; requirements.txt pins what their clients import.
const requirementsNoDeps = join(root, "test/python/requirements-no-deps.txt");
const pythonDir = join(root, "examples/clients/python");
const goDir = join(root, "examples/clients/go");
const goCache = join(root, ".gocache");
const specPath = (name) => join(root, `specs/generated/openapi/${name}.openapi.3.1.yaml`);
const work = mkdtempSync(join(tmpdir(), "switchboard-other-languages-"));

const pyEnv = {
  ...process.env,
  PATH: `${venvBin}:${process.env.PATH}`,
  VIRTUAL_ENV: venv,
  PYTHONDONTWRITEBYTECODE: "1",
};
delete pyEnv.PYTHONHOME;
// GOFLAGS=-modcacherw keeps the module cache deletable; GOTOOLCHAIN=local never downloads a
// toolchain (go.mod's `go` line stays within the machine's Go).
const goEnv = {
  ...process.env,
  GOMODCACHE: join(goCache, "mod"),
  GOCACHE: join(goCache, "build"),
  GOFLAGS: "-modcacherw",
  GOTOOLCHAIN: "local",
};

let passed = 0;
let failed = 0;
const failures = [];
const timings = [];

function count(name, ok) {
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return ok;
}

/** Runs a command to completion; asynchronously, so that a server booting meanwhile is watched. */
function run(cmd, argv, { cwd = root, env = process.env, timeoutMs = 300_000, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, {
      cwd,
      env,
      stdio: ["ignore", capture ? "pipe" : "inherit", capture ? "pipe" : "inherit"],
    });
    let output = "";
    if (capture) {
      child.stdout.setEncoding("utf8").on("data", (c) => (output += c));
      child.stderr.setEncoding("utf8").on("data", (c) => (output += c));
    }
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs / 1000} s]\n`;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ ok: false, code: null, output: `${output}${error.message}\n` });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, code, output });
    });
  });
}

async function step(name, fn) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  let ok;
  try {
    ok = await fn();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    ok = false;
  }
  const seconds = (Date.now() - started) / 1000;
  timings.push([name, seconds]);
  console.log(`${ok ? "✔" : "✘"} ${name} (${seconds.toFixed(1)} s)`);
  return ok;
}

const sha256 = (text) => createHash("sha256").update(text).digest("hex");

function pythonVersionOk(bin) {
  const r = spawnSync(bin, ["-c", "import sys; print(sys.version_info >= (3, 11))"], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() === "True";
}

/** Creates or refreshes .venv; reinstalls only when the pinned requirements changed. */
async function ensureVenv() {
  const base = process.env.PYTHON || "python3";
  if (!existsSync(python) || !pythonVersionOk(python)) {
    if (!pythonVersionOk(base)) {
      console.error(`${base} must be Python ≥ 3.11 (set PYTHON to another interpreter)`);
      return false;
    }
    rmSync(venv, { recursive: true, force: true });
    const created = await run(base, ["-m", "venv", venv]);
    if (!created.ok) return false;
  }
  const stamp = join(venv, ".switchboard-requirements.sha256");
  const wanted = sha256(readFileSync(requirements, "utf8") + readFileSync(requirementsNoDeps, "utf8"));
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) {
    console.log(".venv is up to date with test/python/requirements*.txt");
    return true;
  }
  const pip = ["-m", "pip", "install", "--disable-pip-version-check", "--quiet"];
  const installed = await run(python, [...pip, "-r", requirements], { env: pyEnv, timeoutMs: 600_000 });
  const ok = installed.ok && (await run(python, [...pip, "--no-deps", "-r", requirementsNoDeps], { env: pyEnv })).ok;
  if (ok) writeFileSync(stamp, wanted);
  return ok;
}

async function ensureGo() {
  const version = await run("go", ["version"], { env: goEnv, capture: true });
  if (!version.ok) {
    console.error(`Go is required: ${version.output.trim()}`);
    return false;
  }
  console.log(version.output.trim());
  // Modules download on first use (`go tool`, `go build`), only those these programs need.
  mkdirSync(goCache, { recursive: true });
  return true;
}

/** Files under dir as relative paths, skipping caches the tools leave behind. */
function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "__pycache__" || entry.name === ".ruff_cache") return [];
    const full = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full, base) : [relative(base, full)];
  });
}

/** Compares two trees; returns human-readable differences (empty when identical). */
function diffTrees(committed, fresh) {
  const a = new Set(listFiles(committed));
  const b = new Set(listFiles(fresh));
  const out = [];
  for (const f of b) {
    if (!a.has(f)) out.push(`missing: ${f}`);
    else if (!readFileSync(join(committed, f)).equals(readFileSync(join(fresh, f)))) out.push(`differs: ${f}`);
  }
  for (const f of a) if (!b.has(f)) out.push(`not generated: ${f}`);
  return out;
}

/** Compares the fresh output with the committed one, or replaces it under --write. */
function settle(label, committed, fresh) {
  const differences = diffTrees(committed, fresh);
  if (differences.length === 0) {
    console.log(`${label}: committed client is up to date`);
    return true;
  }
  if (write) {
    rmSync(committed, { recursive: true, force: true });
    cpSync(fresh, committed, { recursive: true, filter: (src) => !/(__pycache__|\.ruff_cache)$/.test(src) });
    console.log(`${label}: regenerated (${differences.length} file(s) changed)`);
    return true;
  }
  console.error(`${label}: the committed client is stale (run node scripts/other-languages.mjs --write):`);
  for (const d of differences.slice(0, 20)) console.error(`  ${d}`);
  if (differences.length > 20) console.error(`  … and ${differences.length - 20} more`);
  return false;
}

async function generatePython() {
  const out = join(work, "python");
  let ok = true;
  for (const spec of SPECS) {
    const pkg = `switchboard_${spec}_client`;
    const r = await run(
      join(venvBin, "openapi-python-client"),
      [
        "generate",
        "--path",
        specPath(spec),
        "--meta",
        "none",
        "--config",
        join(pythonDir, `codegen/${spec}.yaml`),
        "--output-path",
        join(out, pkg),
        "--overwrite",
        "--fail-on-warning",
      ],
      { cwd: work, env: pyEnv, capture: true },
    );
    if (!r.ok) {
      console.error(r.output);
      ok = false;
    }
  }
  return ok && settle("python", join(pythonDir, "generated"), out);
}

async function generateGo() {
  const out = join(work, "go");
  let ok = true;
  for (const spec of SPECS) {
    mkdirSync(join(out, spec), { recursive: true });
    const r = await run(
      "go",
      [
        "tool",
        "oapi-codegen",
        "-config",
        `codegen/${spec}.yaml`,
        "-o",
        join(out, spec, `${spec}.gen.go`),
        specPath(spec),
      ],
      // The first run compiles the generator and its dependencies: minutes on two busy cores.
      { cwd: goDir, env: goEnv, capture: true, timeoutMs: 900_000 },
    );
    if (!r.ok || r.output.trim()) console.error(r.output);
    ok &&= r.ok;
  }
  return ok && settle("go", join(goDir, "generated"), out);
}

async function checkPython() {
  const dirs = [pythonDir, join(root, "test/python")];
  const ruff = join(venvBin, "ruff");
  const lint = await run(ruff, ["check", "--no-cache", ...dirs], { env: pyEnv });
  const format = await run(ruff, ["format", "--no-cache", "--check", ...dirs], { env: pyEnv });
  // Byte-compiles every file, so a syntax error in a client fails here rather than mid-run.
  const compile = await run(python, ["-m", "compileall", "-q", ...dirs], { env: pyEnv });
  return lint.ok && format.ok && compile.ok;
}

const goBinary = join(work, "goclient");

async function checkGo() {
  const fmt = await run("gofmt", ["-l", "main.go"], { cwd: goDir, env: goEnv, capture: true });
  if (fmt.output.trim()) console.error(`gofmt would change: ${fmt.output.trim()}`);
  const vet = await run("go", ["vet", "./..."], { cwd: goDir, env: goEnv });
  const build = await run("go", ["build", "-o", goBinary, "."], { cwd: goDir, env: goEnv });
  return fmt.ok && !fmt.output.trim() && vet.ok && build.ok;
}

const LISTENING = /Switchboard listening on (http:\/\/\S+)/;
/** Servers still running, killed if this script exits early. */
const servers = new Set();
process.on("exit", () => {
  for (const child of servers) child.kill("SIGKILL");
});

/** Starts `switchboard serve` on a free port with a fresh embedded store; output goes to a log file. */
async function startServer(framework) {
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

/** Adds each pytest case to the totals; returns whether the run passed. */
function countJunit(file, label) {
  if (!existsSync(file)) return count(`${label}: no pytest report`, false);
  const xml = readFileSync(file, "utf8");
  const cases = [...xml.matchAll(/<testcase\b[^>]*?\sname="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)];
  if (cases.length === 0) return count(`${label}: pytest ran no test`, false);
  let ok = true;
  for (const [, name, , body = ""] of cases) {
    const bad = /<(failure|error)\b/.test(body);
    const skipped = /<skipped\b/.test(body);
    count(`${label} ${name}`, !bad && !skipped);
    if (bad || skipped) ok = false;
  }
  return ok;
}

// The 3.2 documents describe each SSE event (`itemSchema`: event name plus the JSON data's schema),
// so schemathesis validates every streamed event; the 3.1 documents type a stream as one string,
// which schemathesis reads as the schema of each event and so rejects every stream.
const schemathesisDocument = (name) => join(root, `specs/generated/openapi/${name}.openapi.3.2.yaml`);

async function schemathesis(spec, url) {
  const argv = [
    "--config-file",
    join(root, "test/python/schemathesis.toml"),
    "run",
    schemathesisDocument(spec),
    "--url",
    url,
    "--request-timeout",
    "15",
    "--no-color",
    "--suppress-health-check",
    "all",
    ...(process.env.SCHEMATHESIS_SEED ? ["--seed", process.env.SCHEMATHESIS_SEED] : []),
    // The WebSocket handshake is left out: after a 101 the server speaks WebSocket on that
    // connection, which the HTTP client then reuses for the next case and fails on the frames.
    ...(spec === "agents" ? ["--exclude-operation-id", "Instances_connect"] : []),
    ...(spec === "workflows" ? ["--exclude-operation-id", "connectWorkflowSocket"] : []),
  ];
  const env = { ...pyEnv, SWITCHBOARD_URL: url, PYTHONPATH: join(root, "test/python") };
  const r = await run(join(venvBin, "schemathesis"), argv, { cwd: work, env, capture: true, timeoutMs: 240_000 });
  const lines = r.output.trimEnd().split("\n");
  // On success the summary and the status counts suffice; failures come with reproducing commands.
  console.log((r.ok ? lines.slice(-22) : lines.slice(-250)).join("\n"));
  return r.ok;
}

async function againstServer(framework, starting) {
  let server;
  const started = await step(`${framework}: switchboard serve`, async () => {
    server = await starting;
    console.log(`listening on ${server.url}`);
    return true;
  });
  if (!count(`${framework}: switchboard serve starts`, started)) return;
  const env = { ...pyEnv, SWITCHBOARD_URL: server.url };
  try {
    if (runnable.includes("python")) {
      count(
        `${framework}: Python client example`,
        await step(
          `${framework}: Python client example`,
          async () => (await run(python, [join(pythonDir, "main.py")], { env, timeoutMs: 90_000 })).ok,
        ),
      );
    }
    if (runnable.includes("go")) {
      count(
        `${framework}: Go client example`,
        await step(
          `${framework}: Go client example`,
          async () => (await run(goBinary, [], { env, timeoutMs: 90_000 })).ok,
        ),
      );
    }
    if (runnable.includes("pytest")) {
      const report = join(work, `pytest-${framework}.xml`);
      await step(`${framework}: openai SDK, pyflue, FastAgency (pytest)`, async () => {
        const r = await run(
          python,
          [
            "-m",
            "pytest",
            join(root, "test/python"),
            "-q",
            "-p",
            "no:cacheprovider",
            "--tb=short",
            `--junitxml=${report}`,
            "-o",
            "junit_family=xunit1",
          ],
          { env, timeoutMs: 180_000 },
        );
        return countJunit(report, `${framework}: pytest`) && r.ok;
      });
    }
    if (runnable.includes("schemathesis")) {
      for (const spec of FUZZED) {
        const label = `${framework}: schemathesis ${spec}`;
        count(label, await step(label, () => schemathesis(spec, server.url)));
      }
    }
  } finally {
    await server.stop();
    if (failures.some((f) => f.startsWith(`${framework}:`))) {
      const log = server.output().trimEnd().split("\n");
      console.log(`\n--- ${framework} server log (last 60 lines) ---\n${log.slice(-60).join("\n")}\n---`);
    }
  }
}

const startedAt = Date.now();
let runnable = [];
try {
  const venvOk = count("Python virtualenv (.venv)", await step("Python virtualenv (.venv)", ensureVenv));
  const goOk = count("Go toolchain", await step("Go toolchain", ensureGo));
  if (venvOk) {
    count("Python client is fresh", await step("Python client is fresh (openapi-python-client)", generatePython));
    if (!generateOnly) {
      count("Python lint and compile", await step("Python lint and compile (ruff, compileall)", checkPython));
    }
  }
  let goBuilt = false;
  if (goOk) {
    count("Go client is fresh", await step("Go client is fresh (oapi-codegen)", generateGo));
    if (!generateOnly) goBuilt = count("Go vet and build", await step("Go vet and build", checkGo));
  }
  // What could not be set up already counts as failed above; run the rest.
  runnable = generateOnly ? [] : only.filter((check) => (check === "go" ? goBuilt : venvOk));
  // Starting a server takes seconds (tsx, the embedded store): the next one boots while the
  // current one is checked. A failed start is reported by the step that awaits it.
  const boot = (framework) => {
    const starting = startServer(framework);
    starting.catch(() => {});
    return starting;
  };
  let next = runnable.length && frameworks.length ? boot(frameworks[0]) : undefined;
  for (const [index, framework] of frameworks.entries()) {
    if (!next) break;
    const current = next;
    next = index + 1 < frameworks.length ? boot(frameworks[index + 1]) : undefined;
    await againstServer(framework, current);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const total = (Date.now() - startedAt) / 1000;
console.log(
  `\nSlowest steps: ${[...timings]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([n, s]) => `${n} ${s.toFixed(1)} s`)
    .join("; ")}`,
);
console.log(`Total ${total.toFixed(1)} s`);
if (failures.length) console.log(`\nFailed: ${failures.join("; ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
