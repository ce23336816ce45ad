/**
 * The conformance suite as a user runs it: `switchboard serve` (hono, its embedded store), then
 * `pnpm conformance --url …` (the same command line the root script runs), timed end to end.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchmarkResult, BenchOptions, Row } from "../lib/context.js";
import { log } from "../lib/context.js";
import { repoRoot, stopProcess } from "../lib/process.js";

const TS = ["--conditions=source", "--import", "tsx"];

function serve(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...TS, "packages/cli/src/bin.ts", "serve"], {
    cwd: repoRoot,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", SWITCHBOARD_FRAMEWORK: "hono", SWITCHBOARD_DATA_DIR: dataDir },
    // The fixtures log the failures the suite provokes on purpose; shown only if the server dies.
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    errors = (errors + chunk).slice(-20_000);
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("switchboard serve did not print its URL within 60 s"));
    }, 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`switchboard serve exited with ${code}: ${output}\n${errors}`));
    });
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: match[1]!, child });
    });
  });
}

interface Report {
  durationMs: number;
  ok: boolean;
  results: Array<{ outcome: string; level: string }>;
}

export async function conformance(_options: BenchOptions): Promise<BenchmarkResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "switchboard-bench-conformance-"));
  const reportFile = join(dataDir, "report.json");
  const server = await serve(join(dataDir, "data"));
  try {
    const started = performance.now();
    const code = await new Promise<number | null>((resolve) => {
      const suite = spawn(
        process.execPath,
        [...TS, "conformance/src/cli.ts", "--url", server.url, "--json", reportFile],
        { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] },
      );
      const timer = setTimeout(() => suite.kill("SIGKILL"), 15 * 60_000);
      suite.once("exit", (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    const wallMs = performance.now() - started;
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as Report;
    const tally: Record<string, number> = {};
    for (const result of report.results) tally[result.outcome] = (tally[result.outcome] ?? 0) + 1;
    log(
      `conformance: exit ${code}, ${report.results.length} requirements in ${(wallMs / 1000).toFixed(1)} s ${JSON.stringify(tally)}`,
    );
    const rows: Row[] = [
      {
        benchmark: "conformance",
        subject: `pnpm conformance against switchboard serve (hono)`,
        figure: `${(wallMs / 1000).toFixed(1)} s wall`,
        baseline: "",
        target: "recorded",
        note: `${report.results.length} requirements: ${Object.entries(tally)
          .map(([outcome, n]) => `${n} ${outcome}`)
          .join(", ")}; suite's own clock ${(report.durationMs / 1000).toFixed(1)} s; exit ${code}`,
      },
    ];
    return { rows, raw: { wallMs: Math.round(wallMs), suiteMs: report.durationMs, exitCode: code, tally } };
  } finally {
    await stopProcess(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
