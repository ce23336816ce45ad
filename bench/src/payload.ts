/**
 * What the baselines send: the same JSON and the same SSE frames Switchboard produces for the
 * benchmark requests, built the way a hand-written route would build them (fresh ids, a parsed
 * request body, JSON.stringify per object). `checkSameShape` verifies the match before measuring.
 */
import { randomBytes } from "node:crypto";

/** The body of every non-streaming benchmark request. */
export const CREATE_BODY = JSON.stringify({
  model: "echo",
  input: "Benchmarks measure what the protocol layer costs",
  store: false,
});

interface CreateBody {
  model: string;
  input: string;
  store?: boolean;
}

const hexId = (prefix: string) => `${prefix}_${randomBytes(16).toString("hex")}`;
const words = (text: string) => text.match(/\S+/g)?.length ?? 0;

function responseObject(body: CreateBody, id: string, status: "in_progress" | "completed", output: unknown[]) {
  const now = Math.floor(Date.now() / 1000);
  const count = words(body.input);
  return {
    id,
    object: "response",
    created_at: now,
    status,
    completed_at: status === "completed" ? now : null,
    error: null,
    incomplete_details: null,
    instructions: null,
    model: body.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    background: false,
    conversation: null,
    metadata: {},
    temperature: 1,
    top_p: 1,
    presence_penalty: 0,
    frequency_penalty: 0,
    top_logprobs: 0,
    max_output_tokens: null,
    max_tool_calls: null,
    tools: [],
    tool_choice: "auto",
    store: body.store ?? true,
    text: { format: { type: "text" }, verbosity: "medium" },
    reasoning: { effort: null, summary: null },
    truncation: "disabled",
    service_tier: "default",
    prompt_cache_key: null,
    safety_identifier: null,
    user: null,
    usage:
      status === "completed"
        ? {
            input_tokens: count,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: count,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: 2 * count,
          }
        : null,
  };
}

const message = (id: string, text: string, status: "in_progress" | "completed") => ({
  type: "message",
  id,
  role: "assistant",
  status,
  content: status === "completed" ? [{ type: "output_text", text, annotations: [], logprobs: [] }] : [],
});

/** The completed response the `echo` agent returns for `body`. */
export function echoResponse(body: unknown): object {
  const request = body as CreateBody;
  if (typeof request?.input !== "string") throw new Error("the benchmark body has a string input");
  return responseObject(request, hexId("resp"), "completed", [message(hexId("msg"), request.input, "completed")]);
}

/** The completed response carrying `text` (a model's answer to `body`), as a bare relay builds it. */
export function relayResponse(body: unknown, text: string): object {
  const request = body as CreateBody;
  return responseObject(request, hexId("resp"), "completed", [message(hexId("msg"), text, "completed")]);
}

export interface StreamEvent {
  type: string;
  [field: string]: unknown;
}

/** The delta every firehose event carries. */
export const FIREHOSE_DELTA = " tok";

/**
 * The stream of a response whose text is `count` deltas: the same event objects, in the same
 * order, as Switchboard's Responses stream for the firehose agent (without the final `[DONE]`).
 */
export function firehoseEvents(body: CreateBody, count: number): Generator<StreamEvent> {
  return responseEvents(body, firehoseDeltas(count));
}

function* firehoseDeltas(count: number): Generator<string> {
  for (let i = 0; i < count; i++) yield i === 0 ? FIREHOSE_DELTA.trimStart() : FIREHOSE_DELTA;
}

/** The deltas of the `ticker` agent: ` t0`, ` t1`, … */
export function* tickerDeltas(count: number): Generator<string> {
  for (let k = 0; k < count; k++) yield ` t${k}`;
}

/** The events of a response streaming `deltas`, in Switchboard's order and shape (without `[DONE]`). */
export function* responseEvents(body: CreateBody, deltas: Iterable<string>): Generator<StreamEvent> {
  const id = hexId("resp");
  const itemId = hexId("msg");
  let sequence = 0;
  const created = responseObject(body, id, "in_progress", []);
  yield { type: "response.created", response: created, sequence_number: sequence++ };
  yield { type: "response.in_progress", response: created, sequence_number: sequence++ };
  yield {
    type: "response.output_item.added",
    output_index: 0,
    item: message(itemId, "", "in_progress"),
    sequence_number: sequence++,
  };
  const part = { type: "output_text", text: "", annotations: [], logprobs: [] };
  yield {
    type: "response.content_part.added",
    item_id: itemId,
    output_index: 0,
    content_index: 0,
    part,
    sequence_number: sequence++,
  };
  let text = "";
  let count = 0;
  for (const delta of deltas) {
    count++;
    text += delta;
    yield {
      type: "response.output_text.delta",
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      delta,
      logprobs: [],
      sequence_number: sequence++,
    };
  }
  yield {
    type: "response.output_text.done",
    item_id: itemId,
    output_index: 0,
    content_index: 0,
    text,
    logprobs: [],
    sequence_number: sequence++,
  };
  const done = { type: "output_text", text, annotations: [], logprobs: [] };
  yield {
    type: "response.content_part.done",
    item_id: itemId,
    output_index: 0,
    content_index: 0,
    part: done,
    sequence_number: sequence++,
  };
  const item = message(itemId, text, "completed");
  yield { type: "response.output_item.done", output_index: 0, item, sequence_number: sequence++ };
  const completed = responseObject(body, id, "completed", [item]);
  completed.usage = {
    input_tokens: words(body.input),
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: count,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: words(body.input) + count,
  };
  yield { type: "response.completed", response: completed, sequence_number: sequence++ };
}

export const sseFrame = (event: StreamEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
export const SSE_DONE = "data: [DONE]\n\n";

/** The JSON structure of a value with every string replaced by its length class, for comparing shapes. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]));
  }
  return typeof value;
}
