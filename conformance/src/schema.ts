import type { ValidationResult } from "@switchboard/protocol";
import { validate as agents } from "@switchboard/protocol/agents";
import { validate as responses } from "@switchboard/protocol/responses";
import { validate as workflows } from "@switchboard/protocol/workflows";
import type { Protocol } from "./protocols.js";

type Validators = Record<string, (data: unknown) => ValidationResult<unknown>>;

/** The validators compiled from specs/generated/json-schema, one table per protocol. */
const validators: Record<Protocol, Validators> = { responses, agents, workflows };

export type SchemaName<P extends Protocol> = P extends "responses"
  ? keyof typeof responses
  : P extends "agents"
    ? keyof typeof agents
    : keyof typeof workflows;

/**
 * Checks `value` against the named schema of the protocol. Returns `undefined` when it conforms,
 * otherwise a message naming the JSON Pointer of the first offending value.
 */
export function schemaViolation(protocol: Protocol, schema: string, value: unknown): string | undefined {
  const validator = validators[protocol][schema];
  if (!validator) throw new Error(`no schema ${schema} in the ${protocol} protocol`);
  const result = validator(value);
  if (result.ok) return undefined;
  const at = result.issue.pointer === "" ? "(root)" : result.issue.pointer;
  return `${schema} ${at}: ${result.issue.message}`;
}
