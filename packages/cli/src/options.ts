import type { Store } from "@switchboard/core";

export const FRAMEWORKS = ["express", "fastify", "hono"] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** `requests` per `windowMs`, per API key or client address. */
export interface RateLimit {
  requests: number;
  windowMs: number;
}

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
  /** Origins allowed by CORS and on WebSocket upgrades (`*` for any); empty: same origin only. */
  corsOrigins: string[];
  /** Requests allowed per window; `false` (`off`): no limit; undefined: `switchboard serve`'s default (6000/m). */
  rateLimit?: RateLimit | false;
  /** Serve on a non-loopback interface without an API key. */
  allowPublic: boolean;
  /** Each prefix mounts the workflow protocol (`/workflows` for Switchboard clients, `/fastagency` for FastAgency's). */
  workflowPrefixes: string[];
  /** Agent Spec files to serve instead of the demo agents; `id` overrides the agent's name. */
  agentConfigs?: { file: string; id?: string }[];
  /** The module whose default export maps ServerTool names to functions. */
  toolRegistry?: string;
  /** Serve from this store instead of opening one from `databaseUrl`/`dataDir` (it stays the caller's to close). */
  store?: Store;
  /** The page served at `GET /`; defaults to the HTML workflow client when it exists. */
  htmlFile?: string;
}

/** A bad flag or environment variable; the message names it. */
export class OptionsError extends Error {
  override name = "OptionsError";
}

export const DEFAULT_WORKFLOW_PREFIXES = ["/workflows", "/fastagency"];

/**
 * The settings that both a flag and an environment variable can give. A flag wins over its
 * variable; `source` names whichever was used, so an error points at what the operator wrote.
 */
export interface SettingSources {
  port?: string;
  host?: string;
  framework?: string;
  databaseUrl?: string;
  dataDir?: string;
  apiKey?: string;
  corsOrigins?: string[];
  rateLimit?: string;
  allowPublic?: boolean;
  workflowPrefixes?: string[];
  setupDatastore?: boolean;
}

type Source = { value: string; name: string };

/** Reads the documented environment variables; an invalid value is an OptionsError naming it. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServeOptions {
  return resolveServeOptions({}, env);
}

/** Combines flags (already parsed, still text) with the environment; flags win. */
export function resolveServeOptions(flags: SettingSources, env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const pick = (flag: string | undefined, flagName: string, variable: string): Source | undefined => {
    if (flag !== undefined) return { value: flag, name: flagName };
    const value = env[variable];
    return value === undefined || value === "" ? undefined : { value, name: variable };
  };

  const port = pick(flags.port, "--port", "PORT");
  const framework = pick(flags.framework, "--framework", "SWITCHBOARD_FRAMEWORK");
  const databaseUrl = pick(flags.databaseUrl, "--database-url", "DATABASE_URL");
  const rateLimit = pick(flags.rateLimit, "--rate-limit", "SWITCHBOARD_RATE_LIMIT");
  const allowPublic =
    flags.allowPublic ?? parseBoolean(pick(undefined, "--allow-public", "SWITCHBOARD_ALLOW_PUBLIC")) ?? false;
  const corsOrigins = list(flags.corsOrigins, "--cors-origin", env, "SWITCHBOARD_CORS_ORIGINS");
  const prefixes = list(flags.workflowPrefixes, "--workflow-prefix", env, "SWITCHBOARD_WORKFLOW_PREFIXES");

  const options: ServeOptions = {
    port: port === undefined ? 8787 : parsePort(port),
    host: nonEmpty(pick(flags.host, "--host", "HOST")) ?? "127.0.0.1",
    framework: framework === undefined ? "hono" : parseFramework(framework),
    apiKey: nonEmpty(pick(flags.apiKey, "--api-key", "SWITCHBOARD_API_KEY")),
    databaseUrl: databaseUrl === undefined ? undefined : parseDatabaseUrl(databaseUrl),
    dataDir: nonEmpty(pick(flags.dataDir, "--data-dir", "SWITCHBOARD_DATA_DIR")) ?? ".switchboard/data",
    corsOrigins: corsOrigins ? parseOrigins(corsOrigins) : [],
    allowPublic,
    workflowPrefixes: prefixes ? parsePrefixes(prefixes) : [...DEFAULT_WORKFLOW_PREFIXES],
  };
  if (rateLimit !== undefined) {
    options.rateLimit = /^\s*off\s*$/i.test(rateLimit.value) ? false : parseRateLimit(rateLimit);
  }
  if (flags.setupDatastore) options.setupDatastore = true;
  return options;
}

