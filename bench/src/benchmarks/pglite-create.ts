/**
 * Non-streaming `POST /v1/responses` (echo) on Hono with the embedded PGlite store, as
 * `switchboard serve` runs by default: a stored create (`store` left at its default of true)
 * against an unstored one (`store: false`) on the same server, in alternating rounds, after a
 * warm-up of 1,500 stored creates.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
import { median, round } from "../lib/stats.js";
import type { HttpResult } from "../load.js";

const INPUT = "Benchmarks measure what the protocol layer costs";
const SUBJECTS = [
  { id: "unstored", body: JSON.stringify({ model: "echo", input: INPUT, store: false }) },
  { id: "stored", body: JSON.stringify({ model: "echo", input: INPUT }) },
] as const;
const CONNECTIONS = 32;
const TARGET = 0.5;
const WARM_UP_REQUESTS = 1_500;

export async function pgliteCreate(options: BenchOptions): Promise<BenchmarkResult> {
  const adapter = options.adapters.includes("hono") ? "hono" : options.adapters[0]!;
  const warmupSec = options.quick ? 0.5 : 1;
  const measureSec = options.quick ? 1 : 4;
  const dataDir = mkdtempSync(join(tmpdir(), "switchboard-bench-pglite-"));
  try {
    return await withChildren(async (track) => {
      const load = track(await startLoad());
      const server = track(
        await startServer(
          "switchboard",
          { adapter, protocols: ["responses"], dataDir },
          { profile: options.profile, name: "store-pglite" },
        ),
      );
      const url = urlOf(server, "/v1/responses");
      // Steady state first: V8 compiles PGlite's WebAssembly lazily and tiers up what is hot, so
      // the first hundred stored creates cost 4–7 times the CPU of later ones (6.1 ms against
      // 1.3–1.8 ms per request in one process, settling after about a thousand).
      const stored = SUBJECTS[1];
      const warm = await load.call<HttpResult>("http", {
        url,
        body: stored.body,
        connections: CONNECTIONS,
        maxRequests: options.quick ? 200 : WARM_UP_REQUESTS,
        durationSec: options.quick ? 5 : 60,
      });
      log(`warm-up: ${warm.ok} stored creates`);
      const rps = new Map<string, number[]>(SUBJECTS.map((s) => [s.id, []]));
      const raw: Record<string, unknown[]> = { unstored: [], stored: [] };
      for (let r = 0; r < options.rounds; r++) {
        const order = r % 2 === 0 ? SUBJECTS : [...SUBJECTS].reverse();
        for (const subject of order) {
          const job = { url, body: subject.body, connections: CONNECTIONS, maxRequests: 1_000_000 };
          await load.call("http", { ...job, durationSec: warmupSec });
          const result = await load.call<HttpResult>("http", { ...job, durationSec: measureSec });
          if (result.non2xx > 0 || result.errors > 0) {
            throw new Error(`${subject.id}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
          }
          rps.get(subject.id)!.push(result.rps);
          raw[subject.id]!.push({ rps: Math.round(result.rps), p50: result.latencyP50Ms, p99: result.latencyP99Ms });
          log(`round ${r + 1} ${subject.id.padEnd(9)} ${Math.round(result.rps)} req/s, p99 ${result.latencyP99Ms} ms`);
        }
      }
      const unstored = rps.get("unstored")!;
      const ratio = median(rps.get("stored")!.map((value, i) => value / unstored[i]!));
      const rows: Row[] = [
        {
          benchmark: "pglite-create",
          subject: `${adapter} + Switchboard, PGlite store, stored create`,
          figure: `${Math.round(median(rps.get("stored")!))} req/s`,
          baseline: `the same server, store: false ${Math.round(median(unstored))} req/s`,
          // Three digits: before the group commit the ratio was below 0.005.
          ratio: round(ratio, 3),
          target: `≥ ${TARGET}`,
          pass: ratio >= TARGET,
        },
      ];
      return { rows, raw: { connections: CONNECTIONS, measureSec, rounds: raw } };
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
