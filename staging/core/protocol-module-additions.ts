// to merge into protocol-module.ts AppContext
import type { ErrorContext } from "./app.js";
import type { RateDecision } from "./http/rate-limit.js";
import type { CoreRequest } from "./http/types.js";
import type { SwitchboardLogger } from "./observability/logger.js";
import type { Metrics } from "./observability/metrics.js";

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
