import { normalizeBasePath, rebase } from "./http/base-path.js";
import { type CorsOptions, CorsPolicy } from "./http/cors.js";
import { BadInputError, duplicateQueryFault, pathFault } from "./http/input-guard.js";
import { clientOf, type RateDecision, RateLimiter, type RateLimitOptions } from "./http/rate-limit.js";
import { type CoreRequest, type CoreResponse, PayloadTooLargeError } from "./http/types.js";
import { RequestRecord, requestIdOf } from "./observability/access.js";
import { createLogger, type SwitchboardLogger } from "./observability/logger.js";
import { Metrics, type MetricsOptions } from "./observability/metrics.js";
import { OUTAGE_RETRY_AFTER_SECONDS, OutageMonitor } from "./observability/outage.js";
import type {
  AppContext,
  ErrorContext,
  ProtocolFactory,
  ProtocolModule,
  ProtocolRoute,
} from "./protocols/protocol-module.js";
import { isStoreUnavailable } from "./store/errors.js";
import { guardAccept, SocketCount } from "./ws/guard.js";

export type { ErrorContext };

import type { UpgradeDecision } from "./ws/types.js";

export interface SwitchboardOptions {
  protocols: ProtocolFactory[];
  /** When set, every owned route requires `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  limits?: Partial<AppContext["limits"]>;
  /**
   * Where the protocols answer when the server hands the core full paths (the WebSocket bridge,
   * `listen()`, a bare fetch handler): with `"/ai"`, `/ai/v1/responses` is the Responses create
   * and `/v1/responses` is left to the app. A framework mount (Express `app.use("/ai", …)`,
   * Fastify's `prefix`, Hono's `app.route("/ai", …)`) already takes its own prefix off; this
   * one is applied below it.
   */
  basePath?: string;
  /** Browser origins allowed to call the server (CORS) and to open WebSockets; none by default. */
  cors?: CorsOptions;
  /** A token bucket per API key, else per client address; off by default. Per process. */
  rateLimit?: RateLimitOptions;
  /** Where Switchboard logs; a pino logger at `SWITCHBOARD_LOG_LEVEL` (default `warn`) on stderr by default. */
  logger?: SwitchboardLogger;
  /** Called with every unexpected error (the ones answered `internal_error`), after it is logged. */
  onError?: (error: unknown, context: ErrorContext) => void;
  /** Prometheus metrics (`switchboard.metrics`); off by default. */
  metrics?: boolean | MetricsOptions;
  /**
   * Resolves when the store is reachable (`store.ping`): probed during a store outage to say
   * when it ends, and what a readiness route asks.
   */
  ready?: () => Promise<unknown>;
}

