import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ModelToolSpec } from "../model/types.js";
import type { Tool } from "./types.js";

/** A tool whose name or parameter schema cannot be used; thrown when the tool is defined. */
export class ToolDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolDefinitionError";
  }
}

// One shared instance: `addUsedSchema: false` keeps tools that reuse an `$id` from colliding.
const ajv = new Ajv2020({ allErrors: true, strict: false, addUsedSchema: false });
addFormats.default(ajv);

// biome-ignore lint/suspicious/noExplicitAny: the registry holds tools of every argument and result type
type AnyTool = Tool<any, any>;
const validators = new WeakMap<AnyTool, ValidateFunction>();

/** What OpenAI accepts as a function name, and so what every tool name must be. */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Defines a server-side tool. The name is checked and the parameter schema compiled (JSON Schema
 * 2020-12) here, so a broken definition fails at startup rather than on the first call.
 */
export function defineTool<Args = Record<string, unknown>, Result = unknown>(
  definition: Tool<Args, Result>,
): Tool<Args, Result> {
  const tool: Tool<Args, Result> = {
    name: definition.name,
    ...(definition.description === undefined ? {} : { description: definition.description }),
    parameters: definition.parameters,
    execute: definition.execute,
  };
  validators.set(tool, compileParameters(tool.name, tool.parameters));
  return tool;
}

export function compileParameters(name: string, parameters: Record<string, unknown>): ValidateFunction {
  if (!TOOL_NAME.test(name)) {
    throw new ToolDefinitionError(`tool name ${JSON.stringify(name)} must match ${TOOL_NAME.source}`);
  }
  if (typeof parameters !== "object" || parameters === null || Array.isArray(parameters)) {
    throw new ToolDefinitionError(`tool ${name}: parameters must be a JSON Schema object`);
  }
  // Schemas generated for draft-07 (zod-to-json-schema and friends) name their dialect; the
  // keywords tool schemas use mean the same in 2020-12, and Ajv2020 would refuse the foreign `$schema`.
  const { $schema: _dialect, ...schema } = parameters;
  try {
    return ajv.compile(schema);
  } catch (error) {
    throw new ToolDefinitionError(
      `tool ${name}: invalid parameters schema: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Checks arguments against the tool's schema; tools not made by `defineTool` are compiled on first use. */
export function validateToolArguments(tool: AnyTool, args: unknown): { ok: true } | { ok: false; message: string } {
  let validate = validators.get(tool);
  if (!validate) {
    validate = compileParameters(tool.name, tool.parameters);
    validators.set(tool, validate);
  }
  if (validate(args)) return { ok: true };
  return { ok: false, message: describeErrors(validate.errors ?? []) };
}

export function toolSpec(tool: AnyTool): ModelToolSpec {
  return {
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    parameters: tool.parameters,
  };
}

function describeErrors(errors: ErrorObject[]): string {
  if (errors.length === 0) return "arguments are invalid";
  const messages = errors.map((error) => {
    const path = pointerToPath(error.instancePath);
    if (error.keyword === "required" && typeof error.params.missingProperty === "string") {
      return `${join(path, error.params.missingProperty)} is required`;
    }
    if (error.keyword === "additionalProperties" && typeof error.params.additionalProperty === "string") {
      return `${join(path, error.params.additionalProperty)} is not allowed`;
    }
    return `${path || "arguments"} ${error.message ?? "is invalid"}`;
  });
  return [...new Set(messages)].join("; ");
}

/** `/items/0/name` → `items[0].name`, the form a model (or a person) reads most easily. */
function pointerToPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : join(path, segment)), "");
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
