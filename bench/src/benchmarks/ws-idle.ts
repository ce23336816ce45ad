/**
 * 10,000 idle instance-agent WebSockets (`/agents/echo/<id>`, one instance each) against a raw
 * `ws` server that greets and parses frames the same way. Each round starts fresh servers with
 * --expose-gc and compares heapUsed after GC before and after the sockets connect.
 */
import {
  type BenchmarkResult,
  type BenchOptions,
  log,
  type Row,
  startLoad,
  startServer,
  withChildren,
} from "../lib/context.js";
import { median, round } from "../lib/stats.js";
import type { WsOpenResult } from "../load.js";
import type { HeapSample } from "../server.js";

interface Sample {
  perSocket: number;
  rssPerSocket: number;
  openMs: number;
}

export async function wsIdle(options: BenchOptions): Promise<BenchmarkResult> {
  const count = options.quick ? 2000 : 10_000;
  const adapter = options.adapters.includes("hono") ? "hono" : options.adapters[0]!;
  const subjects = [
    { id: "raw ws", kind: "ws-raw", options: {} },
    { id: adapter, kind: "switchboard", options: { adapter, protocols: ["agents"] } },
  ];
  const samples = new Map<string, Sample[]>(subjects.map((s) => [s.id, []]));

  await withChildren(async (track) => {
    const load = track(await startLoad());
    for (let r = 0; r < options.rounds; r++) {
      const order = r % 2 === 0 ? subjects : [...subjects].reverse();
      for (const subject of order) {
        const server = await startServer(subject.kind, subject.options, {
          nodeFlags: ["--expose-gc"],
          profile: options.profile,
          name: `ws-${subject.kind}`,
        });
        try {
          const url = `ws://127.0.0.1:${server.ready.port}/agents/echo/instance-{i}`;
          // A first batch runs every code path once, so lazily built state is not counted per socket.
          const warm = await load.call<WsOpenResult>("wsOpen", { url, count: 200, concurrency: 50, timeoutMs: 30_000 });
          if (warm.failed > 0) throw new Error(`${subject.id}: warm-up sockets failed: ${warm.firstError}`);
          await load.call("wsClose");
          const before = await server.call<HeapSample>("heap");
          const opened = await load.call<WsOpenResult>(
            "wsOpen",
            { url, count, concurrency: 100, timeoutMs: 120_000 },
            180_000,
          );
          if (opened.open !== count) {
            throw new Error(`${subject.id}: ${opened.open} of ${count} sockets opened (${opened.firstError})`);
          }
          const after = await server.call<HeapSample>("heap");
          await load.call("wsClose", undefined, 60_000);
          const sample = {
            perSocket: (after.heapUsed - before.heapUsed) / count,
            rssPerSocket: (after.rss - before.rss) / count,
            openMs: opened.ms,
          };
          samples.get(subject.id)!.push(sample);
          log(
            `round ${r + 1} ${subject.id.padEnd(8)} ${Math.round(sample.perSocket)} B heap/socket, ${Math.round(sample.rssPerSocket)} B rss/socket, opened in ${(opened.ms / 1000).toFixed(1)} s`,
          );
        } finally {
          await server.stop();
        }
      }
    }
  });

  const per = (id: string) => samples.get(id)!.map((s) => s.perSocket);
  const ratio = median(per(adapter).map((value, i) => value / per("raw ws")[i]!));
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`;
  const rss = (id: string) => median(samples.get(id)!.map((s) => s.rssPerSocket));
  const rows: Row[] = [
    {
      benchmark: "ws-idle",
      subject: `${adapter} + Switchboard, ${count} agent sockets`,
      figure: `${kib(median(per(adapter)))} heap/socket`,
      baseline: `raw ws ${kib(median(per("raw ws")))}`,
      ratio: round(ratio),
      target: "≤ 1.5",
      pass: ratio <= 1.5,
      note: `RSS per socket: Switchboard ${kib(rss(adapter))}, raw ws ${kib(rss("raw ws"))}`,
    },
  ];
  return { rows, raw: { count, samples: Object.fromEntries(samples) } };
}
