/**
 * The load-generator process: autocannon for request throughput, and small undici / ws drivers for
 * streams and sockets. Every job is bounded in requests (or events, or sockets) and in time.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import autocannon from "autocannon";
import { Agent, request } from "undici";
import WebSocket from "ws";
import { type ChainJob, chain } from "./chain.js";
import { serveCalls } from "./lib/child.js";
import { percentileOf } from "./lib/stats.js";
import { type WorkflowRunsJob, workflowRuns } from "./workflow-runs.js";

export interface HttpJob {
  url: string;
  body: string;
  connections: number;
  durationSec: number;
  maxRequests: number;
  /**
   * The rate over the time to the last answer instead of the whole duration: for a server whose
   * connections all answer at about the same moment (a batch every second or two), counting whole
   * batches in a fixed window is off by up to a batch; counting to the last answer is not.
   */
  rateToLastAnswer?: boolean;
}

export interface HttpResult {
  rps: number;
  ok: number;
  non2xx: number;
  errors: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  durationSec: number;
}

function http(job: HttpJob): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let answered = 0;
    let lastAnswer = started;
    const instance = autocannon(
      {
        url: job.url,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: job.body,
        connections: job.connections,
        pipelining: 1,
        duration: job.durationSec,
        maxOverallRequests: job.maxRequests,
        timeout: 10,
      },
      (error, result) => {
        if (error) return reject(error);
        const ok = result["2xx"];
        resolve({
          rps: job.rateToLastAnswer ? (answered / (lastAnswer - started)) * 1000 : ok / result.duration,
          ok,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          latencyP50Ms: result.latency.p50,
          latencyP99Ms: result.latency.p99,
          durationSec: result.duration,
        });
      },
    );
    // autocannon keeps running on a dead server; the per-request timeout bounds each request and
    // this bounds the whole job.
    const guard = setTimeout(() => instance.stop(), (job.durationSec + 15) * 1000);
    instance.on("done", () => clearTimeout(guard));
    if (job.rateToLastAnswer) {
      instance.on("response", (_client, status: number) => {
        if (status < 200 || status >= 300) return;
        answered++;
        lastAnswer = performance.now();
      });
    }
  });
}

export interface SseJob {
  url: string;
  body: string;
  timeoutMs: number;
}

export interface SseResult {
  frames: number;
  bytes: number;
  ms: number;
  endedWithDone: boolean;
}

const NEWLINE = 0x0a;
const FRAME_END = Buffer.from("\n\n");

