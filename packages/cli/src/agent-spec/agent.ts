import {
  type Agent,
  AgentConfigError,
  createAgent,
  MODEL_PROVIDERS,
  type Model,
  resolveModel,
} from "@switchboard/core";
import type { ToolRegistry } from "../tool-registry.js";
import type { SpecAgent, SpecLlmConfig, SpecProperty } from "./load.js";
import { toolsOf } from "./tools.js";

export interface AgentSpecRuntime {
  env: Readonly<Record<string, string | undefined>>;
  registry?: ToolRegistry;
  fetch?: typeof fetch;
}

/**
 * Builds a served agent from an Agent Spec `Agent`. Everything that can fail (a missing key, a
 * tool the registry lacks) fails here, at startup, not on the first request.
 */
export function agentFromSpec(spec: SpecAgent, runtime: AgentSpecRuntime): Agent {
  const model = modelOf(spec.llm_config, runtime.env);
  const tools = toolsOf(spec.tools ?? [], runtime.registry, (index) => `$.tools[${index}]`, runtime.fetch);
  const generation = spec.llm_config.default_generation_parameters ?? {};
  const outputs = spec.outputs ?? [];
  return createAgent((ctx) => ({
    model,
    instructions: [fillPlaceholders(spec, ctx.payload), outputInstructions(outputs)].filter(Boolean).join("\n\n"),
    tools: tools.server,
    clientTools: tools.client,
    ...(spec.description ? { description: spec.description } : {}),
    ...(generation.temperature == null ? {} : { temperature: generation.temperature }),
    ...(generation.top_p == null ? {} : { topP: generation.top_p }),
    ...(generation.max_tokens == null ? {} : { maxOutputTokens: generation.max_tokens }),
  }));
}

/**
 * `{{name}}` in the system prompt is one of the agent's inputs: its value comes from a dispatched
 * payload object, else from the input's default.
 */
function fillPlaceholders(spec: SpecAgent, payload: unknown): string {
  const given = typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : {};
  const inputs = new Map((spec.inputs ?? []).map((input) => [input.title, input]));
  return spec.system_prompt.replace(/\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g, (_, name: string) => {
    const value = name in given ? given[name] : inputs.get(name)?.default;
    if (value === undefined) {
      throw new AgentConfigError(
        `agent ${spec.name}: the system prompt's input ${name} has no value (give it a default in inputs, or dispatch it)`,
      );
    }
    return typeof value === "string" ? value : JSON.stringify(value);
  });
}

/** Agent Spec outputs are the fields of the final answer; the model is asked for them as JSON. */
function outputInstructions(outputs: readonly SpecProperty[]): string {
  if (outputs.length === 0) return "";
  const schema = {
    type: "object",
    properties: Object.fromEntries(outputs.map((output) => [output.title, output])),
    required: outputs.filter((output) => !("default" in output)).map((output) => output.title),
  };
  return `Give your final answer as one JSON object, and nothing else, matching this JSON Schema:\n${JSON.stringify(schema)}`;
}

/** The model of an `llm_config`, through the same providers as `model: "openai:…"` in createAgent. */
function modelOf(config: SpecLlmConfig, env: AgentSpecRuntime["env"]): Model {
  const api = config.api_type === "responses" ? "responses" : "chat";
  const literalKey = typeof config.api_key === "string" && config.api_key !== "" ? config.api_key : undefined;
  // A key the file leaves out by reference must come from the environment; a local server (Ollama,
  // an unauthenticated vLLM) needs none, and OPENAI_API_KEY is never sent to another server unasked.
  const secretReferenced = typeof config.api_key === "object" && config.api_key !== null;
  const keyEnv = config.component_type === "VllmConfig" ? "VLLM_API_KEY" : "OPENAI_API_KEY";
  const needsEnvKey = !literalKey && (secretReferenced || config.component_type === "OpenAiConfig");
  const optionalEnvKey = !literalKey && config.component_type === "VllmConfig" ? env.VLLM_API_KEY : undefined;
  const apiKey = literalKey ?? optionalEnvKey;
  const baseURL =
    config.component_type === "OpenAiConfig"
      ? env.OPENAI_BASE_URL || (MODEL_PROVIDERS.openai?.defaultBaseUrl ?? "https://api.openai.com/v1")
      : (config.url ?? "");
  try {
    return resolveModel(
      {
        baseURL,
        model: config.model_id,
        api,
        ...(apiKey ? { apiKey } : {}),
        ...(needsEnvKey ? { apiKeyEnv: keyEnv } : {}),
      },
      env,
    );
  } catch (error) {
    throw new AgentConfigError(`$.llm_config (${config.component_type} ${config.name}): ${(error as Error).message}`);
  }
}
