/**
 * The part of the Agent Spec language (https://oracle.github.io/agent-spec) that Switchboard
 * serves: an `Agent` with one of the OpenAI-compatible LLM configurations and server, client or
 * remote tools. Written from the specification; anything outside it is refused with the JSON
 * path of the field, rather than half-served.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";

const nullableString = { type: ["string", "null"] };
const metadata = { type: ["object", "null"] };

/** Fields every component has. */
const componentFields = {
  component_type: { type: "string" },
  id: { type: "string" },
  name: { type: "string", minLength: 1 },
  description: nullableString,
  metadata,
};

/** A property is a JSON Schema with a `title`: the input's, output's or argument's name. */
const property = {
  type: "object",
  required: ["title"],
  properties: { title: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_.-]*$" } },
};
const properties = { type: "array", items: property };

const generation = {
  type: ["object", "null"],
  properties: {
    max_tokens: { type: ["integer", "null"], minimum: 1 },
    temperature: { type: ["number", "null"], minimum: 0, maximum: 2 },
    top_p: { type: ["number", "null"], minimum: 0, maximum: 1 },
  },
};

export const LLM_CONFIG_TYPES = ["OpenAiCompatibleConfig", "OpenAiConfig", "VllmConfig", "OllamaConfig"] as const;
export const TOOL_TYPES = ["ServerTool", "ClientTool", "RemoteTool"] as const;

const llmConfig = {
  type: "object",
  required: ["component_type", "name", "model_id"],
  properties: {
    ...componentFields,
    component_type: { enum: LLM_CONFIG_TYPES },
    model_id: { type: "string", minLength: 1 },
    url: { type: "string", minLength: 1 },
    api_type: { enum: ["chat_completions", "responses"] },
    api_key: { oneOf: [{ type: ["string", "null"] }, { type: "object", required: ["$component_ref"] }] },
    default_generation_parameters: generation,
  },
  allOf: [
    {
      if: { properties: { component_type: { enum: ["OpenAiCompatibleConfig", "VllmConfig", "OllamaConfig"] } } },
      // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword
      then: { required: ["url"] },
    },
  ],
};

const tool = {
  type: "object",
  required: ["component_type", "name"],
  properties: {
    ...componentFields,
    component_type: { enum: TOOL_TYPES },
    name: { type: "string", pattern: "^[a-zA-Z0-9_-]{1,64}$" },
    inputs: properties,
    outputs: properties,
    requires_confirmation: { type: "boolean" },
    url: { type: "string" },
    http_method: { enum: ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] },
    data: {},
    query_params: { type: ["object", "null"] },
    headers: { type: ["object", "null"], additionalProperties: { type: "string" } },
  },
  allOf: [
    {
      if: { properties: { component_type: { const: "RemoteTool" } } },
      // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword
      then: { required: ["url", "http_method"] },
    },
  ],
};

const agent = {
  type: "object",
  required: ["component_type", "name", "llm_config", "system_prompt"],
  properties: {
    ...componentFields,
    component_type: { const: "Agent" },
    agentspec_version: { type: "string", pattern: "^\\d+\\.\\d+\\.\\d+$" },
    system_prompt: { type: "string" },
    llm_config: llmConfig,
    tools: { type: "array", items: tool },
    toolboxes: { type: "array", maxItems: 0 },
    inputs: properties,
    outputs: properties,
    human_in_the_loop: { type: "boolean" },
    transforms: { type: "array", maxItems: 0 },
  },
};

// Compiled on first use, not when the CLI loads: `switchboard serve` without agent files never
// needs it, and compiling (with Ajv's own meta-schema first) is a noticeable part of a start-up.
let validateAgent: ValidateFunction | undefined;
const agentValidator = () => (validateAgent ??= new Ajv2020({ allErrors: true, strict: false }).compile(agent));

/** One problem with a document: where (`$.tools[0].name`) and what. */
export interface SpecIssue {
  path: string;
  message: string;
}

export function validateAgentSpec(document: unknown): SpecIssue[] {
  const validate = agentValidator();
  if (validate(document)) return [];
  const issues = (validate.errors ?? []).filter((error) => error.keyword !== "if").map(describe);
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path} ${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(error: ErrorObject): SpecIssue {
  const path = jsonPath(error.instancePath);
  switch (error.keyword) {
    case "required":
      return { path: join(path, String(error.params.missingProperty)), message: "is required" };
    case "enum":
      return {
        path,
        message: `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")} (Switchboard serves these)`,
      };
    case "const":
      return { path, message: `must be ${JSON.stringify(error.params.allowedValue)}` };
    case "maxItems":
      return { path, message: "is not supported by Switchboard yet (must be empty)" };
    default:
      return { path, message: error.message ?? "is invalid" };
  }
}

/** `/tools/0/name` → `$.tools[0].name`. */
export function jsonPath(pointer: string): string {
  let path = "$";
  for (const raw of pointer.split("/").slice(1)) {
    const segment = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    path = /^\d+$/.test(segment) ? `${path}[${segment}]` : join(path, segment);
  }
  return path;
}

function join(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
