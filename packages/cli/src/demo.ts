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
export function demoProtocols(_options: ServeOptions, store: Store = memoryStore()): ProtocolFactory[] {
  return [
    responsesProtocol({
      agents: fixtureAgents,
      env: process.env,
      store: store.responses,
      conversations: store.conversations,
      bus: store.bus,
    }),
    workflowsProtocol({ workflows: fixtureWorkflows, store: store.workflows, bus: store.bus }),
    agentsProtocol({
      agents: fixtureAgents,
      env: process.env,
      sessions: store.sessions,
      bus: store.bus,
      dispatch: { queue: dispatchQueueFrom(store.dispatch) },
    }),
  ];
}
