/**
 * 1,000 concurrent Responses SSE streams from the bench-only `ticker` agent, each due to deliver a
 * delta every 100 ms for 5 s. The ticker's deadlines are absolute, so a gap beyond 100 ms is
 * lateness the server (or the client's own loop) introduced; the target is on that excess.
 */
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
import type { SseManyResult } from "../load.js";

const INTERVAL_MS = 100;

export async function sseConcurrency(options: BenchOptions): Promise<BenchmarkResult> {
  const streams = options.quick ? 200 : 1000;
  const ticks = options.quick ? 20 : 50;
  const body = JSON.stringify({ model: "ticker", input: `${ticks} ${INTERVAL_MS}`, stream: true, store: false });
  const rows: Row[] = [];
  const raw: Record<string, unknown[]> = {};
  await withChildren(async (track) => {
    const load = track(await startLoad());
    for (const adapter of options.adapters) {
      const server = track(
        await startServer(
          "switchboard",
          { adapter, protocols: ["responses"] },
          { profile: options.profile, name: `sse-many-${adapter}` },
        ),
      );
      const url = urlOf(server, "/v1/responses");
      await load.call("sseMany", { url, body, streams: 50, ticks: 5, intervalMs: INTERVAL_MS, timeoutMs: 30_000 });
      const results: Array<SseManyResult & { serverLagP99Ms: number }> = [];
      for (let r = 0; r < options.rounds; r++) {
        await server.call("loopDelay", true);
        const result = await load.call<SseManyResult>(
          "sseMany",
          { url, body, streams, ticks, intervalMs: INTERVAL_MS, timeoutMs: ticks * INTERVAL_MS + 30_000 },
          ticks * INTERVAL_MS + 60_000,
        );
        const serverLag = await server.call<{ p99Ms: number }>("loopDelay", true);
        if (result.failed > 0) throw new Error(`${adapter}: ${result.failed} streams failed: ${result.firstError}`);
        results.push({ ...result, serverLagP99Ms: serverLag.p99Ms });
        log(
          `round ${r + 1} ${adapter.padEnd(8)} gap p50 ${result.gapP50Ms.toFixed(1)} p99 ${result.gapP99Ms.toFixed(1)} max ${result.gapMaxMs.toFixed(1)} ms; server loop p99 ${serverLag.p99Ms.toFixed(1)} ms, client loop p99 ${result.clientLagP99Ms.toFixed(1)} ms`,
        );
      }
      await server.stop();
      const p99 = median(results.map((r) => r.gapP99Ms));
      const excess = p99 - INTERVAL_MS;
      rows.push({
        benchmark: "sse-concurrency",
        subject: `${adapter} + Switchboard, ${streams} streams`,
        figure: `gap p99 ${p99.toFixed(1)} ms (p50 ${median(results.map((r) => r.gapP50Ms)).toFixed(1)}, max ${median(results.map((r) => r.gapMaxMs)).toFixed(0)})`,
        baseline: `${INTERVAL_MS} ms schedule`,
        ratio: round(excess, 1),
        target: "p99 − 100 ms < 50 ms",
        pass: excess < 50,
        note: `server loop delay p99 ${median(results.map((r) => r.serverLagP99Ms)).toFixed(1)} ms; client loop delay p99 ${median(results.map((r) => r.clientLagP99Ms)).toFixed(1)} ms`,
      });
      raw[adapter] = results;
    }
  });
  return { rows, raw: { streams, ticks, intervalMs: INTERVAL_MS, rounds: raw } };
}
