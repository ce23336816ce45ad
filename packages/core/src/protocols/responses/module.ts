import type {
  CreateResponse,
  DeletedResponse,
  ModelInfo,
  ModelList,
  ResponseItemList,
  ResponseStreamEvent,
} from "@switchboard/protocol/responses";
import { validate } from "@switchboard/protocol/responses";
import { MAX_ID_LENGTH, oversizeParam } from "../../http/input-guard.js";
import { readJson } from "../../http/read-json.js";
import { framedStream, json, sse, sseFrame } from "../../http/response.js";
import { Router } from "../../http/router.js";
import type { CoreRequest, CoreResponse } from "../../http/types.js";
import type { Agent } from "../../runtime/agent/types.js";
import { ModelError } from "../../runtime/model/errors.js";
import { type EventBus, memoryBus } from "../../store/bus.js";
import { type ConversationStore, memoryConversationStore } from "../../store/conversations.js";
import { memoryResponseStore } from "../../store/memory-responses.js";
import type { ResponseStore } from "../../store/responses.js";
import { DEFAULT_HEARTBEAT_MS, withHeartbeat } from "../../streaming/heartbeat.js";
import type { UpgradeDecision } from "../../ws/types.js";
import type { AppContext, AppErrorCode, ProtocolFactory, ProtocolModule, ProtocolRoute } from "../protocol-module.js";
import { StoredResponses } from "./background.js";
import { ResponseBuilder } from "./builder.js";
import { createChatCompletion } from "./chat.js";
import { booleanQuery, checkToolNames, integerQuery, precheck } from "./checks.js";
import { compact } from "./compact.js";
import { ConversationsApi } from "./conversations.js";
import { appError, notFound, ResponsesApiError, validationError } from "./errors.js";
import { type HistorySources, loadHistory, truncateToContext } from "./history.js";
import { newId, nowSeconds } from "./ids.js";
import { initialResponse } from "./initial.js";
import type { HistoryItem } from "./input.js";
import { listQuery } from "./list-query.js";
import { LiveRun, type ResponseSignal, responseTopic } from "./live.js";
import { resolveParameters } from "./parameters.js";
import { ResponseRuns } from "./run.js";
import { ResponsesSocket } from "./socket.js";
import { outputFormat } from "./structured.js";
import { inputTokens } from "./tokens.js";
import { abortWhenClosed, type TurnHost } from "./turn.js";

export interface ResponsesProtocolOptions {
  /** The served agents by name: a request's `model` picks one, and `/v1/models` lists them. */
  agents: Record<string, Agent>;
  /** Stored responses, input items and event logs; in memory by default. */
  store?: ResponseStore;
  /** Conversations (`/v1/conversations`); in memory by default. Share it between processes as `store`. */
  conversations?: ConversationStore;
  /**
   * Live events between processes sharing `store`: replays follow a response running in another
   * process, and cancel and delete reach it. In memory (this process only) by default.
   */
  bus?: EventBus;
  /** `owned_by` of every entry of `/v1/models` (default `switchboard`). */
  ownedBy?: string;
  /** Handed to agent factories as `ctx.env`. */
  env?: Record<string, string | undefined>;
  /** Interval of the SSE `: keep-alive` comment on a quiet stream (default 15 s). */
  heartbeatMs?: number;
}

type Handler = (req: CoreRequest, params: Record<string, string>) => Promise<CoreResponse>;

/** How long `close()` waits for aborted runs to record their outcome. */
const CLOSE_WAIT_MS = 5000;
const SSE_DONE = sseFrame({ data: "[DONE]" });

class ResponsesModule implements ProtocolModule {
  readonly name = "responses" as const;
  readonly #agents: Map<string, Agent>;
  readonly #store: ResponseStore;
  readonly #ownsStore: boolean;
  readonly #bus: EventBus;
  readonly #limits: AppContext["limits"];
  readonly #ownedBy: string;
  readonly #env: Record<string, string | undefined>;
  readonly #heartbeatMs: number;
  readonly #startedAt = nowSeconds();
  readonly #router = new Router<Handler>();
  /** Stored responses: their logs, freshest states and cancellation, across processes. */
  readonly #stored: StoredResponses;
  readonly #runs: ResponseRuns;
  /** Open WebSocket-mode sockets, closed with 1001 on shutdown. */
  readonly #sockets = new Set<ResponsesSocket>();
  readonly #conversations: ConversationsApi;
  readonly #sources: HistorySources;

