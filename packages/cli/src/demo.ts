import {
  agentsProtocol,
  dispatchQueueFrom,
  fixtureAgents,
  fixtureWorkflows,
  memoryStore,
  type ProtocolFactory,
  responsesProtocol,
  type Store,
  workflowsProtocol,
} from "@switchboard/core";
import type { ServeOptions } from "./options.js";

/** The protocols, agents and workflows `switchboard serve` mounts, all keeping their state in `store`. */
export function demoProtocols(
  options: Pick<ServeOptions, "workflowPrefixes">,
  store: Store = memoryStore(),
): ProtocolFactory[] {
  return [
    responsesProtocol({ agents: fixtureAgents, env: process.env, store: store.responses, bus: store.bus }),
    // One mount per prefix, all sharing the store: a run started under one prefix is the same run under another.
    ...options.workflowPrefixes.map((prefix) =>
      workflowsProtocol({ workflows: fixtureWorkflows, store: store.workflows, bus: store.bus, prefix }),
    ),
    agentsProtocol({
      agents: fixtureAgents,
      env: process.env,
      sessions: store.sessions,
      bus: store.bus,
      dispatch: { queue: dispatchQueueFrom(store.dispatch) },
    }),
  ];
}
