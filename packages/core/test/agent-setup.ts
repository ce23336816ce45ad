// Shared by the agent-*.test.ts files on the agent loop: a run collector, scripted turns and an add tool.

import { runAgent } from "../src/runtime/agent/run.js";
import type { AgentEvent, RunAgentOptions } from "../src/runtime/agent/types.js";
import { scriptedModel } from "../src/runtime/model/scripted.js";
import type { Model, ModelEvent, ModelRequest } from "../src/runtime/model/types.js";
import { defineTool } from "../src/runtime/tools/define.js";

export const ctx = { id: "i1", env: {} };
const signal = () => new AbortController().signal;

export async function run(options: Partial<RunAgentOptions> & Pick<RunAgentOptions, "config">): Promise<AgentEvent[]> {
  const events: AgentEvent[] = [];
  for await (const event of runAgent({ messages: [{ role: "user", content: "go" }], signal: signal(), ...options })) {
    events.push(event);
  }
  return events;
}

export const done = (events: AgentEvent[]) => {
  const last = events.at(-1);
  if (last?.type !== "done") throw new Error("run did not end with done");
  return last;
};

/** A model that plays back one scripted turn per call and records every request it got. */
export function turns(...replies: ModelEvent[][]): Model & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  const model = scriptedModel("turns", (request) => {
    requests.push(request);
    const reply = replies[requests.length - 1];
    if (!reply) throw new Error(`unexpected model call #${requests.length}`);
    return reply;
  });
  return Object.assign(model, { requests });
}

export const add = defineTool<{ a: number; b: number }, number>({
  name: "add",
  description: "Adds",
  parameters: {
    type: "object",
    properties: { a: { type: "number" }, b: { type: "number" } },
    required: ["a", "b"],
  },
  execute: ({ a, b }) => a + b,
});
