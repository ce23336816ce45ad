/**
 * Non-streaming `POST /v1/responses` (`store: false`) for the `relay` agent, whose model is
 * `openAICompatible` at its defaults pointed at a local Chat Completions stub that answers at once
 * (`upstream-chat`, latency 0), against the stub alone answering the same streamed chat request:
 * what Switchboard and its provider cost on top of the model server. A bare relay (`node-relay`:
 * `node:http` in, one undici `request` out, the deltas joined into a response object) runs in the
 * same rounds as the floor any server doing this has. The stub counts the TCP connections it
 * accepted, so the row also shows whether the provider reused them (keep-alive). Server CPU time
 * per request is reported for every subject: far steadier than req/s on a shared machine.
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

type SubjectId = "stub" | "relay" | "switchboard";

interface Measured {
  rps: number;
  p99: number;
  /** µs of CPU per answered request: the server's own (the relaying subjects), and the stub's. */
  serverCpuUs?: number;
  stubCpuUs: number;
  upstream: UpstreamStats;
}

export async function modelCall(options: BenchOptions): Promise<BenchmarkResult> {
  const adapter = options.adapters.includes("hono") ? "hono" : options.adapters[0]!;
  const warmupSec = options.quick ? 0.5 : 1;
  const measureSec = options.quick ? 1 : 4;
  return withChildren(async (track) => {
    const load = track(await startLoad());
    const upstream = track(await startServer("upstream-chat", { latencyMs: 0 }, { name: "upstream-stub" }));
    const upstreamUrl = urlOf(upstream, "/v1");
    const server = track(
      await startServer(
        "switchboard",
        { adapter, protocols: ["responses"], upstreamUrl },
        { profile: options.profile, name: "model-call" },
      ),
    );
    const relay = track(await startServer("node-relay", { upstreamUrl }, { name: "node-relay" }));
    const subjects: Array<{ id: SubjectId; url: string; body: string; process?: ServerChild }> = [
      { id: "stub", url: urlOf(upstream, "/v1/chat/completions"), body: CHAT_BODY },
      { id: "relay", url: urlOf(relay, "/v1/responses"), body: RESPONSES_BODY, process: relay },
      { id: "switchboard", url: urlOf(server, "/v1/responses"), body: RESPONSES_BODY, process: server },
    ];
    const runs = new Map<SubjectId, Measured[]>(subjects.map((s) => [s.id, []]));
    const cpuOf = (child: ServerChild | undefined) => (child ? child.call<number>("cpu") : Promise.resolve(0));
    for (let r = 0; r < options.rounds; r++) {
      const order = r % 2 === 0 ? subjects : [...subjects].reverse();
      for (const subject of order) {
        const job = { url: subject.url, body: subject.body, connections: CONNECTIONS, maxRequests: 1_000_000 };
        await load.call("http", { ...job, durationSec: warmupSec });
        await upstream.call("stats", true);
        const [server0, stub0] = await Promise.all([cpuOf(subject.process), upstream.call<number>("cpu")]);
        const result = await load.call<HttpResult>("http", { ...job, durationSec: measureSec });
        const [server1, stub1] = await Promise.all([cpuOf(subject.process), upstream.call<number>("cpu")]);
        const seen = await upstream.call<UpstreamStats>("stats", true);
        if (result.non2xx > 0 || result.errors > 0) {
          throw new Error(`${subject.id}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
        }
        const measured: Measured = {
          rps: result.rps,
          p99: result.latencyP99Ms,
          stubCpuUs: (stub1 - stub0) / result.ok,
          upstream: seen,
          ...(subject.process ? { serverCpuUs: (server1 - server0) / result.ok } : {}),
        };
        runs.get(subject.id)!.push(measured);
        log(
          `round ${r + 1} ${subject.id.padEnd(11)} ${Math.round(result.rps)} req/s, p99 ${result.latencyP99Ms} ms, ` +
            `CPU/request: stub ${measured.stubCpuUs.toFixed(1)} µs` +
            (measured.serverCpuUs === undefined ? "" : `, ${subject.id} ${measured.serverCpuUs.toFixed(1)} µs`) +
            ` (upstream: ${seen.requests} requests, ${seen.connections} new connections, at most ${seen.maxInFlight} in flight)`,
        );
      }
    }
    const rpsOf = (id: SubjectId) => runs.get(id)!.map((m) => m.rps);
    const perRound = (id: SubjectId, base: SubjectId) => median(rpsOf(id).map((value, i) => value / rpsOf(base)[i]!));
    const cpu = (id: SubjectId) => round(median(runs.get(id)!.map((m) => m.serverCpuUs ?? m.stubCpuUs)), 1);
    const ratio = perRound("switchboard", "stub");
    const sb = runs.get("switchboard")!;
    const rows: Row[] = [
      {
        benchmark: "model-call",
        subject: `${adapter} + Switchboard, POST /v1/responses via openAICompatible`,
        figure: `${Math.round(median(rpsOf("switchboard")))} req/s (${cpu("switchboard")} µs server CPU/request)`,
        baseline: `the upstream stub alone ${Math.round(median(rpsOf("stub")))} req/s (${cpu("stub")} µs)`,
        ratio: round(ratio),
        target: `≥ ${TARGET}`,
        pass: ratio >= TARGET,
        note: `upstream per round while Switchboard was measured: ${sb
          .map(
            ({ upstream: s }) =>
              `${s.requests} requests over ${s.connections} new connections, at most ${s.maxInFlight} in flight`,
          )
          .join("; ")}`,
      },
      {
        benchmark: "model-call",
        subject: "the bare relay (node:http + undici request), same request",
        figure: `${Math.round(median(rpsOf("relay")))} req/s (${cpu("relay")} µs server CPU/request)`,
        baseline: "the upstream stub alone",
        ratio: round(perRound("relay", "stub")),
        note: `Switchboard / bare relay: ${round(perRound("switchboard", "relay"))} (per-round median)`,
      },
    ];
    return { rows, raw: { connections: CONNECTIONS, measureSec, rounds: Object.fromEntries(runs) } };
  });
}
