import { randomBytes } from "node:crypto";
import { type AgentSessionHistory, validate } from "@switchboard/protocol/agents";
import { MAX_ID_LENGTH, oversizeParam } from "../../http/input-guard.js";
import { json, sse } from "../../http/response.js";
import { Router } from "../../http/router.js";
import type { CoreRequest, CoreResponse } from "../../http/types.js";
import type { Agent } from "../../runtime/agent/types.js";
import { abortReason } from "../../runtime/model/abort.js";
import type { EventBus } from "../../store/bus.js";
import { isStoreUnavailable } from "../../store/errors.js";
import { memorySessionStore } from "../../store/memory-sessions.js";
import { type SessionKey, type SessionStore, sessionKeyString } from "../../store/sessions.js";
import { DEFAULT_HEARTBEAT_MS, withHeartbeat } from "../../streaming/heartbeat.js";
import { type CoreSocket, offeredSubprotocols, type SocketHandlers, type UpgradeDecision } from "../../ws/types.js";
import type { AppContext, AppErrorCode, ProtocolFactory, ProtocolModule, ProtocolRoute } from "../protocol-module.js";
import type { DispatchJob, DispatchQueue } from "./dispatch.js";
import { dispatchQueueFrom, memoryDispatchStore } from "./dispatch-store.js";
import { AgentsProtocolError } from "./errors.js";
import {
  type AgentAuthorize,
  type AgentAuthorizeContext,
  type AgentsProtocolOptions,
  checkAuthorization,
  type DispatchedWork,
  type StartOptions,
} from "./options.js";
import {
  agentList,
  dispatchedPrompt,
  dispatchReceipt,
  HEALTH,
  isWebhook,
  promptSession,
  promptText,
  webhookInput,
  webhookQueueId,
  webhookReceipt,
} from "./pyflue.js";
import { ATTACH_TOPIC, Attachments, followStoredStream } from "./relay.js";
import { PromptRun, type RunOutcome } from "./run.js";
import { runPrompt } from "./runner.js";
import { AGENT_SUBPROTOCOL, AgentSocket } from "./socket.js";
import { runFrames } from "./stream.js";
import { StreamLogWriter } from "./stream-log.js";
import {
  abortedByRequest,
  acceptsEventStream,
  clientGone,
  errorFromOutcome,
  isClientGone,
  queueId,
  readBody,
  serialize,
  sessionKeyFor,
  toAgentError,
  toWireMessage,
} from "./wire.js";

export type {
  AgentAuthorize,
  AgentAuthorizeContext,
  AgentAuthorizeResult,
  AgentsProtocolOptions,
  DispatchedWork,
} from "./options.js";
export { toAgentError } from "./wire.js";

type Handler = (req: CoreRequest, params: Record<string, string>) => Promise<CoreResponse>;

const ABORT_TOPIC = "agents:abort";
/** Upper bound on how long the abort route waits for the aborted prompt to wind down. */
const ABORT_SETTLE_MS = 5_000;
/** Upper bound on how long `close()` waits for aborted streamed prompts to store their last events. */
const CLOSE_FLUSH_MS = 5_000;
/** Stream indexes are stored as 32-bit integers; a larger `Last-Event-ID` index is past any end. */
const MAX_INDEX = 2 ** 31 - 2;

class AgentsModule implements ProtocolModule {
  readonly name = "agents" as const;
  readonly #agents: Map<string, Agent>;
  readonly #authorizeHook: AgentAuthorize | undefined;
  readonly #store: SessionStore;
  /** The sessions of agents with `persist: false`. */
  readonly #volatile = memorySessionStore();
  readonly #queue: DispatchQueue;
  readonly #onSettled: ((job: DispatchedWork, outcome: RunOutcome) => void) | undefined;
  readonly #heartbeatMs: number;
  readonly #resumeWindowMs: number;
  readonly #reattachMs: number;
  readonly #env: Record<string, string | undefined>;
  readonly #limits: AppContext["limits"];
  readonly #ctx: AppContext;
  readonly #router = new Router<Handler>();
  /** The prompt attached to each session in this process (for abort). */
  readonly #active = new Map<string, PromptRun>();
  /** Streamed prompts still resumable with `Last-Event-ID`, by stream id. */
  readonly #streams = new Map<string, PromptRun>();
  readonly #timers = new Set<NodeJS.Timeout>();
  /** The stream log writers of this process's streamed prompts (only with a bus). */
  readonly #writers = new Map<PromptRun, StreamLogWriter>();
  readonly #sockets = new Set<AgentSocket>();
  readonly #closing = new AbortController();
  readonly #attachments: Attachments;
  readonly #bus: EventBus | undefined;
  readonly #subscriptions: Array<Promise<() => void>> = [];

