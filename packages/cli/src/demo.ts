import {
  agentsProtocol,
  fixtureAgents,
  fixtureWorkflows,
  type ProtocolFactory,
  responsesProtocol,
  workflowsProtocol,
} from "@switchboard/core";
import type { ServeOptions } from "./options.js";

/** The protocols, agents and workflows `switchboard serve` mounts. */
export function demoProtocols(_options: ServeOptions): ProtocolFactory[] {
  return [
    responsesProtocol({ agents: fixtureAgents, env: process.env }),
    workflowsProtocol({ workflows: fixtureWorkflows }),
    agentsProtocol({ agents: fixtureAgents, env: process.env }),
  ];
}