function nonEmpty(source: Source | undefined): string | undefined {
  if (source === undefined) return undefined;
  if (source.value.trim() === "") throw new OptionsError(`${source.name} must not be empty`);
  return source.value;
}

/** A repeatable flag, or its comma-separated variable: each flag value may itself be a comma list. */
function list(
  flags: string[] | undefined,
  flagName: string,
  env: NodeJS.ProcessEnv,
  variable: string,
): { items: string[]; name: string } | undefined {
  const raw = flags && flags.length > 0 ? { values: flags, name: flagName } : undefined;
  const fromEnv = env[variable];
  const chosen = raw ?? (fromEnv === undefined || fromEnv === "" ? undefined : { values: [fromEnv], name: variable });
  if (!chosen) return undefined;
  const items = chosen.values.flatMap((value) => value.split(",")).map((item) => item.trim());
  if (items.some((item) => item === "")) throw new OptionsError(`${chosen.name} has an empty entry`);
  return { items, name: chosen.name };
}

function parsePort({ value, name }: Source): number {
  const port = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new OptionsError(`${name} must be an integer between 0 and 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

function parseFramework({ value, name }: Source): Framework {
  if (!(FRAMEWORKS as readonly string[]).includes(value)) {
    throw new OptionsError(`${name} must be one of ${FRAMEWORKS.join(", ")}, got ${JSON.stringify(value)}`);
  }
  return value as Framework;
}

function parseDatabaseUrl({ value, name }: Source): string {
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new OptionsError(`${name} must be a postgres:// or postgresql:// URL, got ${JSON.stringify(redact(value))}`);
  }
  return value;
}

/** Keeps a password out of error messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
}

function parseBoolean(source: Source | undefined): boolean | undefined {
  if (source === undefined) return undefined;
  const value = source.value.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(value)) return true;
  if (["0", "false", "no", "off"].includes(value)) return false;
  throw new OptionsError(`${source.name} must be true or false (1/0, yes/no), got ${JSON.stringify(source.value)}`);
}

/** `*` or an origin as browsers send it: scheme, host and optional port, no path. */
function parseOrigins({ items, name }: { items: string[]; name: string }): string[] {
  return items.map((item) => {
    if (item === "*") return item;
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {}
    const bare = url && (url.protocol === "http:" || url.protocol === "https:") && url.pathname === "/";
    if (!url || !bare || url.search || url.hash || url.username || item.replace(/\/$/, "") !== url.origin) {
      throw new OptionsError(
        `${name}: ${JSON.stringify(item)} is not an origin (expected * or scheme://host[:port], e.g. https://app.example.com)`,
      );
    }
    return url.origin;
  });
}

function parsePrefixes({ items, name }: { items: string[]; name: string }): string[] {
  const prefixes = items.map((item) => {
    const prefix = item.replace(/\/+$/, "");
    if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(prefix)) {
      throw new OptionsError(`${name}: ${JSON.stringify(item)} is not a path prefix (expected e.g. /workflows)`);
    }
    return prefix;
  });
  const duplicate = prefixes.find((prefix, index) => prefixes.indexOf(prefix) !== index);
  if (duplicate) throw new OptionsError(`${name}: ${duplicate} is given twice`);
  return prefixes;
}

const WINDOW_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** `120/m`, `10/s`, `1000/h` or `50/30s`: requests per window. */
export function parseRateLimit({ value, name }: Source): RateLimit {
  const match = /^\s*(\d+)\s*\/\s*(\d*)\s*(s|sec|second|m|min|minute|h|hour)\s*$/.exec(value);
  const requests = match ? Number(match[1]) : 0;
  const count = match?.[2] ? Number(match[2]) : 1;
  if (!match || requests < 1 || count < 1) {
    throw new OptionsError(
      `${name} must be requests per window like 120/m, 10/s, 1000/h or 50/30s, got ${JSON.stringify(value)}`,
    );
  }
  const unit = WINDOW_UNITS[match[3]![0]!]!;
  return { requests, windowMs: count * unit };
}
