import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type CoreRequest, type CoreResponse, createSwitchboard, json, type Switchboard } from "@switchboard/core";
import type { RunningServer } from "@switchboard/core/node";
import { openDatastore } from "@switchboard/store-postgres";
import { agentsFromSpecFiles } from "./agent-spec/index.js";
import { demoServed, type Served, servedProtocols } from "./demo.js";
import type { Framework, ServeOptions } from "./options.js";

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
export async function serve(options: ServeOptions, served?: Served): Promise<ServingSwitchboard> {
  // Before the store opens: a broken agent file should not leave a database behind it.
  const chosen = served ?? (options.agentConfigs ? await agentConfigsServed(options) : demoServed);
  const store =
    options.store ??
    (await openDatastore({
      databaseUrl: options.databaseUrl,
      dataDir: options.dataDir,
      setup: options.setupDatastore,
    }));
  const closeStore = options.store ? async () => {} : () => store.close();
  const sb = createSwitchboard({ protocols: servedProtocols(chosen, options, store), apiKey: options.apiKey });
  const site = withSite(sb, homePage(options.htmlFile ?? defaultPage));
  let server: RunningServer;
  try {
    server = await (await adapters[options.framework]())(site, { port: options.port, host: options.host });
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

function homePage(file: string): CoreResponse {
  if (existsSync(file)) {
    return { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: readFileSync(file, "utf8") };
  }
  return {
    status: 200,
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: [
      "Switchboard",
      "",
      "Responses (OpenAI-compatible):  POST /v1/responses, GET|DELETE /v1/responses/{id}, GET /v1/models",
      "Instance agents:                POST /agents/{name}/{id}, WebSocket GET /agents/{name}/{id}",
      "                                GET /health, GET /agents (pyflue's client)",
      "Workflows:                      GET /workflows/discovery, POST /workflows/initiate_workflow, WebSocket /workflows/ws",
      "                                (also under /fastagency, FastAgency's default paths)",
      "",
    ].join("\n"),
  };
}

/**
 * Adds the demo server's own pages around the protocols: the home page at `/` and a JSON 404
 * for every path no protocol owns. Framework-free, so all three adapters answer alike.
 */
function withSite(sb: Switchboard, home: CoreResponse): Switchboard {
  const fallback = (req: CoreRequest): CoreResponse => {
    if (req.path === "/" && (req.method === "GET" || req.method === "HEAD")) return home;
    return json(404, { error: { type: "not_found", message: `no route for ${req.method} ${req.path}` } });
  };
  return {
    limits: sb.limits,
    async handle(req) {
      return (await sb.handle(req)) ?? fallback(req);
    },
    upgrade: (req) => sb.upgrade(req),
    close: () => sb.close(),
  };
}
