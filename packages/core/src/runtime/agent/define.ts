import { existsSync, statSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { resolveModel } from "../model/providers.js";
import type { ModelToolSpec } from "../model/types.js";
import { SANDBOX_TOOL_NAMES, type Sandbox } from "../tools/sandbox.js";
import type { Tool } from "../tools/types.js";
import { LOAD_SKILL_TOOL, type Skill } from "./skills.js";
import type {
  Agent,
  AgentConfig,
  AgentContext,
  AgentFactory,
  AgentProfile,
  ResolvedAgentConfig,
  ThinkingLevel,
} from "./types.js";

/** An agent definition that cannot run: no model, a subagent cycle, clashing tool names, … */
export class AgentConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AgentConfigError";
  }
}

const factories = new WeakMap<Agent, AgentFactory>();
const resolvedConfigs = new WeakSet<ResolvedAgentConfig>();

/**
 * Defines an agent. The factory runs per instance (`ctx.id`), so one definition can give each
 * instance its own instructions, tools or model.
 */
export function createAgent(factory: AgentFactory): Agent {
  const agent: Agent = Object.freeze({ configure: (ctx: AgentContext) => configureAgent(agent, ctx, []) });
  factories.set(agent, factory);
  return agent;
}

/**
 * Merges profiles left to right into one: scalar fields replace, `tools`, `clientTools` and
 * `skills` merge by name (a later one with the same name wins, keeping the earlier one's
 * position), `subagents` merge by key.
 * An `undefined` field leaves the value before it in place.
 */
export function defineAgentProfile(...parts: readonly (AgentProfile | undefined)[]): AgentProfile {
  return Object.freeze(mergeProfiles(parts));
}

/** `defineAgentProfile` without the freeze, for `resolve`, which only reads the result (once per response). */
function mergeProfiles(parts: readonly (AgentProfile | undefined)[]): AgentProfile {
  const merged: { -readonly [K in keyof AgentProfile]: AgentProfile[K] } = {};
  const fields = merged as Record<string, unknown>;
  for (const part of parts) {
    if (!part) continue;
    for (const key of Object.keys(part) as (keyof AgentProfile)[]) {
      const value: unknown = part[key];
      if (value === undefined) continue;
      if (key === "tools") merged.tools = mergeTools(merged.tools ?? [], value as Tool[]);
      else if (key === "clientTools")
        merged.clientTools = mergeTools(merged.clientTools ?? [], value as ModelToolSpec[]);
      else if (key === "skills") merged.skills = mergeTools(merged.skills ?? [], value as Skill[]);
      else if (key === "subagents") merged.subagents = { ...merged.subagents, ...(value as Record<string, Agent>) };
      else fields[key] = value;
    }
  }
  return merged;
}

/** Resolves a config written inline (not through `createAgent`), e.g. in tests or a custom server. */
export function resolveAgentConfig(config: AgentConfig, ctx: AgentContext): Promise<ResolvedAgentConfig> {
  return resolve(config, ctx, []);
}

export function isResolvedAgentConfig(config: AgentConfig | ResolvedAgentConfig): config is ResolvedAgentConfig {
  return resolvedConfigs.has(config as ResolvedAgentConfig);
}

async function configureAgent(agent: Agent, ctx: AgentContext, path: readonly Agent[]): Promise<ResolvedAgentConfig> {
  if (path.includes(agent)) throw new AgentConfigError("subagents form a cycle: an agent is its own subagent");
  const factory = factories.get(agent);
  if (!factory) throw new AgentConfigError("not an agent made by createAgent()");
  return resolve(await factory(ctx), ctx, [...path, agent]);
}

