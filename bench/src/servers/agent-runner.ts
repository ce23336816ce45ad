/**
 * Many agent runs at once against an upstream model, through `openAICompatible` and `runAgent`,
 * with the event loop's delay recorded while they run.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createAgent, defineTool, openAICompatible, runAgent } from "@switchboard/core";
import { request } from "undici";
import { Semaphore } from "../../../packages/core/src/runtime/model/semaphore.js";

export interface AgentRunsOptions {
  baseURL: string;
  runs: number;
  maxConcurrency: number;
  /**
   * `agent` (default): runAgent over openAICompatible. `request`: the floor under it, the same calls
   * (two per run, the agent's bodies, the same limit, one AbortSignal per run) with bare undici
   * `request` (what the provider calls on Node)
   * reading each body to its end.
   */
  mode?: "agent" | "request";
}

export interface AgentRunsResult {
  wallMs: number;
  /** CPU time (user + system) this process spent during the runs. */
  cpuMs: number;
  completed: number;
  failed: number;
  firstError?: string;
  /** Model turns per run, as the runs reported them (all equal when everything went right). */
  turns: number[];
  /** Event-loop delay beyond the 1 ms sampling interval, in ms. */
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
}

const LAG_RESOLUTION_MS = 1;

const lookup = defineTool<{ key: string }, string>({
  name: "lookup",
  description: "Looks a value up",
  parameters: {
    type: "object",
    properties: { key: { type: "string" } },
    required: ["key"],
    additionalProperties: false,
  },
  execute: ({ key }) => `${key}=42`,
});

export async function agentRuns(options: AgentRunsOptions): Promise<AgentRunsResult> {
  // One provider for every run, as a server would hold it: its semaphore is the concurrency limit.
  const model = openAICompatible({
    baseURL: options.baseURL,
    model: "bench-model",
    maxConcurrency: options.maxConcurrency,
    retries: 0,
  });
  const agent = createAgent(() => ({ model, tools: [lookup], instructions: "Use lookup to answer." }));
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  let failed = 0;
  let firstError: string | undefined;
  const turns: number[] = [];

  const semaphore = new Semaphore(options.maxConcurrency);
  // The bodies the agent's calls carry (instructions, the tool, usage requested; then the tool call
  // and its result), so the floor differs from the agent only in what runAgent and the provider do.
  const body = (index: number, answered: boolean) =>
    JSON.stringify({
      model: "bench-model",
      messages: [
        { role: "system", content: "Use lookup to answer." },
        { role: "user", content: `What is the value of answer? (${index})` },
        ...(answered
          ? [
              {
                role: "assistant",
                content: null,
                tool_calls: [
                  { id: "c", type: "function", function: { name: "lookup", arguments: '{"key":"answer"}' } },
                ],
              },
              { role: "tool", tool_call_id: "c", content: "answer=42" },
            ]
          : []),
      ],
      stream: true,
      stream_options: { include_usage: true },
      tools: [
        {
          type: "function",
          function: { name: lookup.name, description: lookup.description, parameters: lookup.parameters },
        },
      ],
    });
  const call = async (index: number, answered: boolean, signal: AbortSignal) => {
    const release = await semaphore.acquire(signal);
    try {
      const response = await request(`${options.baseURL}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/event-stream" },
        body: body(index, answered),
        // Cancellable, as any call made on behalf of a request must be.
        signal,
      });
      for await (const _ of response.body);
    } finally {
      release();
    }
  };
  const bare = async (index: number) => {
    const { signal } = new AbortController();
    await call(index, false, signal);
    await call(index, true, signal);
    turns.push(2);
  };

  const one = async (index: number) => {
    const config = await agent.configure({ id: `run-${index}`, env: {} });
    let turnCount = 0;
    try {
      for await (const event of runAgent({
        config,
        messages: [{ role: "user", content: `What is the value of answer? (${index})` }],
        // Each run has its own signal, as each request of a server would.
        signal: new AbortController().signal,
      })) {
        if (event.type === "turn_end") turnCount = event.turn;
      }
      turns.push(turnCount);
    } catch (error) {
      failed++;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
  };

  lag.enable();
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: options.runs }, (_, i) => (options.mode === "request" ? bare(i) : one(i))));
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  lag.disable();
  const beyond = (ns: number) => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS);
  return {
    wallMs,
    cpuMs: (user + system) / 1000,
    completed: turns.length,
    failed,
    ...(firstError ? { firstError } : {}),
    turns: [...new Set(turns)],
    lagP50Ms: beyond(lag.percentile(50)),
    lagP99Ms: beyond(lag.percentile(99)),
    lagMaxMs: beyond(lag.max),
  };
}
