/**
 * The load side of the workflow half of `peers`: runs of the `ask` workflow on FastAgency's wire,
 * `concurrency` at a time, for `durationSec`. One run is what a FastAgency client does:
 * `POST <prefix>/initiate_workflow`, open `<prefix>/ws`, send the initiate answer as the init frame,
 * answer the `text_input` and the `multiple_choice` with raw text, read up to `workflow_completed`
 * (whose result must be `Ada:blue`), then close the socket. The same frames go to every server.
 */
import { randomUUID } from "node:crypto";
import { Agent, request } from "undici";
import WebSocket from "ws";
import { percentile } from "./lib/stats.js";

export interface WorkflowRunsJob {
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  /** `/fastagency` or `/workflows` */
  prefix: string;
  concurrency: number;
  durationSec: number;
  /** A run taking longer fails (and its socket is terminated). */
  runTimeoutMs: number;
}

export interface WorkflowRunsResult {
  completed: number;
  failed: number;
  firstError?: string;
  /** Runs completed before the deadline per second of it (runs still going then finish uncounted, as autocannon's). */
  runsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** From the first run's start to the last run's end (runs going at the deadline finish). */
  wallMs: number;
}

interface Frame {
  type?: string;
  content?: { result?: unknown; long?: unknown };
}

const NAME = "Ada";
const COLOR = "blue";

/** Reads the socket up to `workflow_completed`, answering the two questions. */
function drive(ws: WebSocket, init: unknown, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the run did not complete within ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      ws.terminate();
      reject(error);
    }
    ws.once("open", () => ws.send(JSON.stringify(init)));
    ws.once("error", fail);
    ws.once("close", (code) => fail(new Error(`the socket closed (${code}) before workflow_completed`)));
    ws.on("message", (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse(String(data)) as Frame;
      } catch {
        return fail(new Error(`a frame that is not JSON: ${String(data).slice(0, 200)}`));
      }
      switch (frame.type) {
        case "text_input":
          ws.send(NAME);
          break;
        case "multiple_choice":
          ws.send(COLOR);
          break;
        case "error":
          fail(new Error(`an error frame: ${JSON.stringify(frame.content).slice(0, 300)}`));
          break;
        case "workflow_completed": {
          clearTimeout(timer);
          ws.removeAllListeners("close");
          if (frame.content?.result !== `${NAME}:${COLOR}`) {
            ws.terminate();
            return reject(new Error(`workflow_completed with result ${JSON.stringify(frame.content?.result)}`));
          }
          resolve();
          break;
        }
      }
    });
  });
}

/** Closes the socket (normal closure) and waits up to 5 s for the server's close. */
function closeSocket(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, 5_000);
    ws.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    ws.on("error", () => {});
    if (ws.readyState === WebSocket.OPEN) ws.close(1000);
  });
}

async function oneRun(job: WorkflowRunsJob, dispatcher: Agent): Promise<number> {
  const started = performance.now();
  const res = await request(`${job.baseUrl}${job.prefix}/initiate_workflow`, {
    method: "POST",
    dispatcher,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ workflow_name: "ask", workflow_uuid: randomUUID(), user_id: null, params: {} }),
    signal: AbortSignal.timeout(job.runTimeoutMs),
  });
  const init = await res.body.json();
  if (res.statusCode !== 200) throw new Error(`initiate_workflow: ${res.statusCode} ${JSON.stringify(init)}`);
  const ws = new WebSocket(`${job.baseUrl.replace(/^http/, "ws")}${job.prefix}/ws`, { perMessageDeflate: false });
  try {
    await drive(ws, init, job.runTimeoutMs - (performance.now() - started));
    return performance.now() - started;
  } finally {
    await closeSocket(ws);
  }
}

export async function workflowRuns(job: WorkflowRunsJob): Promise<WorkflowRunsResult> {
  const dispatcher = new Agent({ connections: job.concurrency, pipelining: 1 });
  const latencies: number[] = [];
  let inTime = 0;
  let failed = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + job.durationSec * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      try {
        latencies.push(await oneRun(job, dispatcher));
        if (performance.now() <= deadline) inTime++;
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const wallMs = performance.now() - started;
  await dispatcher.close();
  return {
    completed: latencies.length,
    failed,
    ...(firstError ? { firstError } : {}),
    runsPerSec: inTime / job.durationSec,
    latencyP50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    latencyP99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
    wallMs,
  };
}