/** The framework-free application every adapter drives. */
export interface Switchboard {
  /** Answers a request, or `undefined` when no protocol owns the path (the framework's next handler runs). */
  handle(req: CoreRequest): Promise<CoreResponse | undefined>;
  /** Decides a WebSocket upgrade before the handshake; `undefined` when no protocol owns the path. */
  upgrade(req: CoreRequest): Promise<UpgradeDecision | undefined>;
  readonly limits: AppContext["limits"];
  /** The protocols' HTTP routes, `basePath` included, for frameworks that keep a route table. */
  routes(): ProtocolRoute[];
  /** The normalized `basePath` (`""` at the root, else `/ai` without a trailing slash). */
  readonly basePath: string;
  /** The logger the app and its protocols write to. */
  readonly logger?: SwitchboardLogger;
  /** The app's Prometheus metrics, when enabled. */
  readonly metrics?: Metrics;
  /** Resolves when the store is reachable (from the `ready` option); absent without one. */
  ready?(): Promise<unknown>;
  close(): Promise<void>;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: AppContext["limits"] = {
  maxBodyBytes: MiB,
  maxFrameBytes: MiB,
  maxQueuedPrompts: 32,
  maxSocketInFlight: 16,
  maxSockets: 10_000,
  socketInitTimeoutMs: 10_000,
};

/**
 * The context protocols are mounted with, for a module used outside `createSwitchboard` (tests,
 * a host of its own); defaults as `createSwitchboard` has them, no rate limit, no metrics.
 */
export function createAppContext(
  options: Pick<SwitchboardOptions, "limits" | "logger" | "onError" | "metrics" | "apiKey"> = {},
  limiter?: RateLimiter,
): AppContext {
  const logger = options.logger ?? createLogger();
  const metrics = options.metrics === true ? new Metrics() : options.metrics ? new Metrics(options.metrics) : undefined;
  return {
    limits: { ...DEFAULT_LIMITS, ...definedOnly(options.limits) },
    logger,
    metrics,
    reportError(error, context) {
      logger.error({ err: error, ...context }, `${context.protocol}: unexpected error`);
      try {
        options.onError?.(error, context);
      } catch (hookError) {
        logger.error({ err: hookError }, "the onError hook threw");
      }
    },
    socketRateLimit: limiter
      ? (req) => {
          // As for requests: a token names the bucket only when it is the server's key.
          const client = clientOf(req, options.apiKey ? credential(req) : undefined);
          return () => limiter.take(client);
        }
      : undefined,
  };
}

export function createSwitchboard(options: SwitchboardOptions): Switchboard {
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
  const base = createAppContext(options, limiter);
  const { limits, logger, metrics, reportError } = base;
  const cors = new CorsPolicy(options.cors);
  const outage = new OutageMonitor(logger, options.ready);
  // Work a module does outside a request (a prompt's history, a dispatched job) that finds the
  // store unreachable is part of the same outage requests report: one line for the outage, not
  // an "unexpected error" for each failure.
  const ctx: AppContext = {
    ...base,
    reportError: (error, context) => (isStoreUnavailable(error) ? outage.failed(error) : reportError(error, context)),
  };
  const sockets = new SocketCount(limits.maxSockets, metrics);
  const apiKey = options.apiKey || undefined;
  const basePath = normalizeBasePath(options.basePath);
  const modules = options.protocols.map((factory) => factory(ctx));

  const route = (path: string): ProtocolModule | undefined => {
    for (const module of modules) if (module.owns(path)) return module;
    return undefined;
  };

  /** The refusals every owned request meets before its protocol sees it, in this order. */
  const admission = (module: ProtocolModule, req: CoreRequest, socket: boolean): CoreResponse | undefined => {
    const fault = pathFault(req.path) ?? duplicateQueryFault(req);
    if (fault) return module.error(400, "validation_failed", fault.message, fault.param);
    if (socket) {
      const origin = cors.upgradeFault(req);
      if (origin) return module.error(403, "forbidden", origin);
    }
    const token = socket ? credential(req) : bearerToken(req.header("authorization"));
    if (apiKey !== undefined && !matchesKey(token, apiKey)) {
      return module.error(
        401,
        "unauthorized",
        socket
          ? "missing or invalid API key (send Authorization: Bearer <key> or ?access_token=<key>)"
          : "missing or invalid API key (send Authorization: Bearer <key>)",
      );
    }
    // A bearer token names a bucket only when it is the server's key: any other would let a client
    // mint fresh buckets at will.
    const decision: RateDecision | undefined = limiter?.take(clientOf(req, apiKey === undefined ? undefined : token));
    if (decision && !decision.ok) {
      return withRetryAfter(
        module.error(429, "too_many_requests", "rate limit exceeded: slow down and retry after Retry-After seconds"),
        decision.retryAfterSeconds,
      );
    }
    return undefined;
  };

  const failure = (module: ProtocolModule, error: unknown, record?: RequestRecord): CoreResponse => {
    if (error instanceof PayloadTooLargeError) return module.error(413, "payload_too_large", error.message);
    if (error instanceof BadInputError) return module.error(400, "validation_failed", error.message, error.param);
    if (isStoreUnavailable(error)) {
      outage.failed(error);
      return withRetryAfter(
        module.error(503, "service_unavailable", "the server cannot reach its store right now; retry shortly"),
        OUTAGE_RETRY_AFTER_SECONDS,
      );
    }
    reportError(error, {
      protocol: module.name,
      requestId: record?.requestId,
      method: record?.req.method,
      path: record?.req.path,
    });
    return module.error(500, "internal_error", "internal server error");
  };

  return {
    limits,
    basePath,
    logger,
    metrics,
    ready: options.ready,

    routes() {
      return modules.flatMap((module) =>
        (module.routes ?? []).map((route) => ({ method: route.method, path: basePath + route.path })),
      );
    },

    async handle(full) {
      const req = rebase(full, basePath);
      if (!req) return undefined;
      const module = route(req.path);
      if (!module) return undefined;
      const record = new RequestRecord(req, requestIdOf(req), module.name, logger, metrics);
      let response: CoreResponse;
      if (cors.isPreflight(req)) {
        response =
          cors.preflight(req) ??
          module.error(403, "forbidden", `cross-origin requests from ${req.header("origin")} are not allowed`);
        return record.finish(response);
      }
      response = admission(module, req, false) ?? (await answer(module, req, record));
      cors.decorate(req, response);
      return record.finish(response);
    },

    async upgrade(full) {
      const req = rebase(full, basePath);
      if (!req) return undefined;
      const module = route(req.path);
      if (!module) return undefined;
      const record = new RequestRecord(req, requestIdOf(req), module.name, logger, metrics);
      const fault = handshakeFault(req);
      let refusal = fault ? module.error(400, "validation_failed", fault.message, fault.header) : undefined;
      refusal ??= admission(module, req, true);
      if (!refusal && !module.upgrade) refusal = module.error(404, "not_found", `no WebSocket endpoint at ${req.path}`);
      if (!refusal && sockets.full) {
        refusal = withRetryAfter(
          module.error(503, "service_unavailable", "the server holds as many WebSockets as it allows; retry later"),
          OUTAGE_RETRY_AFTER_SECONDS,
        );
      }
      if (refusal) return { reject: record.finish(refusal) };
      let decision: UpgradeDecision;
      try {
        decision = await module.upgrade!(req);
      } catch (error) {
        return { reject: record.finish(failure(module, error, record)) };
      }
      if ("reject" in decision) return { reject: record.finish(decision.reject) };
      record.finish({ status: 101, headers: {} });
      return { ...decision, accept: guardAccept(decision.accept, module.name, sockets, ctx) };
    },

    async close() {
      outage.close();
      await Promise.all(modules.map((module) => module.close?.()));
    },
  };

  async function answer(module: ProtocolModule, req: CoreRequest, record: RequestRecord): Promise<CoreResponse> {
    try {
      const response = await module.handle(req);
      if (outage.down && response.status < 500) outage.succeeded();
      return response;
    } catch (error) {
      return failure(module, error, record);
    }
  }
}

function withRetryAfter(response: CoreResponse, seconds: number): CoreResponse {
  response.headers["retry-after"] = String(seconds);
  return response;
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * RFC 6455 handshake faults, answered in the protocol's envelope: left to `ws`, they would get a
 * bare text/html 400 that no client of ours can parse.
 */
function handshakeFault(req: CoreRequest): { header: string; message: string } | undefined {
  if (req.header("upgrade")?.toLowerCase() !== "websocket") {
    return { header: "upgrade", message: "the Upgrade header must be websocket" };
  }
  const key = req.header("sec-websocket-key");
  // A base64 16-byte nonce is 22 characters and two padding characters.
  if (!key || !/^[A-Za-z0-9+/]{22}==$/.test(key.trim())) {
    return { header: "sec-websocket-key", message: "Sec-WebSocket-Key must be a base64-encoded 16-byte nonce" };
  }
  if (req.header("sec-websocket-version")?.trim() !== "13") {
    return { header: "sec-websocket-version", message: "Sec-WebSocket-Version must be 13" };
  }
  return undefined;
}

/** Browsers cannot set headers on a WebSocket, so there the key may also come as a query parameter. */
function credential(req: CoreRequest): string | undefined {
  return bearerToken(req.header("authorization")) ?? req.query.get("access_token") ?? undefined;
}

export function bearerToken(header: string | undefined): string | undefined {
  if (!header || header.length < 7) return undefined;
  if (header.slice(0, 7).toLowerCase() !== "bearer ") return undefined;
  return header.slice(7).trim();
}

/** Compares in time that depends only on the expected key's length, so a probe learns nothing. */
export function matchesKey(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (given.charCodeAt(i) | 0) ^ expected.charCodeAt(i);
  return diff === 0;
}
