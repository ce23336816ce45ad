// The instance-agent protocol (`/agents/{name}/{id}`) as an app module: it wires the parts
// together from the options, hands requests to the routes (routes.ts) and upgrades to a
// WebSocket (socket.ts), and shuts everything down in order. The work itself is in the parts:
// sessions and their prompts (sessions.ts), resumable streams (streams.ts), dispatched work
// (dispatcher.ts).

import { MAX_ID_LENGTH, oversizeParam } from "../../http/input-guard.js";
import type { Router } from "../../http/router.js";
import type { CoreRequest, CoreResponse } from "../../http/types.js";
import { lastingSubscription } from "../../store/bus.js";
import { memorySessionStore } from "../../store/memory-sessions.js";
import type { SessionKey } from "../../store/sessions.js";
import { DEFAULT_HEARTBEAT_MS } from "../../streaming/heartbeat.js";
import { type CoreSocket, offeredSubprotocols, type SocketHandlers, type UpgradeDecision } from "../../ws/types.js";
import type { AppContext, AppErrorCode, ProtocolFactory, ProtocolModule, ProtocolRoute } from "../protocol-module.js";
import { memoryDispatchStore } from "./dispatch-memory.js";
import { dispatchQueueFrom } from "./dispatch-worker.js";
import { Dispatcher } from "./dispatcher.js";
import { AgentsProtocolError } from "./errors.js";
import {
  type AgentAuthorize,
  type AgentAuthorizeContext,
  type AgentsProtocolOptions,
  checkAuthorization,
  type StartOptions,
} from "./options.js";
import { agentRouter, type RouteHandler } from "./routes.js";
import type { PromptRun } from "./run.js";
import { AgentSessions } from "./sessions.js";
import { AGENT_SUBPROTOCOL, AgentSocket } from "./socket.js";
import { ResumableStreams } from "./streams.js";

export type {
  AgentAuthorize,
  AgentAuthorizeContext,
  AgentAuthorizeResult,
  AgentsProtocolOptions,
  DispatchedWork,
} from "./options.js";
export { toAgentError } from "./wire.js";

class AgentsModule implements ProtocolModule {
  readonly name = "agents" as const;
  readonly #authorizeHook: AgentAuthorize | undefined;
  readonly #limits: AppContext["limits"];
  readonly #ctx: AppContext;
  readonly #sessions: AgentSessions;
  readonly #streams: ResumableStreams;
  readonly #dispatcher: Dispatcher;
  readonly #router: Router<RouteHandler>;
  readonly #sockets = new Set<AgentSocket>();
  readonly #closing = new AbortController();
  readonly #subscriptions: Array<Promise<(() => void) | undefined>> = [];

  constructor(ctx: AppContext, options: AgentsProtocolOptions) {
    this.#authorizeHook = options.authorize;
    this.#limits = ctx.limits;
    this.#ctx = ctx;
    const store = options.sessions ?? memorySessionStore();
    const bus = options.bus;
    const reportError = (error: unknown) => this.reportError(error);
    this.#sessions = new AgentSessions({
      agents: options.agents,
      store,
      env: options.env ?? {},
      bus,
      closing: this.#closing.signal,
      ctx,
      reportError,
    });
    this.#streams = new ResumableStreams({
      store,
      bus,
      heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      resumeWindowMs: options.resumeWindowMs ?? 30_000,
      reattachMs: options.reattachMs ?? 5_000,
      closing: this.#closing.signal,
    });
    this.#dispatcher = new Dispatcher({
      queue: options.dispatch?.queue ?? dispatchQueueFrom(memoryDispatchStore()),
      onSettled: options.dispatch?.onSettled,
      // Through `start`, so that a job naming an agent this process does not serve fails (and is retried).
      start: (key, message, startOptions) => this.start(key, message, startOptions),
      closing: this.#closing.signal,
      reportError,
    });
    this.#router = agentRouter({
      sessions: this.#sessions,
      streams: this.#streams,
      dispatcher: this.#dispatcher,
      limits: this.#limits,
      authorize: (req, target) => this.authorize(req, target),
    });
    this.#dispatcher.start(ctx);
    if (options.bus) {
      const lasting = { closing: this.#closing.signal, logger: ctx.logger, what: "agents" };
      this.#subscriptions.push(
        lastingSubscription(() => this.#sessions.subscribe(), lasting),
        lastingSubscription(() => this.#streams.subscribe(), lasting),
      );
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
      this.#sessions.agent(name);
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
    this.#sessions.abortAll();
    // The aborted prompts' terminal events, so that followers elsewhere see their streams end.
    await this.#streams.close();
    for (const subscription of this.#subscriptions) (await subscription)?.();
    await this.#dispatcher.close();
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
  start(key: SessionKey, message: string, options: StartOptions): Promise<PromptRun> {
    return this.#sessions.start(key, message, options);
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
