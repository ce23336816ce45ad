/**
 * 1,000 concurrent Responses SSE streams from the bench-only `ticker` agent, each due to deliver a
 * delta every 100 ms for 5 s. The ticker's deadlines are absolute, so a gap beyond 100 ms is
 * lateness the server (or the client's own loop) introduced; the target is on that excess. Raw
 * node:http serving the same streams on the same schedule runs in the same rounds, for scale.
 */
import {
  type BenchmarkResult,
  type BenchOptions,
  log,
  type Row,
  type ServerChild,
  startLoad,
  startServer,
  urlOf,
  withChildren,
} from "../lib/context.js";
import { median, round } from "../lib/stats.js";
import type { SseManyResult } from "../load.js";

const INTERVAL_MS = 100;

interface Measured extends SseManyResult {
  serverLagP99Ms: number;
  serverLagMaxMs: number;
  serverCpuShare: number;
}

export async function sseConcurrency(options: BenchOptions): Promise<BenchmarkResult> {
  const streams = options.quick ? 200 : 1000;
  const ticks = options.quick ? 20 : 50;
  const body = JSON.stringify({ model: "ticker", input: `${ticks} ${INTERVAL_MS}`, stream: true, store: false });
  const subjects = [
    { id: "node:http", kind: "node-sse", options: {} },
    ...options.adapters.map((adapter) => ({
      id: adapter,
      kind: "switchboard",
      options: { adapter, protocols: ["responses"] },
    })),
  ];
  const results = new Map<string, Measured[]>(subjects.map((s) => [s.id, []]));
  await withChildren(async (track) => {
    const load = track(await startLoad());
    const servers = new Map<string, ServerChild>();
    for (const subject of subjects) {
      const name = `sse-many-${subject.id.replace(/[^a-z]+/g, "-")}`;
      const server = track(await startServer(subject.kind, subject.options, { profile: options.profile, name }));
      servers.set(subject.id, server);
      const url = urlOf(server, "/v1/responses");
      await load.call("sseMany", { url, body, streams: 50, ticks: 5, intervalMs: INTERVAL_MS, timeoutMs: 30_000 });
    }
    for (let r = 0; r < options.rounds; r++) {
      const order = r % 2 === 0 ? subjects : [...subjects].reverse();
      for (const subject of order) {
        const server = servers.get(subject.id)!;
        await server.call("loopDelay", true);
        const result = await load.call<SseManyResult>(
          "sseMany",
          {
            url: urlOf(server, "/v1/responses"),
            body,
            streams,
            ticks,
            intervalMs: INTERVAL_MS,
            timeoutMs: ticks * INTERVAL_MS + 30_000,
          },
          ticks * INTERVAL_MS + 60_000,
        );
        const lag = await server.call<{
          p99Ms: number;
          maxMs: number;
          cpuShare: number;
          gcMaxMs: number;
          gcTotalMs: number;
        }>("loopDelay", true);
        if (result.failed > 0) throw new Error(`${subject.id}: ${result.failed} streams failed: ${result.firstError}`);
        results
          .get(subject.id)!
          .push({ ...result, serverLagP99Ms: lag.p99Ms, serverLagMaxMs: lag.maxMs, serverCpuShare: lag.cpuShare });
        log(
          `round ${r + 1} ${subject.id.padEnd(9)} gap p50 ${result.gapP50Ms.toFixed(1)} p99 ${result.gapP99Ms.toFixed(1)} (after 1 s: ${result.steadyGapP99Ms.toFixed(1)}) max ${result.gapMaxMs.toFixed(0)} ms; server loop delay p99 ${lag.p99Ms.toFixed(1)} max ${lag.maxMs.toFixed(0)} ms, cpu ${Math.round(lag.cpuShare * 100)}%, gc max ${lag.gcMaxMs.toFixed(0)} total ${lag.gcTotalMs.toFixed(0)} ms; client loop delay p99 ${result.clientLagP99Ms.toFixed(1)} ms`,
        );
      }
    }
  });
  const med = (id: string, pick: (m: Measured) => number) => median(results.get(id)!.map(pick));
  const describe = (id: string) =>
    `gap p99 ${med(id, (m) => m.gapP99Ms).toFixed(1)} ms (after 1 s ${med(id, (m) => m.steadyGapP99Ms).toFixed(1)}, max ${med(id, (m) => m.gapMaxMs).toFixed(0)})`;
  const rows: Row[] = options.adapters.map((adapter) => {
    const excess = med(adapter, (m) => m.gapP99Ms) - INTERVAL_MS;
    return {
      benchmark: "sse-concurrency",
      subject: `${adapter} + Switchboard, ${streams} streams`,
      figure: describe(adapter),
      baseline: `node:http ${describe("node:http")}`,
      ratio: round(excess, 1),
      target: "p99 − 100 ms < 50 ms",
      pass: excess < 50,
      note: `server CPU ${Math.round(med(adapter, (m) => m.serverCpuShare) * 100)}% of a core (node:http ${Math.round(med("node:http", (m) => m.serverCpuShare) * 100)}%), loop delay p99 ${med(adapter, (m) => m.serverLagP99Ms).toFixed(1)} ms (node:http ${med("node:http", (m) => m.serverLagP99Ms).toFixed(1)}); client loop delay p99 ${med(adapter, (m) => m.clientLagP99Ms).toFixed(1)} ms`,
    };
  });
  return { rows, raw: { streams, ticks, intervalMs: INTERVAL_MS, rounds: Object.fromEntries(results) } };
}