  constructor(ctx: AppContext, options: ResponsesProtocolOptions) {
    this.#agents = new Map(Object.entries(options.agents));
    this.#store = options.store ?? memoryResponseStore();
    this.#ownsStore = options.store === undefined;
    this.#bus = options.bus ?? memoryBus();
    this.#stored = new StoredResponses(this.#store, this.#bus);
    this.#runs = new ResponseRuns(this.#store, this.#bus, this.#stored);
    this.#limits = ctx.limits;
    this.#ownedBy = options.ownedBy ?? "switchboard";
    this.#env = options.env ?? {};
    this.#heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    const conversations = new ConversationsApi(
      options.conversations ?? memoryConversationStore(),
      this.#store,
      ctx.limits.maxBodyBytes,
    );
    this.#conversations = conversations;
    this.#sources = { store: this.#store, stored: this.#stored, conversations: conversations.store };
    const limit = ctx.limits.maxBodyBytes;
    this.#router
      .add("POST", "/v1/responses", (req) => this.#create(req))
      .add("GET", "/v1/responses", async () => upgradeRequired())
      .add("POST", "/v1/chat/completions", (req) =>
        createChatCompletion(req, this.#turns, {
          maxBodyBytes: this.#limits.maxBodyBytes,
          heartbeatMs: this.#heartbeatMs,
        }),
      )
      .add("POST", "/v1/responses/input_tokens", (req) =>
        inputTokens(req, this.#agents, this.#sources, limit, this.#env),
      )
      .add("POST", "/v1/responses/compact", (req) => compact(req, this.#agents, this.#sources, limit, this.#env))
      .add("GET", "/v1/responses/:id", (req, p) => this.#retrieve(req, p.id!))
      .add("DELETE", "/v1/responses/:id", (_req, p) => this.#delete(p.id!))
      .add("POST", "/v1/responses/:id/cancel", (_req, p) => this.#cancel(p.id!))
      .add("GET", "/v1/responses/:id/input_items", (req, p) => this.#inputItems(req, p.id!))
      .add("POST", "/v1/conversations", (req) => conversations.create(req))
      .add("GET", "/v1/conversations/:id", (_req, p) => conversations.retrieve(p.id!))
      .add("POST", "/v1/conversations/:id", (req, p) => conversations.update(req, p.id!))
      .add("DELETE", "/v1/conversations/:id", (_req, p) => conversations.delete(p.id!))
      .add("GET", "/v1/conversations/:id/items", (req, p) => conversations.listItems(req, p.id!))
      .add("POST", "/v1/conversations/:id/items", (req, p) => conversations.createItems(req, p.id!))
      .add("GET", "/v1/conversations/:id/items/:item", (_req, p) => conversations.retrieveItem(p.id!, p.item!))
      .add("DELETE", "/v1/conversations/:id/items/:item", (_req, p) => conversations.deleteItem(p.id!, p.item!))
      .add("GET", "/v1/models", async () => this.#models())
      .add("GET", "/v1/models/:model", async (_req, p) => this.#model(p.model!));
  }

  get routes(): ProtocolRoute[] {
    return this.#router.routes() as ProtocolRoute[];
  }

  owns(path: string): boolean {
    return path === "/v1" || path.startsWith("/v1/");
  }

  error(status: number, code: AppErrorCode, message: string, param?: string): CoreResponse {
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
      if (oversizeParam(match.params) !== undefined) {
        throw new ResponsesApiError(
          400,
          "invalid_value",
          `response_id is longer than ${MAX_ID_LENGTH} characters`,
          "response_id",
        );
      }
      return await match.handler(req, match.params);
    } catch (error) {
      if (error instanceof ResponsesApiError) return error.toResponse();
      throw error;
    }
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.shutdown();
    await this.#runs.close(CLOSE_WAIT_MS);
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

    const stored = request.store !== false;
    const background = request.background === true;
    if (background && !stored) {
      throw new ResponsesApiError(400, "invalid_value", "background requires store to be true.", "background");
    }
    // Nobody reads the events of a response that is neither streamed nor in the background: they
    // need no snapshots, and it is stored (if at all) once it has finished.
    const quiet = !background && request.stream !== true;
    const { run, config, parameters, messages } = await this.#prepare(request, { background, quiet });
    const { builder } = run;

    if (background) {
      // Stored before answering, so that the id the client gets can be retrieved at once.
      await this.#runs.begin(run);
      const created = structuredClone(builder.response);
      void this.#runs.drain(this.#runs.execute(run, config, parameters, messages, run.controller.signal));
      if (request.stream) return this.#sse(this.#stored.follow(created.id, -1, req.signal));
      return json(200, created);
    }

    // Closing the connection aborts a response that is not running in the background.
    const { controller } = run;
    abortWhenClosed(req, controller, run.finished);
    if (quiet) {
      // A failing store is a 500 here; a failing agent is a response with status `failed`.
      await this.#runs.complete(run, config, parameters, messages, controller.signal);
      return json(200, builder.response);
    }
    return this.#sse(this.#runs.execute(run, config, parameters, messages, controller.signal));
  }

  /**
   * Checks a create request against its agent and builds its run: shared by `POST /v1/responses`,
   * WebSocket mode and Chat Completions. `remembered` (a socket's memory of the previous
   * response's history) stands in for the stored chain of `previous_response_id`.
   */
  async #prepare(
    request: CreateResponse,
    options: { background?: boolean; quiet?: boolean; remembered?: readonly HistoryItem[] } = {},
  ) {
    const agent = this.#agents.get(request.model);
    if (!agent) throw notFound("model", request.model, "model");
    const id = newId("resp");
    // Each response is its own agent instance: the factory sees the response id.
    const config = await agent.configure({ id, env: this.#env });
    const parameters = resolveParameters(request, config.model);
    checkToolNames(request, config);
    const format = outputFormat(parameters.responseFormat);
    const history = await loadHistory(this.#sources, request, options.remembered);
    const { inputItems, conversationId } = history;
    const messages = parameters.truncate
      ? await truncateToContext(config.model, history.messages, parameters)
      : history.messages;
    const builder = new ResponseBuilder(initialResponse(id, request, options.background === true, conversationId), {
      copies: options.quiet !== true,
    });
    const run = new LiveRun(builder, request.store !== false, inputItems);
    run.format = format;
    if (conversationId !== null) {
      const conversations = this.#sources.conversations;
      run.conclude = async (response) => {
        if (!(await conversations.appendItems(conversationId, [...inputItems, ...response.output]))) {
          // The client's doing, not a fault here: reported on the response like a model's failure.
          throw new ModelError(`The conversation '${conversationId}' was deleted while the response ran.`, {
            code: "conversation_not_found",
            retryable: false,
          });
        }
      };
    }
    return { run, config, parameters, messages, earlier: history.earlier, inputItems };
  }

  /** `#prepare` for WebSocket mode and Chat Completions, which stream every response's events. */
  readonly #turns: TurnHost = {
    prepare: async (request, remembered) => {
      const prepared = await this.#prepare(request, remembered ? { remembered } : {});
      const { run, config, parameters, messages } = prepared;
      return {
        earlier: prepared.earlier,
        inputItems: prepared.inputItems,
        controller: run.controller,
        finished: run.finished,
        response: run.builder.response,
        events: () => this.#runs.execute(run, config, parameters, messages, run.controller.signal),
      };
    },
  };

  // ---------------------------------------------------------------------------------------------
  // WebSocket mode: GET /v1/responses upgraded
  // ---------------------------------------------------------------------------------------------

  async upgrade(req: CoreRequest): Promise<UpgradeDecision> {
    if (req.path !== "/v1/responses") {
      return { reject: new ResponsesApiError(404, "not_found", `No WebSocket endpoint at ${req.path}.`).toResponse() };
    }
    return {
      accept: (socket) => {
        const handlers = new ResponsesSocket(this.#turns, socket, () => this.#sockets.delete(handlers));
        this.#sockets.add(handlers);
        return handlers;
      },
    };
  }

  #sse(events: AsyncIterable<ResponseStreamEvent>): CoreResponse {
    const frames = framedStream(events, (event) => sseFrame({ event: event.type, data: event }), SSE_DONE);
    return sse(withHeartbeat(frames, this.#heartbeatMs));
  }

  // ---------------------------------------------------------------------------------------------
  // Stored responses
  // ---------------------------------------------------------------------------------------------

  async #retrieve(req: CoreRequest, id: string): Promise<CoreResponse> {
    const stream = booleanQuery(req, "stream");
    const startingAfter = integerQuery(req, "starting_after", -1);
    const response = await this.#stored.fresh(id);
    if (!response) throw notFound("response", id);
    if (!stream) return json(200, response);
    return this.#sse(this.#stored.follow(id, startingAfter ?? -1, req.signal));
  }

  async #delete(id: string): Promise<CoreResponse> {
    const run = this.#stored.live.get(id);
    if (run) {
      run.deleted = true;
      run.controller.abort(new DOMException("the response was deleted", "AbortError"));
      this.#stored.live.delete(id);
    } else {
      await this.#bus.publish(responseTopic(id), { kind: "delete" } satisfies ResponseSignal);
    }
    if (!(await this.#store.deleteResponse(id)) && !run) throw notFound("response", id);
    const body: DeletedResponse = { id, object: "response.deleted", deleted: true };
    return json(200, body);
  }

  async #cancel(id: string): Promise<CoreResponse> {
    return json(200, await this.#stored.cancel(id));
  }

  async #inputItems(req: CoreRequest, id: string): Promise<CoreResponse> {
    const { limit, order, after } = listQuery(req);
    if (!(await this.#stored.fresh(id))) throw notFound("response", id);
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

/** A plain `GET /v1/responses`: the route only serves WebSocket upgrades. */
function upgradeRequired(): CoreResponse {
  return new ResponsesApiError(
    426,
    "upgrade_required",
    "GET /v1/responses serves WebSocket mode only: open a WebSocket, or POST to create a response.",
    null,
    { upgrade: "websocket" },
  ).toResponse();
}

/** The Responses protocol (`/v1`): OpenAI-compatible responses and models in front of the given agents. */
export function responsesProtocol(options: ResponsesProtocolOptions): ProtocolFactory {
  return (ctx) => new ResponsesModule(ctx, options);
}
