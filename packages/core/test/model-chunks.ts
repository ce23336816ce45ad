// What the model-provider tests share: Chat Completions stream chunks, a model request, and
// reading a provider's events to the end.
import type { ModelEvent, ModelRequest } from "../src/runtime/model/types.js";

export const textChunk = (content: string) => ({ choices: [{ index: 0, delta: { content }, finish_reason: null }] });
export const finishChunk = (reason: string) => ({ choices: [{ index: 0, delta: {}, finish_reason: reason }] });

export const request = (overrides: Partial<ModelRequest> = {}): ModelRequest => ({
  messages: [{ role: "user", content: "hello" }],
  signal: new AbortController().signal,
  ...overrides,
});

export async function collect(events: AsyncIterable<ModelEvent>): Promise<ModelEvent[]> {
  const out: ModelEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}
