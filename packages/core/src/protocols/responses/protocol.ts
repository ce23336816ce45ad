import type {
  CreateResponse,
  DeletedResponse,
  ModelInfo,
  ModelList,
  ResponseItemList,
  ResponseObject,
  ResponseStreamEvent,
} from "@switchboard/protocol/responses";
import { validate } from "@switchboard/protocol/responses";
import { readJson } from "../../http/read-json.js";
import { framedStream, json, sse, sseFrame } from "../../http/response.js";
import { Router } from "../../http/router.js";
import type { CoreRequest, CoreResponse } from "../../http/types.js";
import { delegateToolName } from "../../runtime/agent/define.js";
import { runAgent } from "../../runtime/agent/run.js";
import type { Agent, AgentEvent, AgentFinishReason, ResolvedAgentConfig } from "../../runtime/agent/types.js";
import { ModelError } from "../../runtime/model/errors.js";
import type { ModelMessage, ModelToolChoice, ModelToolSpec } from "../../runtime/model/types.js";
import { type EventBus, memoryBus } from "../../store/bus.js";
import { memoryResponseStore } from "../../store/memory-responses.js";
import type { ResponseStore } from "../../store/responses.js";
import { Wakeup } from "../../store/wakeup.js";
import type { AppContext, ProtocolFactory, ProtocolModule } from "../protocol-module.js";
import { initialResponse, type PendingEvent, ResponseBuilder } from "./builder.js";
import { appError, notFound, ResponsesApiError, validationError } from "./errors.js";
import { newId, nowSeconds } from "./ids.js";
import { type HistoryItem, toInputItems, toModelMessages } from "./input.js";
import { LiveRun, type ResponseSignal, responseTopic } from "./live.js";

export interface ResponsesProtocolOptions {
  /** The served agents by name: a request's `model` picks one, and `/v1/models` lists them. */
  agents: Record<string, Agent>;
  /** Stored responses, input items and event logs; in memory by default. */
  store?: ResponseStore;
  /**
   * Live events between processes sharing `store`: replays follow a response running in another
   * process, and cancel and delete reach it. In memory (this process only) by default.
   */
  bus?: EventBus;
  /** `owned_by` of every entry of `/v1/models` (default `switchboard`). */
  ownedBy?: string;
  /** Handed to agent factories as `ctx.env`. */
  env?: Record<string, string | undefined>;
}

type Handler = (req: CoreRequest, params: Record<string, string>) => Promise<CoreResponse>;

const TERMINAL_EVENTS = new Set<string>(["response.completed", "response.failed", "response.incomplete"]);
const FINAL_STATUSES = new Set<string>(["completed", "failed", "incomplete", "cancelled"]);
const SSE_DONE = sseFrame({ data: "[DONE]" });
/** How often a follower re-reads the store when the bus stays silent. */
const FOLLOW_POLL_MS = 1000;
/** How long cancel waits for another process to record the cancellation it asked for. */
const REMOTE_CANCEL_WAIT_MS = 2000;
/** How long `close()` waits for aborted runs to record their outcome. */
const CLOSE_WAIT_MS = 5000;
/** The failure recorded on a response whose process stopped before it finished. */
const ABANDONED = {
  code: "server_error",
  message: "The server process running this response stopped before the response finished.",
};
/** Guards against a cycle of `previous_response_id`s written into the store by hand. */
const MAX_CHAIN = 10_000;

class ResponsesModule implements ProtocolModule {
  readonly name = "responses" as const;
  readonly #agents: Map<string, Agent>;
  readonly #store: ResponseStore;
  readonly #ownsStore: boolean;
  readonly #bus: EventBus;
  readonly #limits: AppContext["limits"];
  readonly #ownedBy: string;
  readonly #env: Record<string, string | undefined>;
  readonly #startedAt = nowSeconds();
  readonly #router = new Router<Handler>();
  /** Stored responses running in this process, by id. */
  readonly #live = new Map<string, LiveRun>();
  /** Every run in this process, so `close()` can abort and await them. */
  readonly #running = new Set<LiveRun>();

