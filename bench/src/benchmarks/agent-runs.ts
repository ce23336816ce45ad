/**
 * 1,000 agent runs started at once through `openAICompatible` (concurrency limit 100) and
 * `runAgent`, against a local Chat Completions server answering after 50 ms. Each run takes two
 * model turns (a `lookup` tool call, then the answer), so with perfect scheduling the upstream sees
 * 2,000 calls in waves of 100: ideal = 1000 / 100 × 50 ms × 2 turns = 1 s. Rounds alternate with
 * the floor under it: the same calls made with bare undici `request` (the HTTP client the provider
 * uses on Node).
 */
import { type BenchmarkResult, type BenchOptions, log, type Row, startServer, withChildren } from "../lib/context.js";
import { median, round } from "../lib/stats.js";
import type { AgentRunsResult } from "../servers/agent-runner.js";
import type { UpstreamStats } from "../servers/upstream.js";

const LATENCY_MS = 50;
const CONCURRENCY = 100;
const TURNS = 2;

type Measured = AgentRunsResult & { upstream: UpstreamStats };

export async function agentRuns(options: BenchOptions): Promise<BenchmarkResult> {
  const runs = options.quick ? 300 : 1000;
  const ideal = Math.ceil(runs / CONCURRENCY) * LATENCY_MS * TURNS;
  const results: Record<"agent" | "request", Measured[]> = { agent: [], request: [] };
  await withChildren(async (track) => {
    const upstream = track(await startServer("upstream-chat", { latencyMs: LATENCY_MS }));
    const runner = track(await startServer("agent-runner", {}, { profile: options.profile, name: "agent-runs" }));
    const baseURL = `http://127.0.0.1:${upstream.ready.port}/v1`;
    for (const mode of ["request", "agent"] as const) {
      await runner.call("run", { baseURL, runs: 200, maxConcurrency: CONCURRENCY, mode });
    }
    await upstream.call("stats", true);
    for (let r = 0; r < options.rounds; r++) {
      const order = r % 2 === 0 ? (["request", "agent"] as const) : (["agent", "request"] as const);
      for (const mode of order) {
        const result = await runner.call<AgentRunsResult>("run", { baseURL, runs, maxConcurrency: CONCURRENCY, mode });
        const stats = await upstream.call<UpstreamStats>("stats", true);
        if (result.failed > 0) throw new Error(`${mode}: ${result.failed} runs failed: ${result.firstError}`);
        if (result.turns.length !== 1 || result.turns[0] !== TURNS) {
          throw new Error(`${mode}: runs took ${result.turns.join("/")} turns, expected ${TURNS}`);
        }
        results[mode].push({ ...result, upstream: stats });
        log(
          `round ${r + 1} ${mode.padEnd(7)} wall ${Math.round(result.wallMs)} ms (ideal ${ideal}), cpu ${Math.round(result.cpuMs)} ms, loop delay p99 ${result.lagP99Ms.toFixed(1)} ms max ${result.lagMaxMs.toFixed(1)}; upstream ${stats.requests} calls, ≤ ${stats.maxInFlight} at once, ${stats.connections} new connections`,
        );
      }
    }
  });
  const wall = (mode: "agent" | "request") => median(results[mode].map((r) => r.wallMs));
  const cpuPerCall = (mode: "agent" | "request") =>
    median(results[mode].map((r) => (r.cpuMs * 1000) / r.upstream.requests));
  const lag = median(results.agent.map((r) => r.lagP99Ms));
  const rows: Row[] = [
    {
      benchmark: "agent-runs",
      subject: `${runs} runs × ${TURNS} turns, limit ${CONCURRENCY}`,
      figure: `wall ${Math.round(wall("agent"))} ms`,
      baseline: `ideal ${ideal} ms`,
      ratio: round(wall("agent") / ideal),
      target: "≤ 1.2",
      pass: wall("agent") / ideal <= 1.2,
      note: `the same calls with bare undici request: wall ${Math.round(wall("request"))} ms (${round(wall("request") / ideal)} × ideal); CPU per upstream call: runAgent ${Math.round(cpuPerCall("agent"))} µs, bare request ${Math.round(cpuPerCall("request"))} µs`,
    },
    {
      benchmark: "agent-runs",
      subject: "event-loop delay during the runs",
      figure: `p99 ${lag.toFixed(1)} ms`,
      baseline: `bare request p99 ${median(results.request.map((r) => r.lagP99Ms)).toFixed(1)} ms`,
      target: "p99 < 20 ms",
      pass: lag < 20,
      note: `most upstream calls in flight: ${Math.max(...results.agent.map((r) => r.upstream.maxInFlight))} (limit ${CONCURRENCY})`,
    },
  ];
  return { rows, raw: { runs, latencyMs: LATENCY_MS, concurrency: CONCURRENCY, ideal, rounds: results } };
}
