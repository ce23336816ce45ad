/**
 * Non-streaming `POST /v1/responses` to the `echo` fixture on each adapter, against the same
 * framework's bare route returning the same JSON; then the fastest adapter against raw node:http.
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
import { CREATE_BODY, shapeOf } from "../payload.js";
import type { Adapter } from "../servers/switchboard.js";

interface Subject {
  id: string;
  kind: string;
  options?: object;
}

const CONNECTIONS = 64;
/** Issue 22's targets: each adapter against its framework's bare route, the fastest against node:http. */
const ADAPTER_TARGET = 0.9;
const NODE_TARGET = 0.8;

export async function responsesOverhead(options: BenchOptions): Promise<BenchmarkResult> {
  const subjects: Subject[] = [{ id: "node:http", kind: "node-json" }];
  for (const adapter of options.adapters) {
    subjects.push({ id: `${adapter} bare`, kind: `${adapter}-json` });
    subjects.push({ id: adapter, kind: "switchboard", options: { adapter, protocols: ["responses"] } });
  }
  const warmupSec = options.quick ? 0.5 : 1;
  const measureSec = options.quick ? 1 : 4;

  return withChildren(async (track) => {
    const load = track(await startLoad());
    const servers = new Map<string, Awaited<ReturnType<typeof startServer>>>();
    for (const subject of subjects) {
      const name = `overhead-${subject.id.replace(/[^a-z]+/g, "-")}`;
      servers.set(
        subject.id,
        track(await startServer(subject.kind, subject.options, { profile: options.profile, name })),
      );
    }
    const sizes = await checkSameJson(subjects, (id) => urlOf(servers.get(id)!, "/v1/responses"));

    const runs = new Map<string, Array<HttpResult & { cpuUs: number }>>(subjects.map((s) => [s.id, []]));
    for (let round_ = 0; round_ < options.rounds; round_++) {
      // Alternating the order cancels drift (thermal, neighbours) between baseline and subject.
      const order = round_ % 2 === 0 ? subjects : [...subjects].reverse();
      for (const subject of order) {
        const url = urlOf(servers.get(subject.id)!, "/v1/responses");
        const job = { url, body: CREATE_BODY, connections: CONNECTIONS, maxRequests: 2_000_000 };
        await load.call("http", { ...job, durationSec: warmupSec });
        const server = servers.get(subject.id)!;
        const cpuBefore = await server.call<number>("cpu");
        const result = await load.call<HttpResult>("http", { ...job, durationSec: measureSec });
        const cpuUs = ((await server.call<number>("cpu")) - cpuBefore) / result.ok;
        if (result.non2xx > 0 || result.errors > 0) {
          throw new Error(`${subject.id}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
        }
        runs.get(subject.id)!.push({ ...result, cpuUs });
        log(
          `round ${round_ + 1} ${subject.id.padEnd(14)} ${Math.round(result.rps)} req/s, ${cpuUs.toFixed(1)} µs server CPU/request`,
        );
      }
    }

    const rps = (id: string) => runs.get(id)!.map((r) => r.rps);
    const pairedRatio = (subject: string, baseline: string) =>
      median(rps(subject).map((value, i) => value / rps(baseline)[i]!));
    // Server CPU per request moves far less with the machine's load than req/s: shown beside it.
    const cpu = (id: string) => median(runs.get(id)!.map((r) => r.cpuUs));
    const fmt = (id: string) => `${Math.round(median(rps(id)))} req/s, ${cpu(id).toFixed(1)} µs CPU/req`;
    const rows: Row[] = [];
    for (const adapter of options.adapters) {
      const ratio = pairedRatio(adapter, `${adapter} bare`);
      rows.push({
        benchmark: "responses-overhead",
        subject: `${adapter} + Switchboard`,
        figure: fmt(adapter),
        baseline: `${adapter} bare route ${fmt(`${adapter} bare`)}`,
        ratio: round(ratio),
        target: `≥ ${ADAPTER_TARGET}`,
        pass: ratio >= ADAPTER_TARGET,
      });
    }
    const fastest = [...options.adapters].sort((a, b) => median(rps(b)) - median(rps(a)))[0] as Adapter;
    const vsNode = pairedRatio(fastest, "node:http");
    rows.push({
      benchmark: "responses-overhead",
      subject: `fastest: ${fastest} + Switchboard`,
      figure: fmt(fastest),
      baseline: `node:http ${fmt("node:http")}`,
      ratio: round(vsNode),
      target: `≥ ${NODE_TARGET}`,
      pass: vsNode >= NODE_TARGET,
    });
    return {
      rows,
      raw: {
        connections: CONNECTIONS,
        warmupSec,
        measureSec,
        responseBytes: sizes,
        rounds: Object.fromEntries(
          [...runs].map(([id, results]) => [
            id,
            results.map((r) => ({
              rps: Math.round(r.rps),
              p50: r.latencyP50Ms,
              p99: r.latencyP99Ms,
              cpuUsPerRequest: round(r.cpuUs, 1),
            })),
          ]),
        ),
      },
    };
  });
}

/** Every server must answer with JSON of the same structure and about the same size as node:http. */
async function checkSameJson(subjects: Subject[], url: (id: string) => string): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  let reference: string | undefined;
  for (const subject of subjects) {
    const response = await fetch(url(subject.id), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: CREATE_BODY,
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${subject.id} answered ${response.status}: ${text}`);
    const shape = JSON.stringify(shapeOf(JSON.parse(text)));
    reference ??= shape;
    if (shape !== reference) throw new Error(`${subject.id} answers JSON of another shape:\n${shape}\n${reference}`);
    sizes[subject.id] = Buffer.byteLength(text);
  }
  const lengths = Object.values(sizes);
  if (Math.max(...lengths) - Math.min(...lengths) > 4)
    throw new Error(`response sizes differ: ${JSON.stringify(sizes)}`);
  return sizes;
}
