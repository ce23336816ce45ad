import type {
  FunctionToolCall,
  OutputMessage,
  OutputTextContent,
  ResponseError,
  ResponseObject,
  ResponseStreamEvent,
  ResponseUsage,
} from "@switchboard/protocol/responses";
import type { ModelLogprob } from "../../runtime/model/types.js";
import { newId, nowSeconds } from "./ids.js";

/** Distributes Omit over a union, so each event keeps its own fields. */
type Unsequenced<E> = E extends unknown ? Omit<E, "sequence_number"> : never;
export type PendingEvent = Unsequenced<ResponseStreamEvent>;

/** A token's log-probability as OpenAI's Responses API shows it. */
function wireLogprob(logprob: ModelLogprob) {
  return {
    token: logprob.token,
    logprob: logprob.logprob,
    bytes: logprob.bytes ?? [...Buffer.from(logprob.token, "utf8")],
    top_logprobs: (logprob.topLogprobs ?? []).map((top) => ({
      token: top.token,
      logprob: top.logprob,
      bytes: top.bytes ?? [...Buffer.from(top.token, "utf8")],
    })),
  };
}

interface OpenMessage {
  item: OutputMessage;
  /** The text part being streamed; `undefined` between turns. */
  part: OutputTextContent | undefined;
  index: number;
}

/** What a quiet builder returns for the events of a text delta or a turn's end: they would be dropped unread. */
const NO_EVENTS = Object.freeze([]) as unknown as PendingEvent[];

const emptyUsage = (): ResponseUsage => ({
  input_tokens: 0,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 0,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 0,
});

/**
 * Turns the progress of an agent run into the Responses stream: it owns the response object and
 * assigns output and content indices, so every event it returns is already in wire order. The
 * text of one model turn is one `output_text` part; text after a function call item opens a new
 * message item.
 */
export class ResponseBuilder {
  readonly response: ResponseObject;
  #message: OpenMessage | undefined;
  readonly #calls = new Map<string, { item: FunctionToolCall; index: number }>();

  readonly #copies: boolean;

  /**
   * `copies: false` when nobody reads the events (an unstored, non-streamed response): they then
   * share the builder's objects instead of carrying snapshots (a quarter of such a request's core time),
   * and a text delta into an open part returns no event at all.
   */
  constructor(response: ResponseObject, { copies = true }: { copies?: boolean } = {}) {
    this.response = response;
    this.#copies = copies;
  }

  /**
   * A builder carrying on from a response's event log, for a process concluding a response whose
   * own process stopped. The output is rebuilt from the events (the stored object is rewritten only
   * at milestones, so it lacks the latest text), and what was still open at the end of the log is
   * open here too, so the terminal events close it as the original builder would have.
   */
  static fromLog(response: ResponseObject, events: readonly ResponseStreamEvent[]): ResponseBuilder {
    const builder = new ResponseBuilder(clone(response));
    const output = builder.response.output;
    const donePart = new Set<string>();
    for (const event of events) {
      if (event.type === "response.output_item.added" || event.type === "response.output_item.done") {
        output[event.output_index] = clone(event.item);
      } else if (event.type === "response.content_part.added" || event.type === "response.content_part.done") {
        const item = output[event.output_index];
        if (item?.type === "message") item.content[event.content_index] = clone(event.part);
        if (event.type === "response.content_part.done") donePart.add(`${event.output_index}:${event.content_index}`);
      } else if (event.type === "response.output_text.delta") {
        const item = output[event.output_index];
        const part = item?.type === "message" ? item.content[event.content_index] : undefined;
        if (part?.type === "output_text") part.text += event.delta;
      } else if (event.type === "response.function_call_arguments.delta") {
        const item = output[event.output_index];
        if (item?.type === "function_call") item.arguments += event.delta;
      }
    }
    output.forEach((item, index) => {
      if (item.status !== "in_progress") return;
      if (item.type === "function_call") builder.#calls.set(item.call_id, { item, index });
      else if (item.type === "message") {
        const last = item.content.length - 1;
        const part = item.content[last];
        const open = part?.type === "output_text" && !donePart.has(`${index}:${last}`);
        builder.#message = { item, index, part: open ? part : undefined };
      }
    });
    return builder;
  }

