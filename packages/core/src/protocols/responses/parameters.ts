import type { CreateResponse } from "@switchboard/protocol/responses";
import type {
  ModelOption,
  ModelProviderOptions,
  ModelResponseFormat,
  ModelToolChoice,
  ModelToolSpec,
} from "../../runtime/model/types.js";
import { ResponsesApiError } from "./errors.js";

// Switchboard's parameter policy (DESIGN.md §3) as one function over a parsed create body: a
// default or null value is always accepted; what the runtime or the agent's model provider can
// honour is returned as run settings; a non-default value nothing can honour is a 400 naming it.
// Chat Completions applies the same policy through the same function.

/** What the agent's model can take, as far as the policy is concerned. */
export interface ParameterCapabilities {
  /**
   * The provider options the model passes on to its upstream (`Model.options`). Absent for a model
   * with no upstream (a scripted one): it takes no provider setting, and sampling changes nothing.
   */
  options?: ReadonlySet<ModelOption>;
}

/** A create's settings for the agent run, after the policy. */
export interface RunParameters {
  instructions?: string;
  /** The client's function tools offered to the model (restricted by `allowed_tools`). */
  clientTools: ModelToolSpec[];
  toolChoice?: ModelToolChoice;
  parallelToolCalls?: boolean;
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  maxToolCalls?: number;
  responseFormat?: ModelResponseFormat;
  providerOptions: ModelProviderOptions;
  /** `truncation: "auto"`: trim the history to the agent's context budget. */
  truncate: boolean;
}

/**
 * `include` values Switchboard can always produce. Input images are stored with their URL, and
 * reasoning items keep their `encrypted_content`; the hosted tools' values concern items no served
 * agent ever outputs, so including them changes nothing. Log-probabilities need a model that reports them.
 */
const INCLUDABLE = new Set([
  "message.input_image.image_url",
  "reasoning.encrypted_content",
  "web_search_call.action.sources",
  "web_search_call.results",
  "file_search_call.results",
  "code_interpreter_call.outputs",
  "computer_call_output.output.image_url",
]);
const LOGPROBS = "message.output_text.logprobs";
const KNOWN_INCLUDES = new Set([...INCLUDABLE, LOGPROBS]);

const DEFAULT_TIERS = new Set(["auto", "default"]);
// Module constants rather than literals in the loops: the policy runs for every create.
const EMPTY_ONLY = ["access_programs", "background_options", "image"] as const;
const PENALTIES = [
  ["presence_penalty", "presencePenalty"],
  ["frequency_penalty", "frequencyPenalty"],
] as const;

function unsupported(param: string, why: string): ResponsesApiError {
  return new ResponsesApiError(400, "unsupported_parameter", `${param}: ${why}`, param);
}

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === "object" && Object.keys(value).length === 0);

/** The part of a create body the policy reads (Chat Completions maps its own body onto it). */
export type PolicyInput = Pick<
  CreateResponse,
  | "instructions"
  | "tools"
  | "tool_choice"
  | "parallel_tool_calls"
  | "temperature"
  | "top_p"
  | "presence_penalty"
  | "frequency_penalty"
  | "top_logprobs"
  | "max_output_tokens"
  | "max_tool_calls"
  | "text"
  | "reasoning"
  | "truncation"
  | "include"
  | "service_tier"
  | "prompt_cache_key"
  | "prompt_cache_retention"
  | "safety_identifier"
  | "prompt"
  | "context_management"
  | "moderation"
  | "access_programs"
  | "background_options"
  | "image"
>;

/**
 * Applies the parameter policy to a validated create body for an agent whose model has
 * `capabilities`. Throws a 400 `unsupported_parameter` naming the first parameter that cannot be
 * honoured; returns the run settings otherwise.
 */
