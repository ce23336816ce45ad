import {
  type Agent,
  agentsProtocol,
  dispatchQueueFrom,
  memoryStore,
  type ProtocolFactory,
  responsesProtocol,
  type Store,
  type WorkflowDefinition,
  workflowsProtocol,
} from "@switchboard/core";
import { fixtureAgents, fixtureWorkflows } from "@switchboard/core/fixtures";
import type { ServeOptions } from "./options.js";

/** What a server serves: agents by name, and workflows. */
export interface Served {
  agents: Record<string, Agent>;
  // biome-ignore lint/suspicious/noExplicitAny: workflows of any parameter type are served side by side
  workflows: readonly WorkflowDefinition<any>[];
}

export const demoServed: Served = { agents: fixtureAgents, workflows: fixtureWorkflows };

/** Every protocol, serving `served` and keeping its state in `store`. */
export function servedProtocols(
  served: Served,
  options: Pick<ServeOptions, "workflowPrefixes">,
  store: Store = memoryStore(),
): ProtocolFactory[] {
  return [
    responsesProtocol({
      agents: served.agents,
      env: process.env,
      store: store.responses,
      conversations: store.conversations,
      bus: store.bus,
    }),
    // One module under every prefix: a run started under one prefix is the same live run under another.
    workflowsProtocol({
      workflows: [...served.workflows],
      store: store.workflows,
      bus: store.bus,
      prefix: options.workflowPrefixes,
    }),
    agentsProtocol({
      agents: served.agents,
      env: process.env,
      sessions: store.sessions,
      bus: store.bus,
      dispatch: { queue: dispatchQueueFrom(store.dispatch) },
    }),
  ];
}

/** The protocols, agents and workflows `switchboard serve` mounts by default. */
export function demoProtocols(options: Pick<ServeOptions, "workflowPrefixes">, store?: Store): ProtocolFactory[] {
  return servedProtocols(demoServed, options, store);
}
