import type { ProtocolFactory } from "@switchboard/core";
import type { ServeOptions } from "./options.js";

/** The protocols, agents and workflows `switchboard serve` mounts. */
export function demoProtocols(_options: ServeOptions): ProtocolFactory[] {
  return [];
}