  constructor(ctx: AppContext, options: AgentsProtocolOptions) {
    this.#agents = new Map(Object.entries(options.agents));
    this.#authorizeHook = options.authorize;
    this.#store = options.sessions ?? memorySessionStore();
    this.#queue = options.dispatch?.queue ?? dispatchQueueFrom(memoryDispatchStore());
    this.#onSettled = options.dispatch?.onSettled;
    this.#heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.#resumeWindowMs = options.resumeWindowMs ?? 30_000;
    this.#reattachMs = options.reattachMs ?? 5_000;
    this.#env = options.env ?? {};
    this.#limits = ctx.limits;
    this.#ctx = ctx;
    this.#attachments = new Attachments(this.#reattachMs, this.#closing.signal, (run) =>
      this.#writers.get(run)?.announce(),
    );
    this.#router
      .add("GET", "/health", async () => json(200, HEALTH))
      .add("GET", "/agents", async () => json(200, agentList(this.#agents.keys())))
      .add("POST", "/agents/:name/:id", (req, p) => this.#prompt(req, p))
      .add("GET", "/agents/:name/:id", async () => {
        throw new AgentsProtocolError(
          426,
          "upgrade_required",
          "GET on an agent instance opens a WebSocket; send the upgrade headers (or POST a prompt)",
          undefined,
          { upgrade: "websocket" },
        );
      })
      .add("POST", "/agents/:name/:id/dispatch", (req, p) => this.#dispatch(req, p))
      .add("GET", "/agents/:name/:id/sessions/:session", (req, p) => this.#history(req, p))
      .add("POST", "/agents/:name/:id/sessions/:session/abort", (req, p) => this.#abort(req, p));
    const stats = this.#queue.stats?.bind(this.#queue);
    if (ctx.metrics && stats) {
      ctx.metrics.sampled(
        "dispatch_queue_depth",
        "Dispatched prompts waiting or running",
        async () => (await stats()).depth,
      );
      ctx.metrics.sampled(
        "dispatch_queue_oldest_age_seconds",
        "Age of the oldest dispatched prompt still waiting or running",
        async () => (await stats()).oldestAgeMs / 1000,
      );
    }
    this.#queue.start(
      (job) => this.#runDispatch(job),
      (error) => {
        // A store outage is reported once by the app (as 503s begin); polling workers would
        // otherwise add a stack trace a second.
        if (isStoreUnavailable(error))
          ctx.logger.debug({ err: error }, "agents: dispatch queue cannot reach the store");
        else this.reportError(error);
      },
    );
    this.#bus = options.bus;
    if (this.#bus) {
      this.#subscriptions.push(
        this.#bus.subscribe(ABORT_TOPIC, (message) => {
          const key = (message as { key?: unknown } | null)?.key;
          if (typeof key === "string") this.#active.get(key)?.controller.abort(abortedByRequest());
        }),
        this.#bus.subscribe(ATTACH_TOPIC, (message) => {
          const streamId = (message as { streamId?: unknown } | null)?.streamId;
          const run = typeof streamId === "string" ? this.#streams.get(streamId) : undefined;
          if (run) this.#attachments.attachedElsewhere(run);
        }),
      );
    }
    for (const subscription of this.#subscriptions) {
      subscription.catch((error: unknown) => ctx.logger.error({ err: error }, "agents: bus subscription failed"));
    }
  }

