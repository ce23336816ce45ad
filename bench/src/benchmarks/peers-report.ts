/** The rows of `peers`: per pair, throughput, p99 latency and server CPU, each as a median of per-round ratios. */
import type { Row } from "../lib/context.js";
import { median, round } from "../lib/stats.js";

export interface Sample {
  /** Requests or workflow runs per second. */
  rate: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU per request or run. */
  cpuUs: number;
  /** Responses only: the stub's chat completions and new TCP connections during the measured run. */
  upstream?: { calls: number; connections: number };
  /** Cores the load generator used during the run: near 1, the client was the limit. */
  loaderCores: number;
}

export interface Comparison {
  /** Samples are keyed `<key>:<subject id>`. */
  key: string;
  peer: string;
  label: string;
  what: string;
  /** `req` or `run` */
  one: string;
}

const METRICS = [
  {
    name: "rate",
    title: () => "",
    show: (s: Sample, c: Comparison) => `${round(s.rate, 1)} ${c.one === "run" ? "runs" : "req"}/s`,
    ratio: (sb: Sample, peer: Sample) => sb.rate / peer.rate,
  },
  {
    name: "p99",
    title: () => ": p99 latency (peer ÷ Switchboard)",
    show: (s: Sample) => `p99 ${Math.round(s.p99Ms)} ms (p50 ${Math.round(s.p50Ms)})`,
    ratio: (sb: Sample, peer: Sample) => peer.p99Ms / sb.p99Ms,
  },
  {
    name: "cpu",
    title: (c: Comparison) => `: server CPU per ${c.one} (peer ÷ Switchboard)`,
    show: (s: Sample, c: Comparison) => `${Math.round(s.cpuUs)} µs/${c.one}`,
    ratio: (sb: Sample, peer: Sample) => peer.cpuUs / sb.cpuUs,
  },
] as const;

/** One row per comparison and metric (target: Switchboard ahead, ratio > 1), and every round's ratios. */
export function peerRows(
  adapter: string,
  comparisons: Comparison[],
  samples: Map<string, Sample[]>,
): { rows: Row[]; ratios: Record<string, Record<string, number[]>> } {
  const rows: Row[] = [];
  const ratios: Record<string, Record<string, number[]>> = {};
  for (const c of comparisons) {
    const peer = samples.get(`${c.key}:${c.peer}`) ?? [];
    const sb = samples.get(`${c.key}:switchboard`) ?? [];
    ratios[c.key] = {};
    for (const m of METRICS) {
      const perRound = sb.map((s, i) => m.ratio(s, peer[i]!));
      ratios[c.key]![m.name] = perRound.map((x) => round(x));
      // The figure shown is the round whose ratio is the median (an odd number of rounds), else the first.
      const at = Math.max(0, perRound.indexOf(median(perRound)));
      const ratio = median(perRound);
      rows.push({
        benchmark: "peers",
        subject: `${adapter} + Switchboard, ${c.what}${m.title(c)}`,
        figure: sb[at] ? m.show(sb[at], c) : "",
        baseline: peer[at] ? `${c.label} ${m.show(peer[at], c)}` : c.label,
        ratio: round(ratio),
        target: "> 1",
        pass: ratio > 1,
        note: `per round: ${ratios[c.key]![m.name]!.join(", ")}`,
      });
    }
  }
  return { rows, ratios };
}