export function resolveParameters(request: PolicyInput, capabilities: ParameterCapabilities = {}): RunParameters {
  const takes = (option: ModelOption) => capabilities.options?.has(option) === true;
  const providerOptions: ModelProviderOptions = {};

  // OpenAI's hosted features Switchboard has no counterpart for: only their defaults.
  if (!isEmpty(request.prompt))
    throw unsupported("prompt", "stored prompts are not served here; send instructions and input instead.");
  if (!isEmpty(request.moderation)) throw unsupported("moderation", "hosted moderation is not available here.");
  if (request.context_management?.length) {
    throw unsupported("context_management", "use truncation or POST /v1/responses/compact instead.");
  }
  for (const name of EMPTY_ONLY) {
    if (!isEmpty(request[name])) throw unsupported(name, "only {} is accepted here.");
  }

  // Penalties: passed to a provider that takes them; a model without provider options (a scripted
  // one) is deterministic at every sampling setting, as for temperature and top_p.
  for (const [param, option] of PENALTIES) {
    const value = request[param];
    if (value == null || value === 0) continue;
    if (takes(option)) providerOptions[option] = value;
    else if (capabilities.options !== undefined) {
      throw unsupported(param, "this agent's model provider takes no sampling penalties; send 0 or null.");
    }
  }
  if (request.top_logprobs != null && request.top_logprobs > 0) {
    if (!takes("topLogprobs")) {
      throw unsupported("top_logprobs", "this agent's model reports no log-probabilities; send 0 or null.");
    }
    providerOptions.topLogprobs = request.top_logprobs;
  }

  // Hints: always accepted and echoed, passed on where the provider takes them.
  if (request.prompt_cache_key != null && takes("promptCacheKey"))
    providerOptions.promptCacheKey = request.prompt_cache_key;
  if (request.prompt_cache_retention != null && takes("promptCacheRetention")) {
    providerOptions.promptCacheRetention = request.prompt_cache_retention;
  }
  if (request.safety_identifier != null && takes("safetyIdentifier")) {
    providerOptions.safetyIdentifier = request.safety_identifier;
  }

  // Provider settings: a non-default value needs a model that takes it.
  const reasoning = request.reasoning;
  if (reasoning?.effort != null) {
    if (!takes("reasoningEffort"))
      throw unsupported("reasoning.effort", "this agent's model takes no reasoning effort.");
    providerOptions.reasoningEffort = reasoning.effort;
  }
  const summary = reasoning?.summary ?? reasoning?.generate_summary;
  if (summary != null) {
    const param = reasoning?.summary != null ? "reasoning.summary" : "reasoning.generate_summary";
    if (!takes("reasoningSummary")) throw unsupported(param, "this agent's model gives no reasoning summaries.");
    providerOptions.reasoningSummary = summary;
  }
  if (request.service_tier != null && !DEFAULT_TIERS.has(request.service_tier)) {
    if (!takes("serviceTier"))
      throw unsupported("service_tier", "this agent's model has no service tiers; send auto or default.");
    providerOptions.serviceTier = request.service_tier;
  }
  const verbosity = request.text?.verbosity;
  if (verbosity != null && verbosity !== "medium") {
    if (!takes("verbosity"))
      throw unsupported("text.verbosity", "this agent's model takes no verbosity setting; send medium.");
    providerOptions.verbosity = verbosity;
  }

  (request.include ?? []).forEach((value, i) => {
    if (!KNOWN_INCLUDES.has(value)) {
      throw new ResponsesApiError(
        400,
        "invalid_value",
        `include[${i}]: '${value}' is not an includable value.`,
        `include[${i}]`,
      );
    }
    if (value === LOGPROBS) {
      if (!takes("topLogprobs")) {
        throw unsupported(`include[${i}]`, "this agent's model reports no log-probabilities.");
      }
      providerOptions.topLogprobs ??= 0;
    }
  });

  const tools = request.tools ?? [];
  let clientTools: ModelToolSpec[] = tools.map((tool) => ({
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    parameters: tool.parameters ?? { type: "object", properties: {} },
    ...(tool.strict != null ? { strict: tool.strict } : {}),
  }));
  const choice = request.tool_choice;
  const names = typeof choice === "object" && choice !== null ? new Set(tools.map((tool) => tool.name)) : undefined;
  let toolChoice: ModelToolChoice | undefined;
  if (typeof choice === "string") toolChoice = choice;
  else if (choice?.type === "function") {
    if (!names!.has(choice.name)) {
      throw new ResponsesApiError(
        400,
        "invalid_value",
        `tool_choice.name '${choice.name}' names no function in tools.`,
        "tool_choice.name",
      );
    }
    toolChoice = { name: choice.name };
  } else if (choice?.type === "allowed_tools") {
    const allowed = new Set<string>();
    choice.tools.forEach((tool, i) => {
      if (!names!.has(tool.name)) {
        throw new ResponsesApiError(
          400,
          "invalid_value",
          `tool_choice.tools[${i}].name '${tool.name}' names no function in tools.`,
          `tool_choice.tools[${i}].name`,
        );
      }
      allowed.add(tool.name);
    });
    clientTools = clientTools.filter((tool) => allowed.has(tool.name));
    toolChoice = choice.mode;
  }

  const format = request.text?.format;
  let responseFormat: ModelResponseFormat | undefined;
  if (format?.type === "json_schema") {
    responseFormat = {
      type: "json_schema",
      name: format.name,
      schema: format.schema,
      strict: format.strict ?? false,
      ...(format.description != null ? { description: format.description } : {}),
    };
  } else if (format?.type === "json_object") responseFormat = { type: "json_object" };

  const parameters: RunParameters = { clientTools, providerOptions, truncate: request.truncation === "auto" };
  if (request.instructions != null) parameters.instructions = request.instructions;
  if (toolChoice !== undefined) parameters.toolChoice = toolChoice;
  if (request.parallel_tool_calls != null) parameters.parallelToolCalls = request.parallel_tool_calls;
  if (request.temperature != null) parameters.temperature = request.temperature;
  if (request.top_p != null) parameters.topP = request.top_p;
  if (request.max_output_tokens != null) parameters.maxOutputTokens = request.max_output_tokens;
  if (request.max_tool_calls != null) parameters.maxToolCalls = request.max_tool_calls;
  if (responseFormat) parameters.responseFormat = responseFormat;
  return parameters;
}
