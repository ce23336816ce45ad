/**
 * Stored, non-streaming `POST /v1/responses` (echo, `store` left at its default of true) on a real
 * Postgres server started by scripts/postgres.mjs, against the same server with the in-memory
 * store. Target (issue 22): at least half the in-memory store's rate.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import pg from "pg";
import {
  type BenchmarkResult,
  type BenchOptions,
  log,
  type Row,
  startLoad,
  startServer,
  urlOf,
  withChildren,
} from "../lib/context.js";
import { repoRoot } from "../lib/process.js";
import { median, round, sleep } from "../lib/stats.js";
import type { HttpResult } from "../load.js";

const BODY = JSON.stringify({ model: "echo", input: "Benchmarks measure what the protocol layer costs" });
const TARGET = 0.5;
const CONNECTIONS = 32;

interface Postgres {
  url: string;
  stop(): Promise<void>;
}

function startPostgres(): Promise<Postgres> {
  const child = spawn(process.execPath, [join(repoRoot, "scripts/postgres.mjs")], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("scripts/postgres.mjs printed no DATABASE_URL within 60 s"));
    }, 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`scripts/postgres.mjs exited with ${code}: ${output}`));
    });
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      const match = /DATABASE_URL=(\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        async stop() {
          // SIGTERM makes the script stop the server and delete its directory.
          child.kill("SIGTERM");
          await exited;
        },
      });
    });
  });
}

/** Transactions committed in the database so far: each statement outside a transaction is one. */
async function commits(client: pg.Client): Promise<number> {
  // Backends report their counters about once a second; this asks for a fresh snapshot after that.
  await sleep(1100);
  await client.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await client.query<{ n: string }>(
    "SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()",
  );
  return Number(rows[0]!.n);
}

export async function postgresCreate(options: BenchOptions): Promise<BenchmarkResult> {
  const adapter = options.adapters.includes("hono") ? "hono" : options.adapters[0]!;
  const warmupSec = options.quick ? 0.5 : 1;
  const measureSec = options.quick ? 1 : 4;
  const postgres = await startPostgres();
  const stats = new pg.Client({ connectionString: postgres.url });
  await stats.connect();
  const perRequest: number[] = [];
  try {
    return await withChildren(async (track) => {
      const load = track(await startLoad());
      const subjects = [
        { id: "memory", options: { adapter, protocols: ["responses"] } },
        { id: "postgres", options: { adapter, protocols: ["responses"], databaseUrl: postgres.url } },
      ];
      const servers = new Map<string, Awaited<ReturnType<typeof startServer>>>();
      for (const subject of subjects) {
        const name = `store-${subject.id}`;
        servers.set(
          subject.id,
          track(await startServer("switchboard", subject.options, { profile: options.profile, name })),
        );
      }
      const rps = new Map<string, number[]>(subjects.map((s) => [s.id, []]));
      const raw: Record<string, unknown[]> = { memory: [], postgres: [] };
      for (let r = 0; r < options.rounds; r++) {
        const order = r % 2 === 0 ? subjects : [...subjects].reverse();
        for (const subject of order) {
          const url = urlOf(servers.get(subject.id)!, "/v1/responses");
          const job = { url, body: BODY, connections: CONNECTIONS, maxRequests: 1_000_000 };
          await load.call("http", { ...job, durationSec: warmupSec });
          const before = subject.id === "postgres" ? await commits(stats) : 0;
          const result = await load.call<HttpResult>("http", { ...job, durationSec: measureSec });
          if (subject.id === "postgres") perRequest.push(((await commits(stats)) - before) / result.ok);
          if (result.non2xx > 0 || result.errors > 0) {
            throw new Error(`${subject.id}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
          }
          rps.get(subject.id)!.push(result.rps);
          raw[subject.id]!.push({ rps: Math.round(result.rps), p50: result.latencyP50Ms, p99: result.latencyP99Ms });
          log(`round ${r + 1} ${subject.id.padEnd(9)} ${Math.round(result.rps)} req/s, p99 ${result.latencyP99Ms} ms`);
        }
      }
      const memory = rps.get("memory")!;
      const ratio = median(rps.get("postgres")!.map((value, i) => value / memory[i]!));
      const rows: Row[] = [
        {
          benchmark: "postgres-create",
          subject: `${adapter} + Switchboard, Postgres store`,
          figure: `${Math.round(median(rps.get("postgres")!))} req/s`,
          baseline: `in-memory store ${Math.round(median(memory))} req/s`,
          ratio: round(ratio),
          target: `≥ ${TARGET}`,
          pass: ratio >= TARGET,
          note: `${round(median(perRequest), 2)} committed statements per request (pg_stat_database.xact_commit: each stored create is one write of its finished response and input items, batched with the concurrent requests' writes)`,
        },
      ];
      return { rows, raw: { connections: CONNECTIONS, measureSec, rounds: raw } };
    });
  } finally {
    await stats.end();
    await postgres.stop();
  }
}
