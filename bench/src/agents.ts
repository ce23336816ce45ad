/** Agents that exist only for the benchmarks; the request's input text parameterises them. */
import {
  type Agent,
  abortReason,
  createAgent,
  delay,
  type Model,
  type ModelEvent,
  type ModelRequest,
  scriptedModel,
} from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import { FIREHOSE_DELTA } from "./payload.js";

function lastUserText(request: ModelRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i]!;
    if (message.role === "user") return message.content;
  }
  return "";
}

const MAX_EVENTS = 1_000_000;

function count(text: string, fallback: number): number {
  const value = Number.parseInt(text, 10);
  return Number.isInteger(value) && value > 0 ? Math.min(value, MAX_EVENTS) : fallback;
}

/**
 * `firehose`: input "N" → N text deltas as fast as the stream takes them. Its model is a bare
 * async generator rather than `scriptedModel` (which races every step against the abort signal,
 * a cost of the scripted model and not of the protocol), so the figure is the protocol's stream path.
 */
const firehoseModel: Model = {
  id: "firehose",
  async *stream(request) {
    const n = count(lastUserText(request), 1000);
    for (let i = 0; i < n; i++) {
      if (request.signal.aborted) throw abortReason(request.signal);
      yield { type: "text", delta: i === 0 ? FIREHOSE_DELTA.trimStart() : FIREHOSE_DELTA };
    }
    yield { type: "usage", inputTokens: 1, outputTokens: n };
    yield { type: "finish", reason: "stop" };
  },
};

export const firehoseAgent: Agent = createAgent(() => ({ model: firehoseModel }));

/**
 * `ticker`: input "N MS" → N text deltas, the k-th due at start + k·MS. Deadlines are absolute, so
 * a late tick does not push the later ones back: every gap a client sees beyond MS is lateness.
 */
export const tickerAgent: Agent = createAgent(() => ({
  model: scriptedModel("ticker", async function* (request): AsyncGenerator<ModelEvent> {
    const [n, interval] = lastUserText(request).split(" ");
    const ticks = count(n ?? "", 50);
    const ms = count(interval ?? "", 100);
    const start = Date.now();
    for (let k = 0; k < ticks; k++) {
      if (k > 0) await delay(Math.max(0, start + k * ms - Date.now()), request.signal);
      yield { type: "text", delta: ` t${k}` };
    }
    yield { type: "usage", inputTokens: 2, outputTokens: ticks };
    yield { type: "finish", reason: "stop" };
  }),
}));

export const benchAgents: Record<string, Agent> = {
  ...fixtureAgents,
  firehose: firehoseAgent,
  ticker: tickerAgent,
};