  get routes(): ProtocolRoute[] {
    return this.#router.routes() as ProtocolRoute[];
  }

  owns(path: string): boolean {
    return path === "/health" || path === "/agents" || path.startsWith("/agents/");
  }

  async handle(req: CoreRequest): Promise<CoreResponse> {
    const match = this.#router.match(req.method, req.path);
    try {
      if (!match) throw new AgentsProtocolError(404, "route_not_found", `no route ${req.method} ${req.path}`);
      if ("methodNotAllowed" in match) {
        throw new AgentsProtocolError(
          405,
          "method_not_allowed",
          `${req.method} is not allowed on ${req.path}; use ${match.allow.join(" or ")}`,
          { allow: match.allow },
          { allow: match.allow.join(", ") },
        );
      }
      checkPathParams(match.params);
      return await match.handler(req, match.params);
    } catch (error) {
      if (error instanceof AgentsProtocolError) return error.toResponse();
      throw error;
    }
  }

  async upgrade(req: CoreRequest): Promise<UpgradeDecision> {
    const match = this.#router.match("GET", req.path);
    try {
      if (!match || "methodNotAllowed" in match || match.params.session !== undefined) {
        throw new AgentsProtocolError(404, "route_not_found", `no WebSocket endpoint at ${req.path}`);
      }
      checkPathParams(match.params);
      const { name, id } = match.params as { name: string; id: string };
      await this.authorize(req, { agent: name, id, session: undefined });
      this.#agent(name);
      const rich = offeredSubprotocols(req.header("sec-websocket-protocol")).includes(AGENT_SUBPROTOCOL);
      return {
        accept: (socket) => this.#openSocket(socket, req, name, id, rich),
        ...(rich ? { protocol: AGENT_SUBPROTOCOL } : {}),
      };
    } catch (error) {
      if (error instanceof AgentsProtocolError) return { reject: error.toResponse() };
      throw error;
    }
  }