  get usage(): ResponseUsage {
    this.response.usage ??= emptyUsage();
    return this.response.usage;
  }

  created(): PendingEvent[] {
    const events: PendingEvent[] = [{ type: "response.created", response: this.#snapshot() }];
    if (this.response.status === "queued") events.push({ type: "response.queued", response: this.#snapshot() });
    return events;
  }

  started(): PendingEvent[] {
    this.response.status = "in_progress";
    return [{ type: "response.in_progress", response: this.#snapshot() }];
  }

  text(delta: string, logprobs?: readonly ModelLogprob[]): PendingEvent[] {
    if (delta === "") return [];
    const open = this.#message?.part;
    if (!this.#copies && open && !logprobs) {
      // Nobody reads a quiet builder's events (see the constructor): the text is all a delta adds.
      open.text += delta;
      return NO_EVENTS;
    }
    const events = this.#message ? [] : this.#openMessage();
    const message = this.#message!;
    if (!message.part) events.push(...this.#openPart(message));
    const part = message.part!;
    part.text += delta;
    const wire = logprobs ? logprobs.map(wireLogprob) : [];
    if (wire.length > 0) part.logprobs = [...(part.logprobs ?? []), ...wire];
    events.push({
      type: "response.output_text.delta",
      item_id: message.item.id,
      output_index: message.index,
      content_index: message.item.content.length - 1,
      delta,
      logprobs: wire,
    });
    return events;
  }

  /**
   * A model turn ended: its text part is complete. The message stays open, so the text of the
   * agent's next turn (after its own server-side tools ran) becomes the message's next part.
   */
  endTurn(): PendingEvent[] {
    const message = this.#message;
    if (!message?.part) return [];
    const { item, part, index } = message;
    message.part = undefined;
    if (!this.#copies) return NO_EVENTS;
    const contentIndex = item.content.length - 1;
    return [
      {
        type: "response.output_text.done",
        item_id: item.id,
        output_index: index,
        content_index: contentIndex,
        text: part.text,
        logprobs: [],
      },
      {
        type: "response.content_part.done",
        item_id: item.id,
        output_index: index,
        content_index: contentIndex,
        part: this.#copy(part),
      },
    ];
  }

  /** Ends the current message, if any: the next text starts a new output item. */
  endMessage(status: "completed" | "incomplete" = "completed"): PendingEvent[] {
    const message = this.#message;
    if (!message) return [];
    const events = this.endTurn();
    this.#message = undefined;
    message.item.status = status;
    if (!this.#copies) return NO_EVENTS;
    events.push({ type: "response.output_item.done", output_index: message.index, item: this.#copy(message.item) });
    return events;
  }

  functionCallStart(callId: string, name: string): PendingEvent[] {
    const ended = this.endMessage();
    const events = ended === NO_EVENTS ? [] : ended;
    const item: FunctionToolCall = {
      type: "function_call",
      id: newId("fc"),
      // Upstream models name calls their own way; clients of this API get OpenAI's `call_` form. The
      // history replays the id the client saw, so the model still sees a consistent pair.
      call_id: callId.startsWith("call_") ? callId : newId("call"),
      name,
      arguments: "",
      status: "in_progress",
    };
    const index = this.response.output.push(item) - 1;
    this.#calls.set(callId, { item, index });
    events.push({ type: "response.output_item.added", output_index: index, item: this.#copy(item) });
    return events;
  }

  functionCallDelta(callId: string, delta: string): PendingEvent[] {
    const call = this.#calls.get(callId);
    if (!call || delta === "") return [];
    call.item.arguments += delta;
    return [{ type: "response.function_call_arguments.delta", item_id: call.item.id, output_index: call.index, delta }];
  }

  functionCallEnd(callId: string): PendingEvent[] {
    const call = this.#calls.get(callId);
    if (!call) return [];
    this.#calls.delete(callId);
    const { item, index } = call;
    item.status = "completed";
    return [
      {
        type: "response.function_call_arguments.done",
        item_id: item.id,
        output_index: index,
        name: item.name,
        arguments: item.arguments,
      },
      { type: "response.output_item.done", output_index: index, item: this.#copy(item) },
    ];
  }

  addUsage(inputTokens: number, outputTokens: number): void {
    const usage = this.usage;
    usage.input_tokens += inputTokens;
    usage.output_tokens += outputTokens;
    usage.total_tokens = usage.input_tokens + usage.output_tokens;
  }

  /** Replaces the per-turn sums with the run's own total (which also counts its subagents). */
  setUsage(inputTokens: number, outputTokens: number): void {
    const usage = this.usage;
    usage.input_tokens = inputTokens;
    usage.output_tokens = outputTokens;
    usage.total_tokens = inputTokens + outputTokens;
  }

  completed(): PendingEvent[] {
    const events = [...this.endMessage(), ...this.#endCalls("completed")];
    this.#finish("completed");
    events.push({ type: "response.completed", response: this.#snapshot() });
    return events;
  }

  incomplete(reason: "max_output_tokens" | "content_filter"): PendingEvent[] {
    const events = [...this.endMessage("incomplete"), ...this.#endCalls("incomplete")];
    this.#finish("incomplete");
    this.response.incomplete_details = { reason };
    events.push({ type: "response.incomplete", response: this.#snapshot() });
    return events;
  }

  /** A failure: the flat `error` event, then `response.failed`. */
  failed(error: ResponseError): PendingEvent[] {
    const events = [...this.endMessage("incomplete"), ...this.#endCalls("incomplete")];
    this.#finish("failed");
    this.response.error = error;
    events.push({ type: "error", code: error.code, message: error.message, param: null });
    events.push({ type: "response.failed", response: this.#snapshot() });
    return events;
  }

  /** Cancelled work ends with `response.failed` carrying status `cancelled`, and no `error` event. */
  cancelled(): PendingEvent[] {
    const events = [...this.endMessage("incomplete"), ...this.#endCalls("incomplete")];
    this.#finish("cancelled");
    events.push({ type: "response.failed", response: this.#snapshot() });
    return events;
  }

  #openMessage(): PendingEvent[] {
    const item: OutputMessage = {
      type: "message",
      id: newId("msg"),
      role: "assistant",
      status: "in_progress",
      content: [],
    };
    const index = this.response.output.push(item) - 1;
    this.#message = { item, part: undefined, index };
    return [{ type: "response.output_item.added", output_index: index, item: this.#copy(item) }];
  }

  #openPart(message: OpenMessage): PendingEvent[] {
    const part: OutputTextContent = { type: "output_text", text: "", annotations: [], logprobs: [] };
    const contentIndex = message.item.content.push(part) - 1;
    message.part = part;
    return [
      {
        type: "response.content_part.added",
        item_id: message.item.id,
        output_index: message.index,
        content_index: contentIndex,
        part: this.#copy(part),
      },
    ];
  }

  #endCalls(status: "completed" | "incomplete"): PendingEvent[] {
    const events: PendingEvent[] = [];
    for (const callId of [...this.#calls.keys()]) {
      const call = this.#calls.get(callId)!;
      events.push(...this.functionCallEnd(callId));
      call.item.status = status;
      const done = events[events.length - 1];
      if (done?.type === "response.output_item.done") done.item = this.#copy(call.item);
    }
    return events;
  }

  #finish(status: "completed" | "incomplete" | "failed" | "cancelled"): void {
    this.response.status = status;
    this.response.completed_at = nowSeconds();
    this.response.usage ??= emptyUsage();
  }

  #snapshot(): ResponseObject {
    return this.#copy(this.response);
  }

  #copy<T>(value: T): T {
    return this.#copies ? clone(value) : value;
  }
}

/**
 * Response objects and items are JSON data, and `structuredClone` takes about twice as long as a
 * JSON round trip (Node 24, a response object); a response is cloned several times.
 */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));
