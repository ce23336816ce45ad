/**
 * One SSE stream of 100,000 `response.output_text.delta` events from the bench-only `firehose`
 * agent, against raw node:http writing the same frames. Figures are delta events per second as the
 * client reads them, request to last byte.
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
import type { SseResult } from "../load.js";

/** Every frame of the stream besides the deltas: 8 lifecycle events and `[DONE]`. */
const OTHER_FRAMES = 9;

interface Subject {
  id: string;
  kind: string;
  options?: object;
  store: boolean;
}

export async function sseThroughput(options: BenchOptions): Promise<BenchmarkResult> {
  const events = options.quick ? 20_000 : 100_000;
  const subjects: Subject[] = [{ id: "node:http", kind: "node-sse", store: false }];
  for (const adapter of options.adapters) {
    subjects.push({ id: adapter, kind: "switchboard", options: { adapter, protocols: ["responses"] }, store: false });
  }
  // Stored responses log every event; one adapter shows what that costs.
  const storedAdapter = options.adapters.includes("hono") ? "hono" : options.adapters[0]!;
  subjects.push({
    id: `${storedAdapter} stored`,
    kind: "switchboard",
    options: { adapter: storedAdapter, protocols: ["responses"] },
    store: true,
  });

  const body = (count: number, store: boolean) =>
    JSON.stringify({ model: "firehose", input: String(count), stream: true, store });

  return withChildren(async (track) => {
    const load = track(await startLoad());
    const servers = new Map<string, Awaited<ReturnType<typeof startServer>>>();
    for (const subject of subjects) {
      const name = `sse-${subject.id.replace(/[^a-z]+/g, "-")}`;
      servers.set(
        subject.id,
        track(await startServer(subject.kind, subject.options, { profile: options.profile, name })),
      );
    }
    // Each subject runs right next to a baseline stream of its own (the order flips every round):
    // a stream lasts about a second, and this machine's speed drifts more than that between rounds.
    const eps = new Map<string, number[]>(subjects.map((s) => [s.id, []]));
    const baselineFor = new Map<string, number[]>(subjects.map((s) => [s.id, []]));
    /** Server CPU time per delta event (µs), a figure less sensitive to the machine's neighbours. */
    const cpuPerEvent = new Map<string, number[]>(subjects.map((s) => [s.id, []]));
    const stream = async (subject: Subject) => {
      const url = urlOf(servers.get(subject.id)!, "/v1/responses");
      await load.call("sseOne", { url, body: body(events / 10, subject.store), timeoutMs: 60_000 });
      const server = servers.get(subject.id)!;
      const cpuBefore = await server.call<number>("cpu");
      const result = await load.call<SseResult>("sseOne", {
        url,
        body: body(events, subject.store),
        timeoutMs: 120_000,
      });
      cpuPerEvent.get(subject.id)!.push(((await server.call<number>("cpu")) - cpuBefore) / events);
      if (result.frames !== events + OTHER_FRAMES || !result.endedWithDone) {
        throw new Error(
          `${subject.id}: ${result.frames} frames (expected ${events + OTHER_FRAMES}), done=${result.endedWithDone}`,
        );
      }
      return events / (result.ms / 1000);
    };
    const baseline = subjects[0]!;
    // Pairs are short, so this benchmark runs twice the rounds.
    const rounds = options.rounds * 2;
    for (let r = 0; r < rounds; r++) {
      for (const subject of subjects.slice(1)) {
        const pair = r % 2 === 0 ? [baseline, subject] : [subject, baseline];
        for (const one of pair) {
          const rate = await stream(one);
          (one === baseline ? baselineFor.get(subject.id)! : eps.get(subject.id)!).push(rate);
          if (one === baseline) eps.get(baseline.id)!.push(rate);
          const cpu = cpuPerEvent.get(one.id)!.at(-1)!;
          log(
            `round ${r + 1} ${one.id.padEnd(12)} ${Math.round(rate)} events/s, ${cpu.toFixed(2)} µs server CPU/event`,
          );
        }
      }
    }
    const fmt = (id: string) => `${Math.round(median(eps.get(id)!))} events/s`;
    const ratio = (id: string) => median(eps.get(id)!.map((value, i) => value / baselineFor.get(id)![i]!));
    const rows: Row[] = subjects
      .filter((s) => s.id !== "node:http")
      .map((s) => {
        const value = ratio(s.id);
        const stored = s.store;
        return {
          benchmark: "sse-throughput",
          subject: `${s.id.replace(" stored", "")} + Switchboard${stored ? " (store: true)" : ""}`,
          figure: fmt(s.id),
          baseline: `node:http ${fmt("node:http")}`,
          ratio: round(value),
          ...(stored
            ? { note: "stored responses append every event to the store's log" }
            : { target: "≥ 0.7", pass: value >= 0.7 }),
        };
      });
    return {
      rows,
      raw: {
        events,
        eventsPerSecond: Object.fromEntries([...eps].map(([id, v]) => [id, v.map(Math.round)])),
        serverCpuUsPerEvent: Object.fromEntries([...cpuPerEvent].map(([id, v]) => [id, round(median(v), 2)])),
      },
    };
  });
}
