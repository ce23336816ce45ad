import type { AgentErrorType } from "@switchboard/protocol/agents";
import type { WorkflowHttpErrorType } from "@switchboard/protocol/workflows";
import type { RateDecision } from "../http/rate-limit.js";
import type { CoreRequest, CoreResponse } from "../http/types.js";
import type { SwitchboardLogger } from "../observability/logger.js";
import type { Metrics } from "../observability/metrics.js";
import type { UpgradeDecision } from "../ws/types.js";

/** Where an error reported to `onError` happened. */
export interface ErrorContext {
  protocol: ProtocolModule["name"];
  /** The request's id (also in its access line and `X-Request-Id`); absent for background work. */
  requestId?: string;
  method?: string;
  path?: string;
}

/** What the app shares with every protocol it mounts. */
export interface AppContext {
  limits: {
    /** Largest accepted request body (default 1 MiB); larger → 413 in the protocol's envelope. */
    maxBodyBytes: number;
    /** Largest accepted WebSocket frame (default 1 MiB); larger → close 1009. */
    maxFrameBytes: number;
    /**
     * Prompts one socket may have waiting behind the running one (default 32); more are answered
     * `too_many_requests` at once.
     */
    maxQueuedPrompts: number;
    /**
     * Requests one socket may have running at once (default 16): agent prompts with a
     * `requestId`, Responses WebSocket-mode `response.create`s. More are answered
     * `too_many_requests`.
     */
    maxSocketInFlight: number;
    /** Open WebSockets the whole app allows (default 10 000); more upgrades get 503. */
    maxSockets: number;
    /** How long a workflow socket may wait before its init or resume frame (default 10 s). */
    socketInitTimeoutMs: number;
  };
  logger: SwitchboardLogger;
  metrics: Metrics | undefined;
  /** Logs an unexpected error and tells the app's `onError` hook. */
  reportError(error: unknown, context: ErrorContext): void;
  /**
   * With a rate limit: a function taking one token of the upgrade request's client per frame
   * that starts work on a socket; `undefined` when the app has no rate limit.
   */
  socketRateLimit: ((req: CoreRequest) => () => RateDecision) | undefined;
}

/**
 * The codes the app reports its cross-cutting failures with (`unauthorized`, `payload_too_large`
 * …): error types the agents and workflows protocols both define, plus `not_found` (a WebSocket
 * upgrade on a module without sockets), which each module names in its own words. The Responses
 * protocol maps them onto OpenAI's codes.
 */
export type AppErrorCode = Extract<AgentErrorType, WorkflowHttpErrorType> | "not_found";

/**
 * One wire protocol mounted in a Switchboard app. The app routes a request to the first module
 * that `owns` its path; that module then answers everything under it, including its own 404 and
 * 405 in its own error envelope. The app itself only enforces cross-cutting rules (API key, body
 * size) and reports their failures through `error`, so every status is in the right envelope.
 */
export interface ProtocolModule {
  readonly name: "responses" | "agents" | "workflows";
  owns(path: string): boolean;
  /**
   * The protocol's HTTP routes, for frameworks that keep a route table (Fastify registers them).
   * Other methods and paths it `owns` still reach `handle`, which answers 404/405 itself.
   */
  readonly routes?: readonly ProtocolRoute[];
  handle(req: CoreRequest): Promise<CoreResponse>;
  /** WebSocket upgrade on an owned path; modules without sockets refuse with their 404. */
  upgrade?(req: CoreRequest): Promise<UpgradeDecision>;
  /** This protocol's error envelope (401 unauthorized, 413 too large, 404 …). */
  error(status: number, code: AppErrorCode, message: string, param?: string): CoreResponse;
  /** Stops timers and aborts background work. */
  close?(): Promise<void>;
}

/** One HTTP route of a protocol, its parameters written `:name` (`/v1/responses/:id`). */
export interface ProtocolRoute {
  method: "GET" | "POST" | "DELETE";
  path: string;
}

export type ProtocolFactory = (ctx: AppContext) => ProtocolModule;