async function resolve(config: AgentConfig, ctx: AgentContext, path: readonly Agent[]): Promise<ResolvedAgentConfig> {
  const { profile, ...own } = config;
  const profiles = profile === undefined ? [] : Array.isArray(profile) ? profile : [profile as AgentProfile];
  const merged = mergeProfiles([...profiles, own]);
  if (!merged.model) throw new AgentConfigError("agent config has no model");
  const maxTurns = merged.maxTurns ?? 8;
  if (!Number.isInteger(maxTurns) || maxTurns < 1) {
    throw new AgentConfigError(`maxTurns must be a positive integer, got ${maxTurns}`);
  }

  const subagents: Record<string, ResolvedAgentConfig> = {};
  for (const [key, subagent] of Object.entries(merged.subagents ?? {})) {
    if (!/^[a-zA-Z0-9_-]{1,52}$/.test(key)) {
      throw new AgentConfigError(
        `subagent key ${JSON.stringify(key)} must be 1-52 letters, digits, _ or - (it becomes a tool name)`,
      );
    }
    subagents[key] = await configureAgent(subagent, ctx, path);
  }
  const sandboxed = sandboxOf(merged);
  const configured = merged.tools ?? [];
  const clash = sandboxed && configured.find((tool) => (SANDBOX_TOOL_NAMES as readonly string[]).includes(tool.name));
  if (clash) throw new AgentConfigError(`tool ${clash.name} clashes with the sandbox's tool of that name`);
  const tools = [...(sandboxed?.tools ?? []), ...configured];
  const skills = merged.skills ?? [];
  if (skills.length > 0 && tools.some((tool) => tool.name === LOAD_SKILL_TOOL)) {
    throw new AgentConfigError(`tool ${LOAD_SKILL_TOOL} clashes with the tool that loads the agent's skills`);
  }
  checkCompaction(merged.compaction);
  if (merged.thinkingLevel !== undefined && !THINKING_LEVELS.includes(merged.thinkingLevel)) {
    throw new AgentConfigError(
      `thinkingLevel must be one of ${THINKING_LEVELS.join(", ")}, got ${JSON.stringify(merged.thinkingLevel)}`,
    );
  }
  for (const clientTool of merged.clientTools ?? []) {
    if (tools.some((tool) => tool.name === clientTool.name)) {
      throw new AgentConfigError(`client tool ${clientTool.name} has the name of a server tool`);
    }
  }
  for (const key of Object.keys(subagents)) {
    if (tools.some((tool) => tool.name === delegateToolName(key))) {
      throw new AgentConfigError(`tool ${delegateToolName(key)} clashes with the tool for subagent ${key}`);
    }
  }

  const resolved: { -readonly [K in keyof ResolvedAgentConfig]: ResolvedAgentConfig[K] } = {
    // A missing key or an unknown provider is a ModelConfigError naming the variable to set.
    model: resolveModel(merged.model, ctx.env),
    tools,
    clientTools: merged.clientTools ?? [],
    subagents,
    skills,
    maxTurns,
    persist: merged.persist ?? true,
  };
  // Assigned one by one rather than spread from temporary objects: this runs for every response.
  if (merged.instructions !== undefined) resolved.instructions = merged.instructions;
  if (merged.description !== undefined) resolved.description = merged.description;
  if (merged.temperature !== undefined) resolved.temperature = merged.temperature;
  if (merged.topP !== undefined) resolved.topP = merged.topP;
  if (merged.maxOutputTokens !== undefined) resolved.maxOutputTokens = merged.maxOutputTokens;
  if (merged.parallelToolCalls !== undefined) resolved.parallelToolCalls = merged.parallelToolCalls;
  if (merged.compaction !== undefined) resolved.compaction = merged.compaction;
  if (merged.thinkingLevel !== undefined) resolved.thinkingLevel = merged.thinkingLevel;
  if (sandboxed) resolved.cwd = sandboxed.cwd;
  resolvedConfigs.add(resolved);
  return resolved;
}

export function delegateToolName(subagentKey: string): string {
  return `delegate_to_${subagentKey}`;
}

const THINKING_LEVELS: readonly ThinkingLevel[] = ["off", "minimal", "low", "medium", "high"];

/** The sandbox's working directory and tools; a `cwd` that is not a directory is a config error. */
function sandboxOf(config: AgentProfile): { cwd: string; tools: Tool[] } | undefined {
  if (!config.sandbox) {
    if (config.cwd !== undefined) throw new AgentConfigError("cwd is the sandbox's working directory: set sandbox too");
    return undefined;
  }
  const cwd = resolvePath(config.cwd ?? process.cwd());
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
    throw new AgentConfigError(`the sandbox's cwd ${cwd} is not a directory`);
  }
  // Built once per sandbox and directory: their schemas are compiled when they are defined.
  let byCwd = sandboxTools.get(config.sandbox);
  if (!byCwd) {
    byCwd = new Map();
    sandboxTools.set(config.sandbox, byCwd);
  }
  let tools = byCwd.get(cwd);
  if (!tools) {
    tools = config.sandbox.tools(cwd);
    byCwd.set(cwd, tools);
  }
  return { cwd, tools };
}

const sandboxTools = new WeakMap<Sandbox, Map<string, Tool[]>>();

function checkCompaction(compaction: AgentProfile["compaction"]): void {
  if (compaction === undefined) return;
  if (!Number.isInteger(compaction.maxTokens) || compaction.maxTokens < 1) {
    throw new AgentConfigError(`compaction.maxTokens must be a positive integer, got ${compaction.maxTokens}`);
  }
  const keep = compaction.keepTurns;
  if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) {
    throw new AgentConfigError(`compaction.keepTurns must be a positive integer, got ${keep}`);
  }
}

function mergeTools<T extends { name: string }>(earlier: readonly T[], later: readonly T[]): T[] {
  const byName = new Map(earlier.map((tool) => [tool.name, tool]));
  for (const tool of later) byName.set(tool.name, tool);
  return [...byName.values()];
}
