import { fileURLToPath } from "node:url";
import {
  type CorsOptions,
  createLogger,
  createSwitchboard,
  LOG_LEVELS,
  type LogLevel,
  type RateLimitOptions,
  type Switchboard,
  type SwitchboardLogger,
} from "@switchboard/core";
import type { RunningServer } from "@switchboard/core/node";
import { openDatastore } from "@switchboard/store-postgres";
import { agentsFromSpecFiles } from "./agent-spec/index.js";
import { demoServed, type Served, servedProtocols } from "./demo.js";
import { checkExposure } from "./exposure.js";
import type { Framework, RateLimit, ServeOptions } from "./options.js";
import { homePage, withSite } from "./site.js";

export { type AgentFileContext, AgentFileError, loadAgentFile } from "./agent-file.js";
export {
  AgentSpecError,
  agentFromSpec,
  agentsFromSpecFiles,
  loadAgentSpec,
  parseAgentSpec,
  type SpecAgent,
  type SpecIssue,
  validateAgentSpec,
} from "./agent-spec/index.js";
export { demoProtocols, demoServed, type Served, servedProtocols } from "./demo.js";
export { type DevProject, DevProjectError, loadDevProject } from "./dev.js";
export { checkExposure, isLoopback } from "./exposure.js";
export {
  FRAMEWORKS,
  type Framework,
  OptionsError,
  optionsFromEnv,
  type RateLimit,
  resolveServeOptions,
  type ServeOptions,
} from "./options.js";
export { loadToolRegistry, type ToolFunction, type ToolRegistry, ToolRegistryError } from "./tool-registry.js";

export interface ServingSwitchboard {
  readonly url: string;
  readonly port: number;
  readonly framework: Framework;
  /** Stops the server (giving running requests `graceMs`), then the protocols. */
  close(graceMs?: number): Promise<void>;
}

type Listen = (sb: Switchboard, options: { port: number; host: string }) => Promise<RunningServer>;

// Loaded on demand: starting one framework should not pay for importing the other two.
const adapters: Record<Framework, () => Promise<Listen>> = {
  express: async () => (await import("@switchboard/express")).listen,
  fastify: async () => (await import("@switchboard/fastify")).listen,
  hono: async () => (await import("@switchboard/hono")).listen,
};

// The HTML workflow client ships with the package (page/), one level above both src/ and dist/.
const defaultPage = fileURLToPath(new URL("../page/index.html", import.meta.url));

/**
 * Serves `served` on every protocol on the chosen framework: by default the Agent Spec agents of
 * `options.agentConfigs`, or the demo agents and workflows without them.
 */
export async function serve(
  options: ServeOptions,
  served?: Served,
  logger: SwitchboardLogger = createLogger(logLevel()),
): Promise<ServingSwitchboard> {
  // Before anything is opened: a refused exposure must not leave a database behind.
  const warning = checkExposure(options);
  if (warning) logger.warn({ event: "public_without_key", host: options.host }, warning);
  // Before the store opens: a broken agent file should not leave a database behind it.
  const chosen = served ?? (options.agentConfigs ? await agentConfigsServed(options) : demoServed);
  // The framework loads while the store opens (PGlite's start is most of a start-up).
  const listening = adapters[options.framework]();
  listening.catch(() => {});
  const store =
    options.store ??
    (await openDatastore({
      databaseUrl: options.databaseUrl,
      dataDir: options.dataDir,
      setup: options.setupDatastore,
    }));
  const closeStore = options.store ? async () => {} : () => store.close();
  const ready = async () => {
    await store.ping?.();
  };
  const sb = createSwitchboard({
    protocols: servedProtocols(chosen, options, store),
    apiKey: options.apiKey,
    cors: corsOf(options.corsOrigins),
    rateLimit: rateLimitOf(options.rateLimit),
    logger,
    metrics: true,
    ready,
  });
  const site = withSite(sb, { home: homePage(options.htmlFile ?? defaultPage), apiKey: options.apiKey, ready });
  let server: RunningServer;
  try {
    server = await (await listening)(site, { port: options.port, host: options.host });
  } catch (error) {
    await sb.close();
    await closeStore();
    throw error;
  }
  return {
    url: server.url,
    port: server.port,
    framework: options.framework,
    async close(graceMs) {
      await server.close(graceMs);
      await sb.close();
      await closeStore();
    },
  };
}

async function agentConfigsServed(options: ServeOptions): Promise<Served> {
  const agents = await agentsFromSpecFiles(options.agentConfigs ?? [], {
    ...(options.toolRegistry ? { toolRegistry: options.toolRegistry } : {}),
  });
  return { agents, workflows: [] };
}

/** `switchboard serve`'s rate limit when none is configured: generous, per process. */
export const DEFAULT_SERVE_RATE_LIMIT: RateLimit = { requests: 6000, windowMs: 60_000 };

function corsOf(origins: string[]): CorsOptions | undefined {
  if (origins.length === 0) return undefined;
  return { origins: origins.includes("*") ? "*" : origins };
}

/** `false` (`--rate-limit off`) turns the limit off; unset takes the default. */
function rateLimitOf(limit: RateLimit | false | undefined): RateLimitOptions | undefined {
  if (limit === false) return undefined;
  const { requests, windowMs } = limit ?? DEFAULT_SERVE_RATE_LIMIT;
  return { requestsPerMinute: (requests * 60_000) / windowMs, burst: requests };
}

/** `SWITCHBOARD_LOG_LEVEL` (default `info`: one access line per request). */
function logLevel(): LogLevel {
  const level = process.env.SWITCHBOARD_LOG_LEVEL;
  return level && (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : "info";
}
