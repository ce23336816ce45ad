import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { jsonPath, type SpecIssue, validateAgentSpec } from "./schema.js";

export interface SpecProperty {
  title: string;
  description?: string;
  default?: unknown;
  [keyword: string]: unknown;
}

export interface SpecLlmConfig {
  component_type: "OpenAiCompatibleConfig" | "OpenAiConfig" | "VllmConfig" | "OllamaConfig";
  name: string;
  model_id: string;
  url?: string;
  api_type?: "chat_completions" | "responses";
  /** A literal key, or a `$component_ref` to a secret left out of the file (then taken from the environment). */
  api_key?: string | null | { $component_ref: string };
  default_generation_parameters?: {
    max_tokens?: number | null;
    temperature?: number | null;
    top_p?: number | null;
  } | null;
}

export interface SpecTool {
  component_type: "ServerTool" | "ClientTool" | "RemoteTool";
  name: string;
  description?: string | null;
  inputs?: SpecProperty[];
  outputs?: SpecProperty[];
  url?: string;
  http_method?: string;
  data?: unknown;
  query_params?: Record<string, unknown> | null;
  headers?: Record<string, string> | null;
}

export interface SpecAgent {
  component_type: "Agent";
  name: string;
  description?: string | null;
  system_prompt: string;
  llm_config: SpecLlmConfig;
  tools?: SpecTool[];
  inputs?: SpecProperty[];
  outputs?: SpecProperty[];
}

/** A file that is not a servable Agent Spec agent; `issues` carry JSON paths. */
export class AgentSpecError extends Error {
  constructor(
    readonly file: string,
    readonly issues: SpecIssue[],
  ) {
    super(`${file} is not a valid Agent Spec agent:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}`);
    this.name = "AgentSpecError";
  }
}

/** Reads a JSON or YAML Agent Spec document, resolves its component references and validates it. */
export async function loadAgentSpec(file: string): Promise<SpecAgent> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new AgentSpecError(file, [{ path: "$", message: `cannot be read (${error.code ?? error.message})` }]);
  });
  return parseAgentSpec(text, file);
}

export function parseAgentSpec(text: string, file = "<agent spec>"): SpecAgent {
  let document: unknown;
  try {
    // YAML is a superset of JSON, but JSON.parse reports JSON mistakes more plainly.
    document = /\.json$/i.test(file) || text.trimStart().startsWith("{") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new AgentSpecError(file, [{ path: "$", message: `cannot be parsed: ${(error as Error).message}` }]);
  }
  const issues: SpecIssue[] = [];
  const resolved = resolveReferences(document, new Map(), "", issues);
  if (issues.length === 0) issues.push(...validateAgentSpec(resolved));
  if (issues.length > 0) throw new AgentSpecError(file, issues);
  return resolved as SpecAgent;
}

/**
 * Replaces `{"$component_ref": id}` with the component defined under a `$referenced_components`
 * of an enclosing object. A reference to a field (`id.api_key`) is how serializers leave secrets
 * out of a file: it stays in place, and the runtime takes the value from the environment.
 */
function resolveReferences(value: unknown, scope: Map<string, unknown>, pointer: string, issues: SpecIssue[]): unknown {
  if (Array.isArray(value))
    return value.map((item, index) => resolveReferences(item, scope, `${pointer}/${index}`, issues));
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  const defined = record.$referenced_components;
  let inner = scope;
  if (typeof defined === "object" && defined !== null) {
    inner = new Map(scope);
    for (const [id, component] of Object.entries(defined)) inner.set(id, component);
  }
  if (typeof record.$component_ref === "string") {
    const ref = record.$component_ref;
    if (inner.has(ref)) return resolveReferences(inner.get(ref), inner, pointer, issues);
    if (ref.includes(".")) return record;
    issues.push({
      path: jsonPath(pointer),
      message: `refers to component ${JSON.stringify(ref)}, which the file does not define`,
    });
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    if (key === "$referenced_components") continue;
    const resolved = resolveReferences(item, inner, `${pointer}/${key}`, issues);
    if (resolved !== undefined) out[key] = resolved;
  }
  return out;
}