/** Reads one SSE response to its end, counting frames (blank-line terminated) as they arrive. */
async function sseOne(job: SseJob): Promise<SseResult> {
  const started = performance.now();
  const response = await request(job.url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: job.body,
    signal: AbortSignal.timeout(job.timeoutMs),
    bodyTimeout: job.timeoutMs,
  });
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}: ${await response.body.text()}`);
  let frames = 0;
  let bytes = 0;
  let previous = 0;
  let tail = "";
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    // A blank line split across two chunks; SSE frames here never hold three newlines in a row.
    if (previous === NEWLINE && chunk[0] === NEWLINE) frames++;
    for (let at = chunk.indexOf(FRAME_END); at !== -1; at = chunk.indexOf(FRAME_END, at + 2)) frames++;
    previous = chunk[chunk.length - 1]!;
    tail = (tail + chunk.toString("latin1", Math.max(0, chunk.length - 32))).slice(-32);
  }
  return { frames, bytes, ms: performance.now() - started, endedWithDone: tail.endsWith("data: [DONE]\n\n") };
}

export interface SseManyJob {
  url: string;
  /** The body of stream i is `body(i)`: `{"model":"ticker","input":"<ticks> <interval>",…}`. */
  body: string;
  streams: number;
  ticks: number;
  intervalMs: number;
  timeoutMs: number;
}

export interface SseManyResult {
  completed: number;
  failed: number;
  firstError?: string;
  gaps: number;
  gapP50Ms: number;
  gapP99Ms: number;
  gapMaxMs: number;
  /** The same p99 without each stream's first second, when all streams start at once. */
  steadyGapP99Ms: number;
  /** How late the load generator's own loop ran (it timestamps arrivals, so its lag inflates gaps). */
  clientLagP99Ms: number;
  /** From the first request to the last stream's end. */
  wallMs: number;
}

const DELTA_EVENT = "event: response.output_text.delta\n";

/**
 * Opens every stream at once and timestamps each text delta as it arrives; a gap is the time
 * between two consecutive deltas of one stream.
 */
async function sseMany(job: SseManyJob): Promise<SseManyResult> {
  const dispatcher = new Agent({ connections: job.streams, pipelining: 1 });
  const gaps = new Float64Array(job.streams * job.ticks);
  let gapCount = 0;
  const steadyFrom = Math.ceil(1000 / job.intervalMs);
  const steady = new Float64Array(job.streams * job.ticks);
  let steadyCount = 0;
  let failed = 0;
  let firstError: string | undefined;
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();

  const one = async () => {
    const response = await request(job.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: job.body,
      dispatcher,
      signal: AbortSignal.timeout(job.timeoutMs),
    });
    if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
    let buffer = "";
    let last = -1;
    let deltas = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      const now = performance.now();
      buffer += chunk.toString("utf8");
      let end = buffer.indexOf("\n\n");
      while (end !== -1) {
        if (buffer.startsWith(DELTA_EVENT)) {
          if (last >= 0 && gapCount < gaps.length) gaps[gapCount++] = now - last;
          if (last >= 0 && deltas >= steadyFrom) steady[steadyCount++] = now - last;
          last = now;
          deltas++;
        }
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
      }
    }
    if (deltas !== job.ticks) throw new Error(`stream ended after ${deltas} of ${job.ticks} deltas`);
  };

  const started = performance.now();
  await Promise.all(
    Array.from({ length: job.streams }, () =>
      one().catch((error: unknown) => {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }),
    ),
  );
  const wallMs = performance.now() - started;
  lag.disable();
  await dispatcher.close();
  const measured = gaps.subarray(0, gapCount);
  return {
    completed: job.streams - failed,
    failed,
    ...(firstError ? { firstError } : {}),
    gaps: gapCount,
    gapP50Ms: percentileOf(measured, 50),
    gapP99Ms: percentileOf(measured, 99),
    gapMaxMs: percentileOf(measured, 100),
    steadyGapP99Ms: percentileOf(steady.subarray(0, steadyCount), 99),
    clientLagP99Ms: Math.max(0, lag.percentile(99) / 1e6 - 1),
    wallMs,
  };
}

export interface WsOpenJob {
  /** `{i}` is replaced by the socket's index, so every socket can address its own instance. */
  url: string;
  count: number;
  /** Handshakes in flight at once. */
  concurrency: number;
  timeoutMs: number;
}

export interface WsOpenResult {
  open: number;
  failed: number;
  firstError?: string;
  ms: number;
}

const sockets: WebSocket[] = [];

/** Opens sockets and waits for each one's first server frame (the greeting), then keeps them idle. */
async function wsOpen(job: WsOpenJob): Promise<WsOpenResult> {
  const started = performance.now();
  const deadline = started + job.timeoutMs;
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const openOne = (index: number) =>
    new Promise<void>((resolve, reject) => {
      // Switchboard's framing greets with `ready` (pyflue's, the default, sends nothing unasked).
      const ws = new WebSocket(job.url.replace("{i}", String(index)), ["switchboard.v1"], { perMessageDeflate: false });
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error("no greeting within 10 s"));
      }, 10_000);
      ws.once("message", () => {
        clearTimeout(timer);
        sockets.push(ws);
        resolve();
      });
      ws.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  const worker = async () => {
    while (next < job.count && performance.now() < deadline) {
      const index = next++;
      await openOne(index).catch((error: unknown) => {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      });
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  return { open: sockets.length, failed, ...(firstError ? { firstError } : {}), ms: performance.now() - started };
}

async function wsClose(): Promise<number> {
  const closing = sockets.splice(0);
  await Promise.all(
    closing.map(
      (ws) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            ws.terminate();
            resolve();
          }, 5000);
          ws.once("close", () => {
            clearTimeout(timer);
            resolve();
          });
          ws.close(1000);
        }),
    ),
  );
  return closing.length;
}

serveCalls({
  http: (job: HttpJob) => http(job),
  sseOne: (job: SseJob) => sseOne(job),
  sseMany: (job: SseManyJob) => sseMany(job),
  wsOpen: (job: WsOpenJob) => wsOpen(job),
  wsClose: () => wsClose(),
  chain: (job: ChainJob) => chain(job),
  workflowRuns: (job: WorkflowRunsJob) => workflowRuns(job),
});
