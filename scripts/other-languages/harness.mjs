// The harness of scripts/other-languages.mjs: the repository root, running a command, timing a
// step, and the pass/fail tally with the closing `N passed, N failed` summary.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

const tally = { passed: 0, failed: 0 };
/** Names of the failed checks; the driver also reads it to show a failing server's log. */
export const failures = [];
const timings = [];

export function count(name, ok) {
  if (ok) tally.passed++;
  else {
    tally.failed++;
    failures.push(name);
  }
  return ok;
}

/** Runs a command to completion; asynchronously, so that a server booting meanwhile is watched. */
export function run(cmd, argv, { cwd = root, env = process.env, timeoutMs = 300_000, capture = false } = {}) {
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

export async function step(name, fn) {
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

/** Prints the slowest steps, the total time, the failures and the tally; returns the exit code. */
export function summary(startedAt) {
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
  console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed ? 1 : 0;
}