  constructor(ctx: AppContext, options: ResponsesProtocolOptions) {
    this.#agents = new Map(Object.entries(options.agents));
    this.#store = options.store ?? memoryResponseStore();
    this.#ownsStore = options.store === undefined;
    this.#bus = options.bus ?? memoryBus();
    this.#limits = ctx.limits;
    this.#ownedBy = options.ownedBy ?? "switchboard";
    this.#env = options.env ?? {};
    this.#router
      .add("POST", "/v1/responses", (req) => this.#create(req))
      .add("GET", "/v1/responses/:id", (req, p) => this.#retrieve(req, p.id!))
      .add("DELETE", "/v1/responses/:id", (_req, p) => this.#delete(p.id!))
      .add("POST", "/v1/responses/:id/cancel", (_req, p) => this.#cancel(p.id!))
      .add("GET", "/v1/responses/:id/input_items", (req, p) => this.#inputItems(req, p.id!))
      .add("GET", "/v1/models", async () => this.#models())
      .add("GET", "/v1/models/:model", async (_req, p) => this.#model(p.model!));
  }

  owns(path: string): boolean {
    return path === "/v1" || path.startsWith("/v1/");
  }

  error(status: number, code: string, message: string, param?: string): CoreResponse {
    return appError(status, code, message, param);
  }

  async handle(req: CoreRequest): Promise<CoreResponse> {
    const match = this.#router.match(req.method, req.path);
    try {
      if (!match) throw new ResponsesApiError(404, "not_found", `No route ${req.method} ${req.path}.`);
      if ("methodNotAllowed" in match) {
        throw new ResponsesApiError(
          405,
          "method_not_allowed",
          `${req.method} is not allowed on ${req.path}; use ${match.allow.join(" or ")}.`,
          null,
          { allow: match.allow.join(", ") },
        );
      }
      return await match.handler(req, match.params);
    } catch (error) {
      if (error instanceof ResponsesApiError) return error.toResponse();
      throw error;
    }
  }

  async close(): Promise<void> {
    const runs = [...this.#running];
    for (const run of runs) run.controller.abort(new DOMException("the server is shutting down", "AbortError"));
    // A stream whose reader stalls finishes only once its connection closes; never wait on it forever.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(runs.map((run) => run.finished)),
      new Promise((resolve) => {
        timer = setTimeout(resolve, CLOSE_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (this.#ownsStore) await this.#store.close?.();
  }

  // ---------------------------------------------------------------------------------------------
  // POST /v1/responses
  // ---------------------------------------------------------------------------------------------

  async #create(req: CoreRequest): Promise<CoreResponse> {
    const body = await readJson(req, this.#limits.maxBodyBytes);
    if (!body.ok) throw new ResponsesApiError(400, body.reason, body.message);
    precheck(body.value);
    const checked = validate.CreateResponse(body.value);
    if (!checked.ok) throw validationError(checked.issue);
    const request = checked.value;

    const agent = this.#agents.get(request.model);
    if (!agent) throw notFound("model", request.model, "model");
    const stored = request.store !== false;
    const background = request.background === true;
    if (background && !stored) {
      throw new ResponsesApiError(400, "invalid_value", "background requires store to be true.", "background");
    }
    checkToolChoice(request);

    const id = newId("resp");
    // Each response is its own agent instance: the factory sees the response id.
    const config = await agent.configure({ id, env: this.#env });
    checkToolNames(request, config);
    const earlier = request.previous_response_id ? await this.#chain(request.previous_response_id) : [];
    const inputItems = toInputItems(request.input);
    const messages = toModelMessages([...earlier, ...inputItems], earlier.length);

    // Nobody reads the events of an unstored, non-streamed response: they need no snapshots.
    const quiet = !stored && request.stream !== true;
    const builder = new ResponseBuilder(initialResponse(id, request, background), { copies: !quiet });
    const run = new LiveRun(builder, stored, inputItems);

    if (background) {
      // Stored before answering, so that the id the client gets can be retrieved at once.
      await this.#begin(run);
      const created = structuredClone(builder.response);
      void this.#drain(this.#execute(run, config, request, messages, run.controller.signal));
      if (request.stream) return this.#sse(this.#follow(created.id, -1, req.signal));
      return json(200, created);
    }

    // Closing the connection aborts a response that is not running in the background. Forwarded by
    // hand: on Node 20, AbortSignal.any costs more than the rest of a short request's signal work,
    // and where the request offers `onAbort`, its own AbortSignal is never created.
    const { controller } = run;
    if (req.onAbort) req.onAbort(() => controller.abort());
    else {
      const clientGone = () => controller.abort(req.signal.reason);
      if (req.signal.aborted) clientGone();
      else {
        req.signal.addEventListener("abort", clientGone, { once: true });
        void run.finished.then(() => req.signal.removeEventListener("abort", clientGone));
      }
    }
    if (quiet) {
      await this.#complete(run, config, request, messages, controller.signal);
      return json(200, builder.response);
    }
    const events = this.#execute(run, config, request, messages, controller.signal);
    if (request.stream) return this.#sse(events);
    // A failing store is a 500 here; a failing agent is a response with status `failed`.
    for await (const _ of events);
    return json(200, builder.response);
  }

  /**
   * Runs an unstored, non-streamed response to its end: `#execute`'s outcome without its stream,
   * since no client, store or replay ever sees the events. Skipping the generator that numbers and
   * hands out every event is most of the protocol's own cost for a short response.
   */
  async #complete(
    run: LiveRun,
    config: ResolvedAgentConfig,
    request: CreateResponse,
    messages: ModelMessage[],
    signal: AbortSignal,
  ): Promise<void> {
    const { builder } = run;
    this.#running.add(run);
    try {
      builder.started();
      let finish: AgentFinishReason = "stop";
      const clientCalls = new Set<string>();
      try {
        for await (const event of runAgent({ config, ...modelParameters(request), messages, signal })) {
          if (event.type === "done") {
            finish = event.finishReason;
            builder.setUsage(event.usage.inputTokens, event.usage.outputTokens);
          } else applyEvent(builder, event, clientCalls);
        }
        signal.throwIfAborted();
      } catch (error) {
        failure(builder, signal, error);
        return;
      }
      ending(builder, finish);
    } finally {
      this.#forget(run);
    }
  }

  /**
   * Registers a run and stores its response and input items. Called when the run starts, not when
   * the request arrives: a stream nobody reads never starts, and leaves nothing half-done behind.
   */
  #begin(run: LiveRun): Promise<void> {
    run.begun ??= (async () => {
      this.#running.add(run);
      if (!run.stored) return;
      const { id } = run.builder.response;
      this.#live.set(id, run);
      try {
        await this.#store.putResponse(run.builder.response);
        await this.#store.putInputItems(id, run.inputItems);
        // Another process sharing the store may be asked to cancel or delete this response.
        run.unsubscribe = await this.#bus.subscribe(responseTopic(id), (message) => {
          const kind = (message as ResponseSignal | null)?.kind;
          if (kind === "delete") {
            run.deleted = true;
            run.controller.abort(new DOMException("the response was deleted", "AbortError"));
          } else if (kind === "cancel" && run.builder.response.background) {
            run.controller.abort(new DOMException("the response was cancelled", "AbortError"));
          }
        });
      } catch (error) {
        this.#forget(run);
        throw error;
      }
    })();
    return run.begun;
  }

  #forget(run: LiveRun): void {
    run.unsubscribe?.();
    const { id } = run.builder.response;
    if (this.#live.get(id) === run) this.#live.delete(id);
    this.#running.delete(run);
    run.finish();
  }

  /** The items of a stored chain, oldest first: each response's input then its output. */
  async #chain(lastId: string): Promise<HistoryItem[]> {
    const chain: ResponseObject[] = [];
    let id: string | null = lastId;
    while (id !== null && chain.length < MAX_CHAIN) {
      const response: ResponseObject | undefined = await this.#fresh(id);
      if (!response) {
        // A deleted response in the middle of a chain ends the history there.
        if (chain.length === 0) throw notFound("response", id, "previous_response_id");
        break;
      }
      if (chain.length === 0 && !FINAL_STATUSES.has(response.status)) {
        throw new ResponsesApiError(
          409,
          "response_in_progress",
          `Response '${id}' is still ${response.status}; continue from it once it has finished.`,
          "previous_response_id",
        );
      }
      chain.unshift(response);
      id = response.previous_response_id;
    }
    const items: HistoryItem[] = [];
    for (const response of chain) items.push(...(await this.#store.getInputItems(response.id)), ...response.output);
    return items;
  }

  /**
   * Runs the agent and yields the response's events in wire order, recording each one (and the
   * response object at each milestone) in the store first, so a replay never runs ahead of what a
   * client could have seen. Ends with the terminal events whatever happens; when the consumer
   * stops early, the work is aborted and the response recorded as cancelled.
   */
  async *#execute(
    run: LiveRun,
    config: ResolvedAgentConfig,
    request: CreateResponse,
    messages: ModelMessage[],
    signal: AbortSignal,
  ): AsyncGenerator<ResponseStreamEvent> {
    const { builder } = run;
    const { id } = builder.response;
    const store = this.#store;
    let sequence = 0;
    let terminated = false;
    const persist = async (events: ResponseStreamEvent[]): Promise<ResponseStreamEvent[]> => {
      await store.appendEvents(id, events, events.some(isMilestone) ? builder.response : undefined);
      await this.#bus.publish(responseTopic(id), { kind: "events" } satisfies ResponseSignal);
      return events;
    };
    /**
     * Numbers the events; a stored run writes them to the store before they are yielded. An
     * unstored run's events come back synchronously: this runs once per streamed delta, where an
     * await or a copy per event is a measurable share of the stream's cost. The builder hands out
     * fresh objects, so numbering them in place is safe.
     */
    const record = (pending: PendingEvent[]): ResponseStreamEvent[] | Promise<ResponseStreamEvent[]> => {
      const events = pending as ResponseStreamEvent[];
      for (const event of events) {
        event.sequence_number = sequence++;
        if (TERMINAL_EVENTS.has(event.type)) terminated = true;
      }
      return run.stored && !run.deleted ? persist(events) : events;
    };

    try {
      await this.#begin(run);
      yield* await record(builder.created());
      yield* await record(builder.started());
      let finish: AgentFinishReason = "stop";
      const clientCalls = new Set<string>();
      try {
        for await (const event of runAgent({ config, ...modelParameters(request), messages, signal })) {
          if (event.type === "done") {
            finish = event.finishReason;
            builder.setUsage(event.usage.inputTokens, event.usage.outputTokens);
          } else {
            const recorded = record(applyEvent(builder, event, clientCalls));
            for (const recordedEvent of Array.isArray(recorded) ? recorded : await recorded) yield recordedEvent;
          }
        }
        signal.throwIfAborted();
      } catch (error) {
        yield* await record(failure(builder, signal, error));
        return;
      }
      yield* await record(ending(builder, finish));
    } finally {
      if (!terminated) {
        // The consumer went away between events (a client that closed its stream).
        run.controller.abort(new DOMException("the client closed the connection", "AbortError"));
        await Promise.resolve(record(builder.cancelled())).catch((error) =>
          console.error("[switchboard] responses: recording the cancellation failed", error),
        );
      }
      this.#forget(run);
    }
  }

  async #drain(events: AsyncIterable<ResponseStreamEvent>): Promise<void> {
    try {
      for await (const _ of events);
    } catch (error) {
      console.error("[switchboard] responses: run failed", error);
    }
  }

  #sse(events: AsyncIterable<ResponseStreamEvent>): CoreResponse {
    return sse(framedStream(events, (event) => sseFrame({ event: event.type, data: event }), SSE_DONE));
  }

  /**
   * The stored events after `after`, then the new ones as they are recorded, until the terminal
   * event. Reads from the store each time, so a slow reader holds no buffer: it only lags behind
   * the log. The bus says when there is more (the run may be in another process); a periodic
   * re-read covers a process that stopped without saying so.
   */
  async *#follow(id: string, after: number, signal: AbortSignal): AsyncGenerator<ResponseStreamEvent> {
    const wakeup = new Wakeup();
    const unsubscribe = await this.#bus.subscribe(responseTopic(id), () => wakeup.notify());
    try {
      let last = after;
      let settled = false;
      for (;;) {
        const events = await this.#store.readEvents(id, last);
        for (const event of events) {
          yield event;
          last = event.sequence_number;
          if (TERMINAL_EVENTS.has(event.type)) return;
        }
        if (signal.aborted) return;
        // A run here removes itself only after recording its terminal events; elsewhere, the stored
        // status turns final only after them too. One more read then catches whatever is left.
        if (events.length === 0 && !this.#live.has(id)) {
          if (settled) return;
          // Concludes a response whose process died, so this stream ends instead of waiting forever.
          const response = await this.#fresh(id);
          if (!response) return;
          if (FINAL_STATUSES.has(response.status)) {
            settled = true;
            continue;
          }
        }
        await wakeup.wait(signal, FOLLOW_POLL_MS);
      }
    } finally {
      unsubscribe();
    }
  }

  /**
   * The freshest state of a stored response: the live one when it runs here, else the store's. A
   * response left unfinished by a process that died is recorded as failed first, so no reader
   * waits on it, and a conversation can continue from it.
   */
  async #fresh(id: string): Promise<ResponseObject | undefined> {
    const run = this.#live.get(id);
    if (run) return structuredClone(run.builder.response);
    const response = await this.#store.getResponse(id);
    if (!response || FINAL_STATUSES.has(response.status) || !(await this.#store.takeOver(id))) return response;
    return this.#conclude(response, (builder) => builder.failed(ABANDONED));
  }

  /**
   * Records the terminal events and final state of a response no process is running any more
   * (this one holds it through `takeOver`): a cancel or a failure, after the events already logged.
   */
  async #conclude(
    response: ResponseObject,
    end: (builder: ResponseBuilder) => PendingEvent[],
  ): Promise<ResponseObject> {
    const logged = await this.#store.readEvents(response.id, -1);
    const builder = ResponseBuilder.fromLog(response, logged);
    let sequence = (logged.at(-1)?.sequence_number ?? -1) + 1;
    const events = end(builder).map((event) => ({ ...event, sequence_number: sequence++ }) as ResponseStreamEvent);
    await this.#store.appendEvents(response.id, events, builder.response);
    await this.#bus.publish(responseTopic(response.id), { kind: "events" } satisfies ResponseSignal);
    return builder.response;
  }

  // ---------------------------------------------------------------------------------------------
  // Stored responses
  // ---------------------------------------------------------------------------------------------

  async #retrieve(req: CoreRequest, id: string): Promise<CoreResponse> {
    const stream = booleanQuery(req, "stream");
    const startingAfter = integerQuery(req, "starting_after", -1);
    const response = await this.#fresh(id);
    if (!response) throw notFound("response", id);
    if (!stream) return json(200, response);
    return this.#sse(this.#follow(id, startingAfter ?? -1, req.signal));
  }

  async #delete(id: string): Promise<CoreResponse> {
    const run = this.#live.get(id);
    if (run) {
      run.deleted = true;
      run.controller.abort(new DOMException("the response was deleted", "AbortError"));
      this.#live.delete(id);
    } else {
      await this.#bus.publish(responseTopic(id), { kind: "delete" } satisfies ResponseSignal);
    }
    if (!(await this.#store.deleteResponse(id)) && !run) throw notFound("response", id);
    const body: DeletedResponse = { id, object: "response.deleted", deleted: true };
    return json(200, body);
  }

  async #cancel(id: string): Promise<CoreResponse> {
    const response = await this.#fresh(id);
    if (!response) throw notFound("response", id);
    if (!response.background) {
      throw new ResponsesApiError(
        400,
        "invalid_value",
        "Only responses created with background: true can be cancelled.",
      );
    }
    if (FINAL_STATUSES.has(response.status)) return json(200, response);
    const run = this.#live.get(id);
    if (run) {
      run.controller.abort(new DOMException("the response was cancelled", "AbortError"));
      await run.finished;
      return json(200, run.builder.response);
    }
    // Running in another process sharing the store: ask it, and wait for the outcome it records.
    await this.#bus.publish(responseTopic(id), { kind: "cancel" } satisfies ResponseSignal);
    const settled = await this.#settled(id, REMOTE_CANCEL_WAIT_MS);
    if (settled) return json(200, settled);
    // Still unfinished: if its process died meanwhile, the cancellation is this process's to record;
    // if it is alive but slow to stop, it records the outcome itself, and the client sees it so far.
    const current = await this.#store.getResponse(id);
    if (!current) throw notFound("response", id);
    if (!FINAL_STATUSES.has(current.status) && (await this.#store.takeOver(id))) {
      return json(200, await this.#conclude(current, (builder) => builder.cancelled()));
    }
    return json(200, current);
  }

  /** The stored response once its status is final, or `undefined` after `timeoutMs`. */
  async #settled(id: string, timeoutMs: number): Promise<ResponseObject | undefined> {
    const wakeup = new Wakeup();
    const unsubscribe = await this.#bus.subscribe(responseTopic(id), () => wakeup.notify());
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      while (!deadline.aborted) {
        const response = await this.#store.getResponse(id);
        if (!response || FINAL_STATUSES.has(response.status)) return response;
        await wakeup.wait(deadline, FOLLOW_POLL_MS);
      }
      return undefined;
    } finally {
      unsubscribe();
    }
  }

  async #inputItems(req: CoreRequest, id: string): Promise<CoreResponse> {
    const limit = integerQuery(req, "limit", 1, 100) ?? 20;
    const order = req.query.get("order") ?? "desc";
    if (order !== "asc" && order !== "desc") {
      throw new ResponsesApiError(400, "invalid_value", "order must be 'asc' or 'desc'.", "order");
    }
    const after = req.query.get("after") ?? undefined;
    if (!(await this.#fresh(id))) throw notFound("response", id);
    const page = await this.#store.listInputItems(id, { limit, order, after });
    if (!page) {
      throw new ResponsesApiError(
        400,
        "invalid_value",
        `after: no input item '${after}' in response '${id}'.`,
        "after",
      );
    }
    const body: ResponseItemList = {
      object: "list",
      data: page.items,
      first_id: page.items[0]?.id ?? null,
      last_id: page.items[page.items.length - 1]?.id ?? null,
      has_more: page.hasMore,
    };
    return json(200, body);
  }

  // ---------------------------------------------------------------------------------------------
  // Models
  // ---------------------------------------------------------------------------------------------

  #modelInfo(id: string): ModelInfo {
    return { id, object: "model", created: this.#startedAt, owned_by: this.#ownedBy };
  }

  #models(): CoreResponse {
    const body: ModelList = { object: "list", data: [...this.#agents.keys()].map((id) => this.#modelInfo(id)) };
    return json(200, body);
  }

  #model(id: string): CoreResponse {
    if (!this.#agents.has(id)) throw notFound("model", id, "model");
    return json(200, this.#modelInfo(id));
  }
}

/** Events after which the stored response object is rewritten, so a retrieve shows progress. */
const isMilestone = (event: ResponseStreamEvent): boolean =>
  event.type === "response.in_progress" ||
  event.type === "response.output_item.done" ||
  TERMINAL_EVENTS.has(event.type);

/**
 * Maps the agent's progress onto the response. Only the client's function calls become output
 * items: the agent's own tool calls run here and the Responses output has no item type for them,
 * so they show only through the text the agent writes after them.
 */
function applyEvent(builder: ResponseBuilder, event: AgentEvent, clientCalls: Set<string>): PendingEvent[] {
  switch (event.type) {
    case "text_delta":
      return builder.text(event.text);
    case "tool_call_start":
      if (!event.client) return [];
      clientCalls.add(event.callId);
      return builder.functionCallStart(event.callId, event.name);
    case "tool_call_delta":
      return clientCalls.has(event.callId) ? builder.functionCallDelta(event.callId, event.delta) : [];
    case "tool_call_end":
      return clientCalls.has(event.callId) ? builder.functionCallEnd(event.callId) : [];
    case "turn_end":
      builder.addUsage(event.usage.inputTokens, event.usage.outputTokens);
      return builder.endTurn();
    default:
      return [];
  }
}

/** The terminal events of a run the agent finished with `finish`. */
function ending(builder: ResponseBuilder, finish: AgentFinishReason): PendingEvent[] {
  if (finish === "length") return builder.incomplete("max_output_tokens");
  if (finish === "content_filter") return builder.incomplete("content_filter");
  return builder.completed();
}

/** The terminal events of a run that threw: cancelled when it was aborted, failed otherwise. */
function failure(builder: ResponseBuilder, signal: AbortSignal, error: unknown): PendingEvent[] {
  return signal.aborted ? builder.cancelled() : builder.failed(describeFailure(error));
}

/** A model's failure is the client's to read; anything else is a bug, logged here and described vaguely. */
function describeFailure(error: unknown): { code: string; message: string } {
  if (error instanceof ModelError) return { code: error.code, message: error.message };
  console.error("[switchboard] responses: the agent run failed", error);
  return { code: "server_error", message: "The agent failed with an internal error." };
}

function modelParameters(request: CreateResponse) {
  const tools: ModelToolSpec[] = (request.tools ?? []).map((tool) => ({
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    parameters: tool.parameters ?? { type: "object", properties: {} },
  }));
  const choice = request.tool_choice;
  const toolChoice: ModelToolChoice | undefined =
    choice === undefined ? undefined : typeof choice === "string" ? choice : { name: choice.name };
  return {
    instructions: request.instructions ?? undefined,
    clientTools: tools,
    toolChoice,
    parallelToolCalls: request.parallel_tool_calls ?? undefined,
    temperature: request.temperature ?? undefined,
    topP: request.top_p ?? undefined,
    maxOutputTokens: request.max_output_tokens ?? undefined,
  };
}

/**
 * Catches what the schema would only report vaguely: a tool or input item of a type this server
 * does not implement fails every branch of its union, and the validator cannot tell which branch
 * the client meant. Naming the `type` says exactly what is unsupported.
 */
function precheck(body: unknown): void {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ResponsesApiError(400, "invalid_value", "The request body must be a JSON object.");
  }
  const { tools, input } = body as { tools?: unknown; input?: unknown };
  if (Array.isArray(tools)) {
    tools.forEach((tool, i) => {
      const type = (tool as { type?: unknown } | null)?.type;
      if (typeof type === "string" && type !== "function") {
        throw new ResponsesApiError(
          400,
          "unsupported_value",
          `tools[${i}].type '${type}' is not supported: only function tools are.`,
          `tools[${i}].type`,
        );
      }
    });
  }
  if (Array.isArray(input)) {
    input.forEach((item, i) => {
      const type = (item as { type?: unknown } | null)?.type;
      if (typeof type === "string" && !["message", "function_call", "function_call_output"].includes(type)) {
        throw new ResponsesApiError(
          400,
          "unsupported_value",
          `input[${i}].type '${type}' is not supported: use message, function_call or function_call_output.`,
          `input[${i}].type`,
        );
      }
    });
  }
}

function checkToolChoice(request: CreateResponse): void {
  const choice = request.tool_choice;
  if (typeof choice !== "object") return;
  if (!(request.tools ?? []).some((tool) => tool.name === choice.name)) {
    throw new ResponsesApiError(
      400,
      "invalid_value",
      `tool_choice.name '${choice.name}' names no function in tools.`,
      "tool_choice.name",
    );
  }
}

function checkToolNames(request: CreateResponse, config: ResolvedAgentConfig): void {
  const own = new Set([
    ...config.tools.map((tool) => tool.name),
    ...Object.keys(config.subagents).map(delegateToolName),
  ]);
  (request.tools ?? []).forEach((tool, i) => {
    if (own.has(tool.name)) {
      throw new ResponsesApiError(
        400,
        "invalid_value",
        `tools[${i}].name '${tool.name}' is a tool of the agent itself; give your function another name.`,
        `tools[${i}].name`,
      );
    }
  });
}

function booleanQuery(req: CoreRequest, name: string): boolean {
  const value = req.query.get(name);
  if (value === null || value === "false") return false;
  if (value === "true") return true;
  throw new ResponsesApiError(400, "invalid_value", `${name} must be true or false.`, name);
}

function integerQuery(req: CoreRequest, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const value = req.query.get(name);
  if (value === null) return undefined;
  const number = Number(value);
  if (value.trim() === "" || !Number.isInteger(number) || number < min || number > max) {
    throw new ResponsesApiError(
      400,
      "invalid_value",
      `${name} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`}.`,
      name,
    );
  }
  return number;
}

/** The Responses protocol (`/v1`): OpenAI-compatible responses and models in front of the given agents. */
export function responsesProtocol(options: ResponsesProtocolOptions): ProtocolFactory {
  return (ctx) => new ResponsesModule(ctx, options);
}
