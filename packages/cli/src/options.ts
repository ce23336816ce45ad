import {
  type CorsOptions,
  corsFromEnv,
  type LogLevel,
  type RateLimitOptions,
  rateLimitFromEnv,
  type Store,
  type SwitchboardLogger,
} from "@switchboard/core";

export const FRAMEWORKS = ["express", "fastify", "hono"] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export interface ServeOptions {
  port: number;
  host: string;
  framework: Framework;
  /** When set, every protocol route requires `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** A `postgres://` URL; without it the embedded store lives under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Create or upgrade the database schema first (`--setup-datastore`); the embedded store always does. */
  setupDatastore?: boolean;
  /** Serve from this store instead of opening one from `databaseUrl`/`dataDir` (it stays the caller's to close). */
  store?: Store;
  /** The page served at `GET /`; defaults to the HTML workflow client when it exists. */
  htmlFile?: string;
  /** Serve on a non-loopback `host` without an API key (`--allow-public`, `SWITCHBOARD_ALLOW_PUBLIC=1`). */
  allowPublic?: boolean;
  /** Browser origins allowed to call the server and open WebSockets (`SWITCHBOARD_CORS_ORIGINS`). */
  cors?: CorsOptions;
  /** Requests per minute per API key or client address (`SWITCHBOARD_RATE_LIMIT`); `undefined` turns it off. */
  rateLimit?: RateLimitOptions;
  /** Log level of the default logger (`SWITCHBOARD_LOG_LEVEL`, default `info`: one access line per request). */
  logLevel?: LogLevel;
  /** Log through this logger instead (it then decides its own level). */
  logger?: SwitchboardLogger;
}

/** `switchboard serve`'s rate limit unless `SWITCHBOARD_RATE_LIMIT` says otherwise: generous, per process. */
export const DEFAULT_SERVE_RATE_LIMIT = 6000;
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export class OptionsError extends Error {
  override name = "OptionsError";
}

/** Reads the documented environment variables; an invalid value is an OptionsError naming it. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const port = env.PORT === undefined || env.PORT === "" ? 8787 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new OptionsError(`PORT must be an integer between 0 and 65535, got ${JSON.stringify(env.PORT)}`);
  }
  const framework = env.SWITCHBOARD_FRAMEWORK || "hono";
  if (!(FRAMEWORKS as readonly string[]).includes(framework)) {
    throw new OptionsError(
      `SWITCHBOARD_FRAMEWORK must be one of ${FRAMEWORKS.join(", ")}, got ${JSON.stringify(framework)}`,
    );
  }
  return {
    port,
    host: env.HOST || "127.0.0.1",
    framework: framework as Framework,
    apiKey: env.SWITCHBOARD_API_KEY || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.SWITCHBOARD_DATA_DIR || ".switchboard/data",
    allowPublic: flag(env, "SWITCHBOARD_ALLOW_PUBLIC"),
    cors: corsFromEnv(env.SWITCHBOARD_CORS_ORIGINS),
    rateLimit: rateLimit(env.SWITCHBOARD_RATE_LIMIT),
    logLevel: logLevel(env.SWITCHBOARD_LOG_LEVEL),
  };
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === "" || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  throw new OptionsError(`${name} must be 1 or 0, got ${JSON.stringify(env[name])}`);
}

function rateLimit(value: string | undefined): RateLimitOptions | undefined {
  try {
    return rateLimitFromEnv(value, DEFAULT_SERVE_RATE_LIMIT);
  } catch (error) {
    throw new OptionsError((error as Error).message);
  }
}

function logLevel(value: string | undefined): LogLevel | undefined {
  if (value === undefined || value === "") return undefined;
  if (!LOG_LEVELS.includes(value)) {
    throw new OptionsError(
      `SWITCHBOARD_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got ${JSON.stringify(value)}`,
    );
  }
  return value as LogLevel;
}
