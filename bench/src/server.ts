/**
 * The server process of a benchmark: `server.ts <kind> [json options]`. It reports its port, then
 * answers measurement calls from bench/src/run.ts (heap after GC, event-loop delay).
 */
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { writeHeapSnapshot } from "node:v8";
import { serveCalls } from "./lib/child.js";
import { type AgentRunsOptions, agentRuns } from "./servers/agent-runner.js";
import {
  expressJson,
  fastifyJson,
  honoJson,
  type Listening,
  nodeJson,
  nodeRelay,
  nodeSse,
  wsRaw,
} from "./servers/baselines.js";
import { type SwitchboardServerOptions, switchboardServer } from "./servers/switchboard.js";
import { upstreamChat } from "./servers/upstream.js";

export const SERVER_KINDS = [
  "node-json",
  "express-json",
  "fastify-json",
  "hono-json",
  "node-sse",
  "ws-raw",
  "switchboard",
  "upstream-chat",
  "node-relay",
  "agent-runner",
] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export interface HeapSample {
  heapUsed: number;
  rss: number;
  external: number;
}

const [kind, rawOptions] = process.argv.slice(2) as [ServerKind, string | undefined];
const options: Record<string, unknown> = rawOptions ? JSON.parse(rawOptions) : {};

const gc = (globalThis as { gc?: () => void }).gc;

async function heapAfterGc(): Promise<HeapSample> {
  if (!gc) throw new Error("heap samples need the server to run with --expose-gc");
  // Several passes with a turn of the loop between them, so weak callbacks and finalizers settle.
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const usage = process.memoryUsage();
  return { heapUsed: usage.heapUsed, rss: usage.rss, external: usage.external };
}

/** The event loop's delay since the last reset, in ms beyond the sampling interval. */
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
let gcMaxMs = 0;
let gcTotalMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcMaxMs = Math.max(gcMaxMs, entry.duration);
    gcTotalMs += entry.duration;
  }
}).observe({ entryTypes: ["gc"] });
let cpuSince = process.cpuUsage();
let since = performance.now();
/** Also the share of one core the process used, and its garbage collection pauses, since the last reset. */
function loopDelay(reset: boolean) {
  const beyond = (ns: number) => Math.max(0, ns / 1e6 - 1);
  const cpu = process.cpuUsage(cpuSince);
  const result = {
    p50Ms: beyond(loop.percentile(50)),
    p99Ms: beyond(loop.percentile(99)),
    maxMs: beyond(loop.max),
    cpuShare: (cpu.user + cpu.system) / 1000 / (performance.now() - since),
    gcMaxMs,
    gcTotalMs,
  };
  if (reset) {
    loop.reset();
    gcMaxMs = 0;
    gcTotalMs = 0;
    cpuSince = process.cpuUsage();
    since = performance.now();
  }
  return result;
}

async function start(): Promise<Listening & { extra?: Record<string, (args: never) => unknown> }> {
  switch (kind) {
    case "node-json":
      return nodeJson();
    case "express-json":
      return expressJson();
    case "fastify-json":
      return fastifyJson();
    case "hono-json":
      return honoJson();
    case "node-sse":
      return nodeSse();
    case "ws-raw":
      return wsRaw();
    case "switchboard":
      return switchboardServer(options as unknown as SwitchboardServerOptions);
    case "upstream-chat": {
      const upstream = await upstreamChat(Number(options.latencyMs ?? 50));
      return { ...upstream, extra: { stats: (reset: boolean) => upstream.stats(reset) } };
    }
    case "node-relay":
      return nodeRelay(String(options.upstreamUrl));
    case "agent-runner":
      return { port: 0, close: async () => {}, extra: { run: (args: AgentRunsOptions) => agentRuns(args) } };
    default:
      throw new Error(`unknown server kind ${kind}`);
  }
}

const server = await start();
serveCalls(
  {
    heap: () => heapAfterGc(),
    // For finding what a socket or request retains: compare two snapshots in Chrome DevTools.
    heapSnapshot: (path: string) => writeHeapSnapshot(path),
    loopDelay: (reset: boolean) => loopDelay(reset),
    // CPU time (user + system, µs) used by this process so far; deltas give the cost per request.
    cpu: () => {
      const { user, system } = process.cpuUsage();
      return user + system;
    },
    ...server.extra,
  },
  { port: server.port },
);
