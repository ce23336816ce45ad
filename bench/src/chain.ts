/**
 * The load side of `ws-chain`: one agent's tool-calling chain, turn after turn, either over
 * WebSocket mode (one socket per chain, `store: false`, each turn continuing from the socket's
 * memory) or over HTTP (`POST /v1/responses` per turn on a keep-alive connection, stored responses
 * continued with `previous_response_id`). Every turn must end with a function call.
 */
import { Agent, request } from "undici";
import WebSocket from "ws";

export interface ChainJob {
  /** `ws`: store: false; `ws-stored`: responses stored as over HTTP (the socket's memory still serves the chain). */
  mode: "ws" | "ws-stored" | "http";
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  turns: number;
  chains: number;
}

export interface ChainResult {
  /** Wall time of each chain, from the first request (or handshake) to the last turn's end. */
  chainMs: number[];
}

const TOOL = {
  type: "function",
  name: "lookup",
  description: "Looks a word up.",
  parameters: { type: "object", properties: { input: { type: "string" } }, required: ["input"] },
};

interface Response {
  id: string;
  status: string;
  output: { type: string; call_id?: string }[];
}

/** The body of turn `n` (from 1): a question, then the previous call's output and the next question. */
function turnBody(n: number, previous: Response | undefined): Record<string, unknown> {
  const question = { type: "message", role: "user", content: `step ${n}` };
  if (!previous) return { model: "tools", tools: [TOOL], input: [question] };
  const call = previous.output.find((item) => item.type === "function_call");
  if (!call?.call_id) throw new Error(`turn ${n - 1} made no function call: ${JSON.stringify(previous.output)}`);
  return {
    model: "tools",
    tools: [TOOL],
    previous_response_id: previous.id,
    input: [{ type: "function_call_output", call_id: call.call_id, output: `result ${n - 1}` }, question],
  };
}

async function httpChain(job: ChainJob, dispatcher: Agent): Promise<number> {
  const started = performance.now();
  let previous: Response | undefined;
  for (let n = 1; n <= job.turns; n++) {
    const res = await request(`${job.baseUrl}/v1/responses`, {
      method: "POST",
      dispatcher,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(turnBody(n, previous)),
    });
    const body = (await res.body.json()) as Response;
    if (res.statusCode !== 200) throw new Error(`HTTP turn ${n}: ${res.statusCode} ${JSON.stringify(body)}`);
    previous = body;
  }
  turnBody(job.turns + 1, previous);
  return performance.now() - started;
}

async function wsChain(job: ChainJob): Promise<number> {
  const started = performance.now();
  const ws = new WebSocket(`${job.baseUrl.replace(/^http/, "ws")}/v1/responses`, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  try {
    let previous: Response | undefined;
    for (let n = 1; n <= job.turns; n++) {
      const ended = new Promise<Response>((resolve, reject) => {
        const onMessage = (data: WebSocket.RawData) => {
          const event = JSON.parse(String(data)) as { type: string; response?: Response; error?: unknown };
          if (event.type === "error") reject(new Error(`WebSocket turn ${n}: ${String(data)}`));
          else if (event.type === "response.completed") resolve(event.response!);
          else return;
          ws.off("message", onMessage);
        };
        ws.on("message", onMessage);
      });
      const store = job.mode === "ws" ? { store: false } : {};
      ws.send(JSON.stringify({ type: "response.create", ...store, ...turnBody(n, previous) }));
      previous = await ended;
    }
    turnBody(job.turns + 1, previous);
    return performance.now() - started;
  } finally {
    ws.close(1000);
  }
}

export async function chain(job: ChainJob): Promise<ChainResult> {
  const dispatcher = new Agent({ connections: 1 });
  try {
    const chainMs: number[] = [];
    for (let i = 0; i < job.chains; i++) {
      chainMs.push(job.mode === "http" ? await httpChain(job, dispatcher) : await wsChain(job));
    }
    return { chainMs };
  } finally {
    await dispatcher.close();
  }
}