  /**
   * Apart from `upgrade` so that the callback kept for the socket's lifetime closes over this
   * scope only, not over the upgrade's (which holds the request).
   */
  #openSocket(socket: CoreSocket, req: CoreRequest, name: string, id: string, rich: boolean): SocketHandlers {
    const agentSocket: AgentSocket = new AgentSocket(
      this,
      socket,
      req,
      name,
      id,
      rich,
      () => this.#sockets.delete(agentSocket),
      this.#ctx.socketRateLimit?.(req),
    );
    this.#sockets.add(agentSocket);
    return agentSocket.open();
  }

  /** The app's limits, which bound each socket's queued and running prompts. */
  get limits(): AppContext["limits"] {
    return this.#limits;
  }

  reportError(error: unknown): void {
    this.#ctx.reportError(error, { protocol: "agents" });
  }

  error(status: number, code: AppErrorCode, message: string, param?: string): CoreResponse {
    const type = code === "not_found" ? "route_not_found" : code;
    return new AgentsProtocolError(status, type, message, param ? { param } : undefined).toResponse();
  }

  async close(): Promise<void> {
    this.#closing.abort(new DOMException("the server is shutting down", "AbortError"));
    for (const socket of this.#sockets) socket.shutdown();
    for (const run of this.#active.values()) run.controller.abort(abortReason(this.#closing.signal));
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#attachments.clear();
    this.#streams.clear();
    // The aborted prompts' terminal events, so that followers elsewhere see their streams end.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.#writers.values()].map((writer) => writer.done)),
      new Promise((resolve) => {
        timer = setTimeout(resolve, CLOSE_FLUSH_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    for (const subscription of this.#subscriptions) (await subscription.catch(() => undefined))?.();
    await this.#queue.close();
  }

  // ─── Shared with AgentSocket ───────────────────────────────────────────────────────────────

  /** Whether an `authorize` hook is configured (a socket then keeps its upgrade request for it). */
  get authorizes(): boolean {
    return this.#authorizeHook !== undefined;
  }

  /** Runs the `authorize` hook; throws the 401/403 refusal. */
  authorize(request: CoreRequest, target: Omit<AgentAuthorizeContext, "request">): Promise<void> {
    return checkAuthorization(this.#authorizeHook, request, target);
  }

  /**
   * Takes the session's lock (waiting for it when `wait`) and starts the prompt in the background.
   * Throws 409 `session_busy` when the lock is held and `wait` is false.
   */
  async start(key: SessionKey, message: string, options: StartOptions): Promise<PromptRun> {
    const agent = this.#agent(key.agent);
    const lock = await this.#store.lock(key, { wait: options.wait, signal: this.#closing.signal });
    if (!lock) {
      throw new AgentsProtocolError(
        409,
        "session_busy",
        `session "${key.session}" of ${key.agent}/${key.id} is running another prompt; wait for it or abort it`,
      );
    }
    const run = new PromptRun(key);
    const name = sessionKeyString(key);
    this.#active.set(name, run);
    const settle = async (outcome: RunOutcome) => {
      if (this.#active.get(name) === run) this.#active.delete(name);
      this.#ctx.metrics?.runs.inc({ protocol: "agents", outcome: outcome.ok ? "ok" : outcome.error.type });
      // Released before the outcome is announced, so a client that prompts again at once is not refused.
      await lock
        .release()
        .catch((error: unknown) => this.#ctx.logger.warn({ err: error }, "agents: releasing a session lock failed"));
      run.finish(outcome);
    };
    void (async () => {
      try {
        let sessions = this.#store;
        const { result, messages } = await runPrompt({
          agent,
          key,
          env: this.#env,
          payload: options.payload,
          // An agent configured with `persist: false` keeps its sessions in this process only.
          history: (persist) => {
            if (!persist) sessions = this.#volatile;
            return sessions.load(key);
          },
          message,
          signal: run.signal,
          emit: (event) => run.emit(event),
        });
        if (run.signal.aborted) throw abortReason(run.signal);
        await sessions.append(key, messages);
        await settle({ ok: true, result });
      } catch (error) {
        // A client that went away did not withdraw its message (an abort does): the message it
        // was accepted with is kept, so the conversation goes on from it, whether or not the
        // answer was finished in time (DESIGN §4, "abandoned prompts").
        if (run.signal.aborted && isClientGone(run.signal.reason)) {
          await this.#store
            .append(key, [{ role: "user", content: message }])
            .catch((storeError: unknown) => this.reportError(storeError));
        }
        await settle({ ok: false, error: toAgentError(error, run.signal, (e) => this.reportError(e)) });
      }
    })();
    return run;
  }

  // ─── Routes ────────────────────────────────────────────────────────────────────────────────

  async #prompt(req: CoreRequest, params: Record<string, string>): Promise<CoreResponse> {
    const body = await readBody(req, this.#limits.maxBodyBytes, validate.AgentPromptRequest);
    const key = sessionKeyFor(params, promptSession(body));
    await this.authorize(req, key);
    this.#agent(key.agent);
    const message = promptText(body);
    if (isWebhook(req.header("x-webhook"))) return this.#webhook(key, message, body.payload);
    const streamed = acceptsEventStream(req.header("accept"));
    if (streamed) {
      const lastEventId = req.header("last-event-id");
      if (lastEventId !== undefined && lastEventId !== "") return this.#resume(req, key, lastEventId);
    }
    const run = await this.start(key, message, { wait: false, payload: body.payload });
    // pyflue's server names each invocation's run here; Flue's SDK shape (`create_flue_client`)
    // requires one. The stream id is the prompt's only id (as SSE, its `Last-Event-ID` prefix).
    const runHeader = { "x-flue-run-id": run.streamId };
    if (streamed) {
      await this.#hold(run);
      return sse(this.#sse(run, 0, req.signal), runHeader);
    }
    const onGone = () => run.controller.abort(clientGone());
    if (req.signal.aborted) onGone();
    else req.signal.addEventListener("abort", onGone, { once: true });
    const outcome = await run.finished.finally(() => req.signal.removeEventListener("abort", onGone));
    if (outcome.ok) return json(200, { result: outcome.result }, runHeader);
    return errorFromOutcome(outcome.error).toResponse();
  }

  /**
   * A stream of this process is followed from its events in memory. With a bus, a stream of
   * another process sharing the store is followed from the store's stream log (followStoredStream).
   */
  async #resume(req: CoreRequest, key: SessionKey, lastEventId: string): Promise<CoreResponse> {
    const match = /^(.+):(\d+)$/.exec(lastEventId);
    const notFound = () =>
      new AgentsProtocolError(
        404,
        "stream_not_found",
        `Last-Event-ID ${JSON.stringify(lastEventId)} names no stream of session "${key.session}" that is still held`,
        { param: "Last-Event-ID" },
      );
    if (!match) throw notFound();
    const streamId = match[1]!;
    const index = Math.min(Number(match[2]), MAX_INDEX);
    const run = this.#streams.get(streamId);
    if (run) {
      if (sessionKeyString(run.key) !== sessionKeyString(key)) throw notFound();
      return sse(this.#sse(run, Math.min(index + 1, run.events.length), req.signal));
    }
    if (!this.#bus) throw notFound();
    const stored = await this.#store.readStreamEvents(streamId, index);
    if (!stored || sessionKeyString(stored.key) !== sessionKeyString(key)) throw notFound();
    // Not clamped to the stored length: the client may have seen events the log does not hold yet.
    const relay = { store: this.#store, bus: this.#bus, resumeWindowMs: this.#resumeWindowMs };
    return sse(withHeartbeat(followStoredStream(relay, streamId, index + 1, req.signal), this.#heartbeatMs));
  }

  async *#sse(run: PromptRun, from: number, signal: AbortSignal): AsyncGenerator<string> {
    this.#attachments.attach(run);
    try {
      yield* withHeartbeat(runFrames(run, from, signal), this.#heartbeatMs);
    } finally {
      this.#attachments.detach(run);
    }
  }

  async #dispatch(req: CoreRequest, params: Record<string, string>): Promise<CoreResponse> {
    const body = await readBody(req, this.#limits.maxBodyBytes, validate.AgentDispatchRequest);
    const key = sessionKeyFor(params, body.session);
    await this.authorize(req, key);
    this.#agent(key.agent);
    if (serialize(body.input) === undefined) {
      throw new AgentsProtocolError(400, "validation_failed", "input is not serializable as JSON", {
        param: "input",
        pointer: "/input",
      });
    }
    const dispatchId = body.dispatchId ?? `dsp_${randomBytes(12).toString("hex")}`;
    const acceptedAt = new Date().toISOString();
    const admission = await this.#queue.enqueue({
      ...key,
      dispatchId: queueId(key, dispatchId),
      input: body.input,
      acceptedAt,
    });
    return json(202, dispatchReceipt(dispatchId, admission?.acceptedAt ?? acceptedAt));
  }

  /** pyflue's webhook mode: the prompt is queued like dispatched work and answered at once. */
  async #webhook(key: SessionKey, message: string, payload: unknown): Promise<CoreResponse> {
    const dispatchId = `run_${randomBytes(12).toString("hex")}`;
    const acceptedAt = new Date().toISOString();
    const admission = await this.#queue.enqueue({
      ...key,
      dispatchId: webhookQueueId(key, dispatchId),
      input: webhookInput(message, payload),
      acceptedAt,
    });
    const receipt = webhookReceipt(dispatchId, admission?.acceptedAt ?? acceptedAt);
    return json(202, receipt, { "x-flue-run-id": dispatchId });
  }

  /**
   * One attempt at a dispatched job. A prompt that fails rejects, so the queue retries it; one
   * stopped by the session abort route is done. At shutdown the run is aborted and rejects, and
   * the queue hands the job back for a later process.
   */
  async #runDispatch(job: DispatchJob): Promise<void> {
    const key: SessionKey = { agent: job.agent, id: job.id, session: job.session };
    const prompt = dispatchedPrompt(job);
    const work: DispatchedWork = { ...key, dispatchId: prompt.dispatchId, input: job.input };
    let outcome: RunOutcome;
    try {
      const run = await this.start(key, prompt.message, { wait: true, payload: prompt.payload });
      outcome = await run.finished;
    } catch (error) {
      outcome = { ok: false, error: toAgentError(error, this.#closing.signal, (e) => this.reportError(e)) };
    }
    this.#onSettled?.(work, outcome);
    if (outcome.ok) return;
    if (this.#closing.signal.aborted) throw abortReason(this.#closing.signal);
    if (outcome.error.type === "aborted") return;
    throw new Error(outcome.error.message);
  }

  async #history(req: CoreRequest, params: Record<string, string>): Promise<CoreResponse> {
    const key = sessionKeyFor(params, params.session);
    await this.authorize(req, key);
    this.#agent(key.agent);
    // A session is in one of the two stores, depending on the agent's `persist`.
    const durable = await this.#store.load(key);
    const messages = durable.length > 0 ? durable : await this.#volatile.load(key);
    const history: AgentSessionHistory = {
      name: key.agent,
      id: key.id,
      session: key.session,
      messages: messages.flatMap(toWireMessage),
    };
    return json(200, history);
  }

  async #abort(req: CoreRequest, params: Record<string, string>): Promise<CoreResponse> {
    const key = sessionKeyFor(params, params.session);
    await this.authorize(req, key);
    this.#agent(key.agent);
    const run = this.#active.get(sessionKeyString(key));
    if (!run) return json(200, { aborted: await this.#abortElsewhere(key) });
    run.controller.abort(abortedByRequest());
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      run.finished,
      new Promise((resolve) => {
        timer = setTimeout(resolve, ABORT_SETTLE_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    return json(200, { aborted: true });
  }

  /**
   * No prompt of this session runs here. When the store's lock says one runs in another process,
   * the bus tells that process to stop it.
   */
  async #abortElsewhere(key: SessionKey): Promise<boolean> {
    if (!this.#bus) return false;
    const lock = await this.#store.lock(key, { wait: false });
    if (lock) {
      await lock.release();
      return false;
    }
    await this.#bus.publish(ABORT_TOPIC, { key: sessionKeyString(key) });
    return true;
  }

  // ─── Helpers ───────────────────────────────────────────────────────────────────────────────

  #agent(name: string): Agent {
    const agent = this.#agents.get(name);
    if (!agent) throw new AgentsProtocolError(404, "agent_not_found", `no agent named ${JSON.stringify(name)}`);
    return agent;
  }

  /**
   * Keeps a streamed run resumable until `resumeWindowMs` after it ends: here from memory, and
   * with a bus, in every process sharing the store from the store's stream log.
   */
  async #hold(run: PromptRun): Promise<void> {
    this.#streams.set(run.streamId, run);
    let writer: StreamLogWriter | undefined;
    if (this.#bus) {
      writer = new StreamLogWriter(run, this.#store, this.#bus, this.#resumeWindowMs, () =>
        this.#attachments.followedElsewhere(run),
      );
      this.#writers.set(run, writer);
      void writer.done.then(() => this.#writers.delete(run));
    }
    void run.finished.then(() => {
      if (this.#closing.signal.aborted) return;
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#streams.delete(run.streamId);
      }, this.#resumeWindowMs);
      timer.unref();
      this.#timers.add(timer);
    });
    await writer?.begin();
  }
}

/** The instance-agent protocol (`/agents/{name}/{id}`) as an app module. */
export function agentsProtocol(options: AgentsProtocolOptions): ProtocolFactory {
  return (ctx) => new AgentsModule(ctx, options);
}

export type { AgentsModule };

/** Names, ids and sessions in a path are at most `MAX_ID_LENGTH` characters (they are stored and indexed). */
function checkPathParams(params: Record<string, string>): void {
  const long = oversizeParam(params);
  if (long === undefined) return;
  throw new AgentsProtocolError(400, "validation_failed", `${long} is longer than ${MAX_ID_LENGTH} characters`, {
    param: long,
  });
}
