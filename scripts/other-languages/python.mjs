// The Python side: the virtualenv (.venv/) with the pinned test requirements, the generated Python
// client (openapi-python-client) and its lint, and the runs against a server: the client example
// and the pytest suite (the `openai` SDK, pyflue's PyFlueClient, FastAgency's FastAPIProvider), whose
// cases each count as one check.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SPECS, settle, specPath } from "./clients.mjs";
import { count, root, run } from "./harness.mjs";

const venv = join(root, ".venv");
export const venvBin = join(venv, "bin");
const python = join(venvBin, "python");
const requirements = join(root, "test/python/requirements.txt");
// The peers' clients (pyflue, FastAgency): installed without their declared dependencies, which
// conflict with the pins above; requirements.txt pins what their clients import.
const requirementsNoDeps = join(root, "test/python/requirements-no-deps.txt");
const pythonDir = join(root, "examples/clients/python");

/** The environment of every Python command: the virtualenv's interpreter and scripts first. */
export const pyEnv = {
  ...process.env,
  PATH: `${venvBin}:${process.env.PATH}`,
  VIRTUAL_ENV: venv,
  PYTHONDONTWRITEBYTECODE: "1",
};
delete pyEnv.PYTHONHOME;

const sha256 = (text) => createHash("sha256").update(text).digest("hex");

function pythonVersionOk(bin) {
  const r = spawnSync(bin, ["-c", "import sys; print(sys.version_info >= (3, 11))"], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() === "True";
}

/** Creates or refreshes .venv; reinstalls only when the pinned requirements changed. */
export async function ensureVenv() {
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

/** Regenerates the Python clients under `work` and settles them against the committed ones. */
export async function generatePython(work, write) {
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
  return ok && settle("python", join(pythonDir, "generated"), out, write);
}

export async function checkPython() {
  const dirs = [pythonDir, join(root, "test/python")];
  const ruff = join(venvBin, "ruff");
  const lint = await run(ruff, ["check", "--no-cache", ...dirs], { env: pyEnv });
  const format = await run(ruff, ["format", "--no-cache", "--check", ...dirs], { env: pyEnv });
  // Byte-compiles every file, so a syntax error in a client fails here rather than mid-run.
  const compile = await run(python, ["-m", "compileall", "-q", ...dirs], { env: pyEnv });
  return lint.ok && format.ok && compile.ok;
}

/** Runs the Python client example against the server named by `env.SWITCHBOARD_URL`. */
export async function runPythonExample(env) {
  return (await run(python, [join(pythonDir, "main.py")], { env, timeoutMs: 90_000 })).ok;
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

/** Runs the pytest suite against the server named by `env.SWITCHBOARD_URL`, counting each case. */
export async function runPytest(framework, env, work) {
  const report = join(work, `pytest-${framework}.xml`);
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
}
