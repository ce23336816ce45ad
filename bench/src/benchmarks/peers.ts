/**
 * The peers side by side, in one run with Switchboard (Hono, in-memory state everywhere):
 *
 * - `POST /v1/responses`, unstored (`store: false`) and stored (`store` left out), on WayFlow's
 *   `OpenAIResponsesServer` (conformance/peers/wayflow_server.py: its `echo` agent, an
 *   `OpenAICompatibleModel`) against Switchboard's `relay` agent (`openAICompatible` at its
 *   defaults). Both call the same local scripted LLM stub (conformance/peers/llm-stub.mjs), which
 *   streams the user's text back: one model call per request on both sides, checked before measuring.
 * - The `ask` workflow (a greeting, two questions, a greeting, a result) on FastAgency's
 *   `FastAPIAdapter` (conformance/peers/fastagency_server.py, `/fastagency`) against Switchboard's
 *   workflow protocol (`/workflows`), driven by the same client (bench/src/workflow-runs.ts).
 *
 * The peers are installed from PyPI into .peers/<peer> (scripts/peers.ts, shared with the
 * scoreboard) and run as their own uvicorn processes. Server CPU per request is read from
 * /proc/<pid>/stat for every server alike.
 */
import { join } from "node:path";
import {
  freePort,
  installPeer,
  PEER_INSTALLS,
  peersDir,
  type Started,
  startProcess,
  startStub,
  stopProcess,
  waitFor,
} from "../../../scripts/peers.js";
import {
  type BenchmarkResult,
  type BenchOptions,
  log,
  startLoad,
  startServer,
  urlOf,
  withChildren,
} from "../lib/context.js";
import { cpuUs, settle } from "../lib/proc.js";
import { round } from "../lib/stats.js";
import type { HttpResult } from "../load.js";
import type { WorkflowRunsResult } from "../workflow-runs.js";
import { type Comparison, peerRows, type Sample } from "./peers-report.js";

const CONNECTIONS = 32;
const WORKFLOW_CONCURRENCY = 16;
const INPUT = "Tell me how fast you answer.";

interface StubStats {
  chat_completions: number;
  connections: number;
}

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

function outputText(response: Record<string, unknown>): string {
  const output = (response.output ?? []) as Array<{ type?: string; content?: Array<{ text?: string }> }>;
  return output
    .filter((item) => item.type === "message")
    .flatMap((item) => item.content ?? [])
    .map((part) => part.text ?? "")
    .join("");
}

interface HttpSubject {
  id: string;
  pid: number;
  url: string;
  body: string;
}

/** Starts a peer's server and waits until `ready` answers; `register` sees the process first, so it is stopped even when it never gets ready. */
async function startPeer(
  python: string,
  script: string,
  args: string[],
  ready: string,
  register: (started: Started) => void,
): Promise<Started & { url: string }> {
  const port = await freePort();
  const started = startProcess(python, [join(peersDir, script), String(port), ...args]);
  register(started);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url + ready, started, 120_000);
  return { ...started, url };
}

