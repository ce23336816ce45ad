import type { ModelReference } from "../model/providers.js";
import type {
  Model,
  ModelLogprob,
  ModelMessage,
  ModelProviderOptions,
  ModelResponseFormat,
  ModelToolCall,
  ModelToolChoice,
  ModelToolSpec,
} from "../model/types.js";
import type { Sandbox } from "../tools/sandbox.js";
import type { Tool } from "../tools/types.js";
import type { CompactionConfig } from "./compaction.js";
import type { Skill } from "./skills.js";

/** pyflue's `thinking_level`: the reasoning effort asked of providers that take one (`off` asks none). */
export type ThinkingLevel = "off" | "minimal" | "low" | "medium" | "high";

/** What an agent definition is built from, once per instance (and per dispatch). */
export interface AgentContext {
  /** The instance id: the `:id` of `/agents/:name/:id`, chosen by the caller. */
  id: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The dispatched input when the agent runs for a dispatch. */
  payload?: unknown;
}

export interface AgentConfig {
  /**
   * A Model, a provider and model name (`openai:gpt-4.1`, `ollama:llama3.2`, `vllm:…`,
   * `lmstudio:…`; keys and base URLs from the provider's environment variables, read from
   * `ctx.env`), or an OpenAI-compatible endpoint `{ baseURL, model, api }`.
   */
  model: ModelReference;
  instructions?: string;
  /** Server tools: executed here, their results fed back to the model. */
  tools?: Tool[];
  /**
   * Tools the caller executes: offered to the model on the Responses protocol, where a call ends
   * the response with a `function_call` item the client answers (`function_call_output`). The
   * instance-agent protocol has no client-side tools, so they are not offered there.
   */
  clientTools?: ModelToolSpec[];
  /**
   * Exposed to the model as `delegate_to_<key>` tools that run the subagent's own loop. Each
   * subagent keeps its own session per parent session: later delegations see the earlier ones.
   */
  subagents?: Record<string, Agent>;
  /** Instructions the model loads by name (`load_skill`) when a task calls for them; see `loadSkills`. */
  skills?: Skill[];
  /** Summarise the history past a token budget, keeping the last turns verbatim. */
  compaction?: CompactionConfig;
  thinkingLevel?: ThinkingLevel;
  /** Gives the agent file and shell tools that act inside `cwd` (e.g. `localSandbox()`). */
  sandbox?: Sandbox;
  /** The sandbox's working directory (default: the process's). */
  cwd?: string;
  /** Shown in listings and to a parent agent's model when this agent is a subagent. */
  description?: string;
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  parallelToolCalls?: boolean;
  /** Model calls per prompt before the run stops with `finishReason: "max_turns"`. Default 8. */
  maxTurns?: number;
  /** Hint to the hosting server: keep this agent's session histories in its durable store. Default true. */
  persist?: boolean;
  /** Merged left to right beneath this config's own fields. */
  profile?: AgentProfile | readonly AgentProfile[];
}

/** Reusable defaults for agent configs; see `defineAgentProfile` for how they merge. */
export type AgentProfile = Readonly<Partial<Omit<AgentConfig, "profile">>>;

/** A config with profiles merged, defaults applied and subagents configured. */
export interface ResolvedAgentConfig {
  model: Model;
  instructions?: string;
  /** The config's tools and the sandbox's built-in ones. */
  tools: readonly Tool[];
  clientTools: readonly ModelToolSpec[];
  subagents: Readonly<Record<string, ResolvedAgentConfig>>;
  skills: readonly Skill[];
  compaction?: CompactionConfig;
  thinkingLevel?: ThinkingLevel;
  /** The sandbox's working directory, absolute, when the agent has a sandbox. */
  cwd?: string;
  description?: string;
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  parallelToolCalls?: boolean;
  maxTurns: number;
  persist: boolean;
}

export type AgentFactory = (ctx: AgentContext) => AgentConfig | Promise<AgentConfig>;

/** An agent definition made by `createAgent`. */
export interface Agent {
  /** Builds the configuration for one instance: runs the factory, merges profiles, configures subagents. */
  configure(ctx: AgentContext): Promise<ResolvedAgentConfig>;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export type AgentFinishReason = "stop" | "length" | "content_filter" | "tool_calls" | "max_turns";

/**
 * What a run reports, in order. Per turn: `turn_start`, the model's text and tool-call events as
 * they stream, `turn_end`, then for server tools `tool_start`/`tool_result`. The last event is
 * always `done`; failures are thrown from the iterator instead.
 */
export type AgentEvent =
  | { type: "turn_start"; turn: number }
  /** `logprobs`: the tokens' log-probabilities, when the run asked the model for them. */
  | { type: "text_delta"; text: string; logprobs?: ModelLogprob[] }
  /** `client`: the tool belongs to the caller (the run will end with the call pending). */
  | { type: "tool_call_start"; callId: string; name: string; client: boolean }
  | { type: "tool_call_delta"; callId: string; delta: string }
  | { type: "tool_call_end"; callId: string; name: string; arguments: string; client: boolean }
  /** A server tool starts executing; `args` is the parsed arguments (the raw text when not JSON). */
  | { type: "tool_start"; toolName: string; toolCallId: string; args: unknown }
  /** `result` is the tool's return value, or the error message when `isError`. */
  | { type: "tool_result"; toolName: string; toolCallId: string; isError: boolean; result: unknown; durationMs: number }
  | { type: "turn_end"; turn: number; usage: TokenUsage }
  | {
      type: "done";
      /** The text of the last turn: the agent's answer (or what it said before calling client tools). */
      text: string;
      /** History entries this run added after the input: assistant messages (with tool calls) and tool results. */
      messages: ModelMessage[];
      /** All turns summed, subagent runs included. */
      usage: TokenUsage;
      /** Calls to client tools the caller must answer with `tool` messages before continuing. */
      pendingClientCalls: ModelToolCall[];
      finishReason: AgentFinishReason;
    };

export interface AgentRunContext {
  /** The instance and session the run belongs to; tools receive it as `ToolContext.agent`. */
  agent?: { name: string; id: string; session: string };
  /** Used to configure an unresolved config and its subagents. */
  env?: AgentContext["env"];
  payload?: unknown;
}

export interface RunAgentOptions {
  config: AgentConfig | ResolvedAgentConfig;
  /** The history so far, ending with the new input. */
  messages: ModelMessage[];
  /** Tools the caller executes itself (Responses `tools`); calling one ends the run with the call pending. */
  clientTools?: ModelToolSpec[];
  /** Applies to the first model call only: forcing a tool on every turn would never let the agent answer. */
  toolChoice?: ModelToolChoice;
  /** Added after the agent's own instructions (Responses `instructions`). */
  instructions?: string;
  /** Per-request overrides of the config's sampling settings. */
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  parallelToolCalls?: boolean;
  /**
   * Tool calls (server and client) the run may make in all; once made, the model is called without
   * tools and must answer. With one call left, parallel calls are turned off.
   */
  maxToolCalls?: number;
  /** Structured output asked of the model on every turn. */
  responseFormat?: ModelResponseFormat;
  /** Passed to the model on every turn (the caller keeps to the model's `options`). */
  providerOptions?: ModelProviderOptions;
  signal: AbortSignal;
  context?: AgentRunContext;
}
