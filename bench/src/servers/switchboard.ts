import {
  agentsProtocol,
  createAgent,
  createSwitchboard,
  dispatchQueueFrom,
  memoryStore,
  openAICompatible,
  type ProtocolFactory,
  responsesProtocol,
  type Store,
  workflowsProtocol,
} from "@switchboard/core";
import { fixtureWorkflows } from "@switchboard/core/fixtures";
import type { RunningServer } from "@switchboard/core/node";
import { benchAgents } from "../agents.js";
import type { Listening } from "./baselines.js";

export const ADAPTERS = ["express", "fastify", "hono"] as const;
export type Adapter = (typeof ADAPTERS)[number];

export interface SwitchboardServerOptions {
  adapter: Adapter;
  /** `workflows` serves the fixture workflows under `/workflows` and `/fastagency` (FastAgency's default prefix). */
  protocols: Array<"responses" | "agents" | "workflows">;
  /** `postgres://…` puts every protocol's state in Postgres; the in-memory store otherwise. */
  databaseUrl?: string;
  /** A directory: every protocol's state in an embedded PGlite database there (as `switchboard serve` keeps it). */
  dataDir?: string;
  /** An OpenAI-compatible upstream (`…/v1`): serves the `relay` agent, `openAICompatible` at its defaults. */
  upstreamUrl?: string;
  /** The model id the `relay` agent asks the upstream for (default `stub`). */
  upstreamModel?: string;
}

async function openStore(options: SwitchboardServerOptions): Promise<Store> {
  const { databaseUrl, dataDir } = options;
  if (!databaseUrl && !dataDir) return memoryStore();
  const { openDatastore } = await import("@switchboard/store-postgres");
  return databaseUrl ? openDatastore({ databaseUrl, setup: true }) : openDatastore({ dataDir });
}

/** Switchboard on one adapter, serving the fixtures and the bench agents. */
export async function switchboardServer(options: SwitchboardServerOptions): Promise<Listening> {
  const store = await openStore(options);
  // One provider for every response, so its concurrency limit holds across them (as resolveModel shares it).
  const relay = options.upstreamUrl
    ? openAICompatible({ baseURL: options.upstreamUrl, model: options.upstreamModel ?? "stub" })
    : undefined;
  const agents = relay ? { ...benchAgents, relay: createAgent(() => ({ model: relay })) } : benchAgents;
  const protocols: ProtocolFactory[] = [];
  if (options.protocols.includes("responses")) {
    protocols.push(
      responsesProtocol({
        agents,
        store: store.responses,
        conversations: store.conversations,
        bus: store.bus,
      }),
    );
  }
  if (options.protocols.includes("agents")) {
    protocols.push(
      agentsProtocol({
        agents: benchAgents,
        sessions: store.sessions,
        dispatch: { queue: dispatchQueueFrom(store.dispatch) },
      }),
    );
  }
  if (options.protocols.includes("workflows")) {
    protocols.push(workflowsProtocol({ workflows: fixtureWorkflows, prefix: ["/workflows", "/fastagency"] }));
  }
  const sb = createSwitchboard({ protocols });
  const listenOptions = { host: "127.0.0.1", port: 0 };
  let server: RunningServer;
  switch (options.adapter) {
    case "express":
      server = await (await import("@switchboard/express")).listen(sb, listenOptions);
      break;
    case "fastify":
      server = await (await import("@switchboard/fastify")).listen(sb, listenOptions);
      break;
    case "hono":
      server = await (await import("@switchboard/hono")).listen(sb, listenOptions);
      break;
  }
  return {
    port: server.port,
    async close() {
      await server.close(100);
      await sb.close();
      await store.close();
    },
  };
}
