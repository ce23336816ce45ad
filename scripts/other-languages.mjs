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
//      FastAgency's FastAPIProvider) and schemathesis (every protocol's document) against it.
// It ends with one plain `N passed, N failed` line and exits non-zero on any failure.
// This file is the driver (options, order of the steps); each concern is a module under
// scripts/other-languages/: harness (run, step, tally), clients (freshness of the generated
// clients), python, go, schemathesis and servers.
//
//   node scripts/other-languages.mjs [--write] [--frameworks=express,fastify,hono]
//                                    [--only=python,go,pytest,schemathesis]
//   node scripts/other-languages.mjs --generate   # only refresh the committed clients (after a spec change)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkGo, ensureGo, generateGo, runGoExample } from "./other-languages/go.mjs";
import { count, failures, step, summary } from "./other-languages/harness.mjs";
import {
  checkPython,
  ensureVenv,
  generatePython,
  pyEnv,
  runPytest,
  runPythonExample,
} from "./other-languages/python.mjs";
import { FUZZED, schemathesis } from "./other-languages/schemathesis.mjs";
import { startServer } from "./other-languages/servers.mjs";

const FRAMEWORKS = ["express", "fastify", "hono"];
const CHECKS = ["python", "go", "pytest", "schemathesis"];

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

const work = mkdtempSync(join(tmpdir(), "switchboard-other-languages-"));

/** Runs the checks in `runnable` against one adapter's server, then stops it. */
async function againstServer(framework, starting, runnable) {
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
        await step(`${framework}: Python client example`, () => runPythonExample(env)),
      );
    }
    if (runnable.includes("go")) {
      count(
        `${framework}: Go client example`,
        await step(`${framework}: Go client example`, () => runGoExample(work, env)),
      );
    }
    if (runnable.includes("pytest")) {
      // Each pytest case counts as one check (runPytest adds them); the step itself is not counted.
      await step(`${framework}: openai SDK, pyflue, FastAgency (pytest)`, () => runPytest(framework, env, work));
    }
    if (runnable.includes("schemathesis")) {
      for (const spec of FUZZED) {
        const label = `${framework}: schemathesis ${spec}`;
        count(label, await step(label, () => schemathesis(spec, server.url, work)));
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
try {
  const venvOk = count("Python virtualenv (.venv)", await step("Python virtualenv (.venv)", ensureVenv));
  const goOk = count("Go toolchain", await step("Go toolchain", ensureGo));
  if (venvOk) {
    count(
      "Python client is fresh",
      await step("Python client is fresh (openapi-python-client)", () => generatePython(work, write)),
    );
    if (!generateOnly) {
      count("Python lint and compile", await step("Python lint and compile (ruff, compileall)", checkPython));
    }
  }
  let goBuilt = false;
  if (goOk) {
    count("Go client is fresh", await step("Go client is fresh (oapi-codegen)", () => generateGo(work, write)));
    if (!generateOnly) goBuilt = count("Go vet and build", await step("Go vet and build", () => checkGo(work)));
  }
  // What could not be set up already counts as failed above; run the rest.
  const runnable = generateOnly ? [] : only.filter((check) => (check === "go" ? goBuilt : venvOk));
  // Starting a server takes seconds (tsx, the embedded store): the next one boots while the
  // current one is checked. A failed start is reported by the step that awaits it.
  const boot = (framework) => {
    const starting = startServer(framework, work);
    starting.catch(() => {});
    return starting;
  };
  let next = runnable.length && frameworks.length ? boot(frameworks[0]) : undefined;
  for (const [index, framework] of frameworks.entries()) {
    if (!next) break;
    const current = next;
    next = index + 1 < frameworks.length ? boot(frameworks[index + 1]) : undefined;
    await againstServer(framework, current, runnable);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

process.exit(summary(startedAt));