export async function peers(options: BenchOptions): Promise<BenchmarkResult> {
  const adapter = options.adapters.includes("hono") ? "hono" : options.adapters[0]!;
  const warmupSec = options.quick ? 0.5 : 2;
  const measureSec = options.quick ? 1.5 : 6;
  log("installing the peers (skipped when .peers/ already holds the pinned versions)");
  const wayflowPython = installPeer("wayflow", { quiet: true });
  const fastagencyPython = installPeer("fastagency", { quiet: true });
  const stub = await startStub();
  /** With how long each may take to exit on SIGTERM before SIGKILL. */
  const peerProcesses: Array<{ started: Started; graceMs: number }> = [];
  // Whatever happens to this process, no peer outlives it.
  const killAll = () => {
    for (const p of peerProcesses) p.started.child.kill("SIGKILL");
    stub.child.kill("SIGKILL");
  };
  process.once("exit", killAll);
  try {
    const wayflow = await startPeer(wayflowPython, "wayflow_server.py", [stub.url], "/v1/models", (started) =>
      peerProcesses.push({ started, graceMs: 5_000 }),
    );
    // FastAgency ignores SIGTERM while a workflow thread waits for an answer: it is killed outright.
    const fastagency = await startPeer(
      fastagencyPython,
      "fastagency_server.py",
      [],
      "/fastagency/discovery",
      (started) => peerProcesses.push({ started, graceMs: 0 }),
    );
    return await withChildren(async (track) => {
      const load = track(await startLoad());
      const server = track(
        await startServer(
          "switchboard",
          { adapter, protocols: ["responses", "workflows"], upstreamUrl: stub.url, upstreamModel: "echo" },
          { profile: options.profile, name: "peers" },
        ),
      );
      const sbUrl = urlOf(server, "");
      const stubStats = async () =>
        (await (await fetch(`${stub.url}/stats`, { signal: AbortSignal.timeout(5_000) })).json()) as StubStats;

      // Both answer with the input, and make exactly one model call per request (stored or not).
      for (const [name, url, model] of [
        ["WayFlow", wayflow.url, "echo"],
        ["Switchboard", sbUrl, "relay"],
      ] as const) {
        for (const store of [false, true]) {
          const before = (await stubStats()).chat_completions;
          for (let i = 0; i < 4; i++) {
            const text = outputText(await postJson(`${url}/v1/responses`, { model, input: INPUT, store }));
            if (text.trim() !== INPUT) throw new Error(`${name} answered ${JSON.stringify(text)}, not the input`);
          }
          const calls = (await stubStats()).chat_completions - before;
          if (calls !== 4) throw new Error(`${name} (store: ${store}) made ${calls} model calls for 4 requests`);
        }
      }

      const body = (model: string, store: boolean) =>
        JSON.stringify(store ? { model, input: INPUT } : { model, input: INPUT, store: false });
      const pairs: Array<{ key: string; subjects: [HttpSubject, HttpSubject] }> = [false, true].map((store) => ({
        key: store ? "stored" : "unstored",
        subjects: [
          { id: "wayflow", pid: wayflow.child.pid!, url: `${wayflow.url}/v1/responses`, body: body("echo", store) },
          { id: "switchboard", pid: server.pid, url: urlOf(server, "/v1/responses"), body: body("relay", store) },
        ],
      }));
      const workflowSubjects = [
        { id: "fastagency", pid: fastagency.child.pid!, baseUrl: fastagency.url, prefix: "/fastagency" },
        { id: "switchboard", pid: server.pid, baseUrl: sbUrl, prefix: "/workflows" },
      ];

      const samples = new Map<string, Sample[]>();
      const push = (key: string, sample: Sample) => samples.set(key, [...(samples.get(key) ?? []), sample]);

      const measureHttp = async (subject: HttpSubject): Promise<Sample> => {
        const job = {
          url: subject.url,
          body: subject.body,
          connections: CONNECTIONS,
          maxRequests: 1_000_000,
          rateToLastAnswer: true,
        };
        await settle(subject.pid);
        await load.call("http", { ...job, durationSec: warmupSec });
        await settle(subject.pid);
        const cpu = cpuUs(subject.pid);
        const loaderCpu = cpuUs(load.pid);
        const t0 = performance.now();
        const stubBefore = await stubStats();
        const result = await load.call<HttpResult>("http", { ...job, durationSec: measureSec });
        const loaderCores = (cpuUs(load.pid) - loaderCpu) / ((performance.now() - t0) * 1000);
        // CPU per request: everything the server spent from the start until it is idle again, over
        // the requests it served meanwhile (one stub call each, checked above) — a server still
        // working on a batch when the load stops would otherwise be charged for it per answer counted.
        await settle(subject.pid);
        const used = cpuUs(subject.pid) - cpu;
        const stubAfter = await stubStats();
        const calls = stubAfter.chat_completions - stubBefore.chat_completions;
        if (result.non2xx > 0 || result.errors > 0 || result.ok === 0) {
          throw new Error(`${subject.id}: ${result.ok} answers, ${result.non2xx} non-2xx, ${result.errors} errors`);
        }
        return {
          rate: result.rps,
          p50Ms: result.latencyP50Ms,
          p99Ms: result.latencyP99Ms,
          cpuUs: used / calls,
          loaderCores,
          upstream: {
            calls,
            connections: stubAfter.connections - stubBefore.connections,
          },
        };
      };

      const measureWorkflow = async (subject: (typeof workflowSubjects)[number]): Promise<Sample> => {
        const job = {
          baseUrl: subject.baseUrl,
          prefix: subject.prefix,
          concurrency: WORKFLOW_CONCURRENCY,
          runTimeoutMs: 30_000,
        };
        const timeout = (measureSec + 60) * 1000;
        await settle(subject.pid);
        const warm = await load.call<WorkflowRunsResult>("workflowRuns", { ...job, durationSec: warmupSec }, timeout);
        if (warm.failed > 0) throw new Error(`${subject.id}: ${warm.failed} warm-up runs failed: ${warm.firstError}`);
        await settle(subject.pid);
        const cpu = cpuUs(subject.pid);
        const loaderCpu = cpuUs(load.pid);
        const t0 = performance.now();
        const result = await load.call<WorkflowRunsResult>(
          "workflowRuns",
          { ...job, durationSec: measureSec },
          timeout,
        );
        const used = cpuUs(subject.pid) - cpu;
        const loaderCores = (cpuUs(load.pid) - loaderCpu) / ((performance.now() - t0) * 1000);
        if (result.failed > 0 || result.completed === 0) {
          throw new Error(`${subject.id}: ${result.completed} runs, ${result.failed} failed: ${result.firstError}`);
        }
        return {
          rate: result.runsPerSec,
          p50Ms: result.latencyP50Ms,
          p99Ms: result.latencyP99Ms,
          cpuUs: used / result.completed,
          loaderCores,
        };
      };

      const show = (s: Sample, unit: string, one: string) =>
        `${round(s.rate, 1)} ${unit}, p50 ${Math.round(s.p50Ms)} ms, p99 ${Math.round(s.p99Ms)} ms, CPU ${Math.round(s.cpuUs)} µs/${one}` +
        `, load generator ${round(s.loaderCores)} cores` +
        (s.upstream ? ` (stub: ${s.upstream.calls} calls, ${s.upstream.connections} new connections)` : "");

      for (let r = 0; r < options.rounds; r++) {
        const flip = <T>(list: T[]) => (r % 2 === 0 ? list : [...list].reverse());
        for (const pair of pairs) {
          for (const subject of flip(pair.subjects)) {
            const sample = await measureHttp(subject);
            push(`${pair.key}:${subject.id}`, sample);
            log(`round ${r + 1} ${pair.key.padEnd(8)} ${subject.id.padEnd(11)} ${show(sample, "req/s", "req")}`);
          }
        }
        for (const subject of flip(workflowSubjects)) {
          const sample = await measureWorkflow(subject);
          push(`workflow:${subject.id}`, sample);
          log(`round ${r + 1} workflow ${subject.id.padEnd(11)} ${show(sample, "runs/s", "run")}`);
        }
      }

      const wayflowLabel = `WayFlow ${PEER_INSTALLS.wayflow.version} OpenAIResponsesServer`;
      const fastagencyLabel = `FastAgency ${PEER_INSTALLS.fastagency.version} FastAPIAdapter`;
      const comparisons: Comparison[] = [
        { key: "unstored", peer: "wayflow", label: wayflowLabel, what: "POST /v1/responses, store: false", one: "req" },
        { key: "stored", peer: "wayflow", label: wayflowLabel, what: "POST /v1/responses, stored", one: "req" },
        { key: "workflow", peer: "fastagency", label: fastagencyLabel, what: "ask workflow runs", one: "run" },
      ];
      const { rows, ratios } = peerRows(adapter, comparisons, samples);
      return {
        rows,
        raw: {
          connections: CONNECTIONS,
          workflowConcurrency: WORKFLOW_CONCURRENCY,
          measureSec,
          peers: { wayflow: PEER_INSTALLS.wayflow.version, fastagency: PEER_INSTALLS.fastagency.version },
          ratios,
          rounds: Object.fromEntries(samples),
        },
      };
    });
  } finally {
    await Promise.all(peerProcesses.map((p) => stopProcess(p.started.child, p.graceMs)));
    await stopProcess(stub.child);
    process.off("exit", killAll);
  }
}
