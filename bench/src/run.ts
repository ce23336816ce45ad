/**
 * `pnpm bench [-- --only a,b] [--rounds N] [--quick] [--profile] [--adapters hono,…]`
 *
 * Runs the benchmarks, prints one table, and merges the figures into bench/results/latest.json
 * (a benchmark not run this time keeps its previous entry, with the time it ran).
 */
import { execSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { agentRuns } from "./benchmarks/agent-runs.js";
import { conformance } from "./benchmarks/conformance.js";
import { modelCall } from "./benchmarks/model-call.js";
import { peers } from "./benchmarks/peers.js";
import { pgliteCreate } from "./benchmarks/pglite-create.js";
import { postgresCreate } from "./benchmarks/postgres-create.js";
import { responsesOverhead } from "./benchmarks/responses-overhead.js";
import { sseConcurrency } from "./benchmarks/sse-concurrency.js";
import { sseThroughput } from "./benchmarks/sse-throughput.js";
import { wsChain } from "./benchmarks/ws-chain.js";
import { wsIdle } from "./benchmarks/ws-idle.js";
import type { Benchmark, BenchOptions, Row } from "./lib/context.js";
import { benchRoot, buildChildren } from "./lib/process.js";
import { ADAPTERS, type Adapter } from "./servers/switchboard.js";

const BENCHMARKS: Record<string, { run: Benchmark; about: string }> = {
  "responses-overhead": {
    run: responsesOverhead,
    about: "non-streaming POST /v1/responses (echo) per adapter vs its bare route; fastest vs node:http",
  },
  "sse-throughput": { run: sseThroughput, about: "one SSE stream of 100,000 text deltas vs node:http" },
  "sse-concurrency": { run: sseConcurrency, about: "1,000 concurrent SSE streams at 10 events/s: gap p99" },
  "ws-idle": { run: wsIdle, about: "10,000 idle instance-agent WebSockets: heap per socket vs raw ws" },
  "agent-runs": { run: agentRuns, about: "1,000 agent runs, upstream 50 ms, concurrency 100: wall time vs ideal" },
  "pglite-create": {
    run: pgliteCreate,
    about: "stored POST /v1/responses on the embedded PGlite store vs store: false on the same server",
  },
  "postgres-create": { run: postgresCreate, about: "stored POST /v1/responses on Postgres vs the in-memory store" },
  "ws-chain": {
    run: wsChain,
    about: "a 20-turn tool chain over Responses WebSocket mode vs HTTP + previous_response_id",
  },
  "model-call": {
    run: modelCall,
    about: "POST /v1/responses through openAICompatible to a local stub vs the stub alone",
  },
  peers: {
    run: peers,
    about: "WayFlow's OpenAIResponsesServer and FastAgency's FastAPIAdapter (from PyPI) vs Switchboard, same stub",
  },
  conformance: { run: conformance, about: "the conformance suite against switchboard serve (hono): wall time" },
};

const USAGE = `Usage: pnpm bench [-- options]

  --only LIST       comma-separated benchmarks (default: all)
  --rounds N        alternating baseline/subject rounds, medians reported (default 3)
  --adapters LIST   adapters to measure (default express,fastify,hono)
  --quick           short runs, to check the harness (figures are not comparable)
  --profile         servers write CPU profiles to bench/results/profiles
  --help

Benchmarks:
${Object.entries(BENCHMARKS)
  .map(([name, b]) => `  ${name.padEnd(20)}${b.about}`)
  .join("\n")}
`;

function parse(): { only: string[]; options: BenchOptions } {
  const { values } = parseArgs({
    // `pnpm bench -- --only x` hands the script a literal `--` first.
    args: process.argv.slice(2).filter((arg) => arg !== "--"),
    options: {
      only: { type: "string" },
      rounds: { type: "string" },
      adapters: { type: "string" },
      quick: { type: "boolean" },
      profile: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const only = values.only ? values.only.split(",").map((name) => name.trim()) : Object.keys(BENCHMARKS);
  for (const name of only) if (!BENCHMARKS[name]) throw new Error(`unknown benchmark ${name}\n\n${USAGE}`);
  const adapters = (values.adapters?.split(",") ?? [...ADAPTERS]) as Adapter[];
  for (const adapter of adapters) if (!ADAPTERS.includes(adapter)) throw new Error(`unknown adapter ${adapter}`);
  const rounds = values.rounds === undefined ? 3 : Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error("--rounds must be a positive integer");
  return { only, options: { rounds, quick: values.quick ?? false, profile: values.profile ?? false, adapters } };
}

function machine() {
  const cpu = cpus()[0]?.model ?? "unknown";
  let commit = "unknown";
  try {
    commit = execSync("git rev-parse --short HEAD", { cwd: benchRoot, encoding: "utf8" }).trim();
  } catch {}
  return {
    nproc: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    cpu,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit,
  };
}

function table(rows: Row[]): string {
  const header = ["benchmark", "subject", "figure", "baseline", "ratio", "target", ""];
  const lines = rows.map((row) => [
    row.benchmark,
    row.subject,
    row.figure,
    row.baseline,
    row.ratio === undefined ? "" : String(row.ratio),
    row.target ?? "",
    row.pass === undefined ? "" : row.pass ? "ok" : "MISSED",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [format(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(format)].join("\n");
}

async function main() {
  const { only, options } = parse();
  await buildChildren();
  const startedAt = new Date().toISOString();
  // Figures for a BENCH_OVERLAY build describe that build, not the tree: they go to their own file.
  const resultsFile = join(benchRoot, process.env.BENCH_OVERLAY ? "results/overlay.json" : "results/latest.json");
  mkdirSync(join(benchRoot, "results"), { recursive: true });
  const previous = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")) : { benchmarks: {} };
  const benchmarks: Record<string, unknown> = { ...previous.benchmarks };
  const command = `${process.env.BENCH_OVERLAY ? `BENCH_OVERLAY=${process.env.BENCH_OVERLAY} ` : ""}pnpm bench${process.argv.length > 2 ? ` ${process.argv.slice(2).join(" ")}` : ""}`;
  const rows: Row[] = [];
  let failed = false;
  for (const name of only) {
    process.stderr.write(`▶ ${name}\n`);
    const started = Date.now();
    try {
      const result = await BENCHMARKS[name]!.run(options);
      rows.push(...result.rows);
      benchmarks[name] = { ranAt: new Date().toISOString(), command, options, rows: result.rows, raw: result.raw };
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`✘ ${name} failed: ${message}\n`);
      rows.push({ benchmark: name, subject: "(failed)", figure: "", baseline: "", note: message.split("\n")[0] });
    }
    process.stderr.write(`  (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  const output = {
    updatedAt: startedAt,
    machine: machine(),
    benchmarks,
  };
  if (!options.quick) writeFileSync(resultsFile, `${JSON.stringify(output, null, 2)}\n`);
  process.stdout.write(`\n${table(rows)}\n`);
  for (const row of rows)
    if (row.note) process.stdout.write(`\n${row.subject === "(failed)" ? row.benchmark : row.subject}: ${row.note}`);
  process.stdout.write(`\n${options.quick ? "(--quick: latest.json not written)" : `written: ${resultsFile}`}\n`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
