import type { AgentAbortResult, AgentEvent } from "@switchboard/protocol/agents";
import type { TestContext } from "../../context.js";
import { abortSession, expectStatus } from "./client.js";

export const S4 = "DESIGN §4";
export const PROMPT = "Agents.Instances.prompt";
export const CONNECT = "Agents.Instances.connect";
export const TEXT = "The quick brown fox jumps over the lazy dog";

export const types = (events: { event: AgentEvent }[]) => events.map((e) => e.event.type);

/** Collapses runs of `text_delta` so an order check does not depend on the number of words. */
export const collapsed = (list: string[]) => list.filter((type, i) => type !== "text_delta" || list[i - 1] !== type);

export function parseIndex(id: string | undefined): { stream: string; index: number } | undefined {
  if (id === undefined) return undefined;
  const colon = id.lastIndexOf(":");
  if (colon <= 0) return undefined;
  const index = Number(id.slice(colon + 1));
  return Number.isInteger(index) && index >= 0 ? { stream: id.slice(0, colon), index } : undefined;
}

/** Calls the session abort route until it reports it stopped something. */
export async function abortWhenRunning(t: TestContext, name: string, id: string, session: string) {
  return t.eventually("a running prompt to abort", async () => {
    const res = await abortSession(t, name, id, session);
    expectStatus(t, res, 200, "abort");
    return (res.json as AgentAbortResult).aborted ? res : undefined;
  });
}

/** A request that must not wait long: a server that queues instead of refusing is caught. */
export function quick(t: TestContext, ms = 3_000) {
  return AbortSignal.any([t.signal, AbortSignal.timeout(ms)]);
}
