/**
 * Non-streaming `POST /v1/responses` (`store: false`) for the `relay` agent, whose model is
 * `openAICompatible` at its defaults pointed at a local Chat Completions stub that answers at once
 * (`upstream-chat`, latency 0), against the stub alone answering the same streamed chat request:
 * what Switchboard and its provider cost on top of the model server. The stub counts the TCP
 * connections it accepted, so the row also shows whether the provider reused them (keep-alive).
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
import type { HttpResult } from "../load.js";
import type { UpstreamStats } from "../servers/upstream.js";

const CONNECTIONS = 64;
const TARGET = 0.5;
const RESPONSES_BODY = JSON.stringify({ model: "relay", input: "What is the value?", store: false });
const CHAT_BODY = JSON.stringify({
  model: "stub",
  messages: [{ role: "user", content: "What is the value?" }],
  stream: true,
  stream_options: { include_usage: true },
});

export async function modelCall(options: BenchOptions): Promise<BenchmarkResult> {
  const adapter = options.adapters.includes("hono") ? "hono" : options.adapters[0]!;
  const warmupSec = options.quick ? 0.5 : 1;
  const measureSec = options.quick ? 1 : 4;
  return withChildren(async (track) => {
    const load = track(await startLoad());
    const upstream = track(await startServer("upstream-chat", { latencyMs: 0 }, { name: "upstream-stub" }));
    const server = track(
      await startServer(
        "switchboard",
        { adapter, protocols: ["responses"], upstreamUrl: urlOf(upstream, "/v1") },
        { profile: options.profile, name: "model-call" },
      ),
    );
    const subjects = [
      { id: "stub", url: urlOf(upstream, "/v1/chat/completions"), body: CHAT_BODY },
      { id: "switchboard", url: urlOf(server, "/v1/responses"), body: RESPONSES_BODY },
    ];
    const rps = new Map<string, number[]>(subjects.map((s) => [s.id, []]));
    const raw: Record<string, unknown[]> = { stub: [], switchboard: [] };
    const upstreamSeen: UpstreamStats[] = [];
    const serverCpu: number[] = [];
    const stubCpu = new Map<string, number[]>(subjects.map((s) => [s.id, []]));
    for (let r = 0; r < options.rounds; r++) {
      const order = r % 2 === 0 ? subjects : [...subjects].reverse();
      for (const subject of order) {
        const job = { url: subject.url, body: subject.body, connections: CONNECTIONS, maxRequests: 1_000_000 };
        await load.call("http", { ...job, durationSec: warmupSec });
        await upstream.call("stats", true);
        const [serverCpu0, stubCpu0] = await Promise.all([server.call<number>("cpu"), upstream.call<number>("cpu")]);
        const result = await load.call<HttpResult>("http", { ...job, durationSec: measureSec });
        const [serverCpu1, stubCpu1] = await Promise.all([server.call<number>("cpu"), upstream.call<number>("cpu")]);
        const seen = await upstream.call<UpstreamStats>("stats", true);
        // CPU per answered request: far steadier than req/s on a shared machine.
        const stubCpuUs = (stubCpu1 - stubCpu0) / result.ok;
        const serverCpuUs = subject.id === "switchboard" ? (serverCpu1 - serverCpu0) / result.ok : undefined;
        if (result.non2xx > 0 || result.errors > 0) {
          throw new Error(`${subject.id}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
        }
        if (subject.id === "switchboard") upstreamSeen.push(seen);
        rps.get(subject.id)!.push(result.rps);
        if (serverCpuUs !== undefined) serverCpu.push(serverCpuUs);
        stubCpu.get(subject.id)!.push(stubCpuUs);
        raw[subject.id]!.push({
          rps: Math.round(result.rps),
          p50: result.latencyP50Ms,
          p99: result.latencyP99Ms,
          upstream: seen,
          stubCpuUsPerRequest: round(stubCpuUs, 1),
          ...(serverCpuUs === undefined ? {} : { serverCpuUsPerRequest: round(serverCpuUs, 1) }),
        });
        log(
          `round ${r + 1} ${subject.id.padEnd(11)} ${Math.round(result.rps)} req/s, p99 ${result.latencyP99Ms} ms, ` +
            `CPU/request: stub ${stubCpuUs.toFixed(1)} µs` +
            (serverCpuUs === undefined ? "" : `, Switchboard ${serverCpuUs.toFixed(1)} µs`) +
            ` (upstream: ${seen.requests} requests, ${seen.connections} new connections, at most ${seen.maxInFlight} in flight)`,
        );
      }
    }
    const stub = rps.get("stub")!;
    const ratio = median(rps.get("switchboard")!.map((value, i) => value / stub[i]!));
    const rows: Row[] = [
      {
        benchmark: "model-call",
        subject: `${adapter} + Switchboard, POST /v1/responses via openAICompatible`,
        figure: `${Math.round(median(rps.get("switchboard")!))} req/s`,
        baseline: `the upstream stub alone ${Math.round(median(stub))} req/s`,
        ratio: round(ratio),
        target: `≥ ${TARGET}`,
        pass: ratio >= TARGET,
        note: `server CPU per request: Switchboard ${round(median(serverCpu), 1)} µs, the stub ${round(
          median(stubCpu.get("stub")!),
          1,
        )} µs alone; upstream per round while Switchboard was measured: ${upstreamSeen
          .map(
            (s) => `${s.requests} requests over ${s.connections} new connections, at most ${s.maxInFlight} in flight`,
          )
          .join("; ")}`,
      },
    ];
    return { rows, raw: { connections: CONNECTIONS, measureSec, rounds: raw } };
  });
}
