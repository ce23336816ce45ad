import type { Tool } from "../tools/types.js";
import type { Agent, AgentConfig, AgentContext, AgentFactory, AgentProfile, ResolvedAgentConfig } from "./types.js";

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
 * Merges profiles left to right into one: scalar fields replace, `tools` merge by name (a later
 * tool with the same name wins, keeping the earlier one's position), `subagents` merge by key.
 * An `undefined` field leaves the value before it in place.
 */
export function defineAgentProfile(...parts: readonly (AgentProfile | undefined)[]): AgentProfile {
  const merged: { -readonly [K in keyof AgentProfile]: AgentProfile[K] } = {};
  for (const part of parts) {
    if (!part) continue;
    for (const [key, value] of Object.entries(part) as [keyof AgentProfile, unknown][]) {
      if (value === undefined) continue;
      if (key === "tools") merged.tools = mergeTools(merged.tools ?? [], value as Tool[]);
      else if (key === "subagents") merged.subagents = { ...merged.subagents, ...(value as Record<string, Agent>) };
      else Object.assign(merged, { [key]: value });
    }
  }
  return Object.freeze(merged);
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
  const merged = defineAgentProfile(...profiles, own);
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
  const tools = merged.tools ?? [];
  for (const key of Object.keys(subagents)) {
    if (tools.some((tool) => tool.name === delegateToolName(key))) {
      throw new AgentConfigError(`tool ${delegateToolName(key)} clashes with the tool for subagent ${key}`);
    }
  }

  const resolved: ResolvedAgentConfig = {
    model: merged.model,
    tools,
    subagents,
    maxTurns,
    persist: merged.persist ?? true,
    ...(merged.instructions === undefined ? {} : { instructions: merged.instructions }),
    ...(merged.description === undefined ? {} : { description: merged.description }),
    ...(merged.temperature === undefined ? {} : { temperature: merged.temperature }),
    ...(merged.topP === undefined ? {} : { topP: merged.topP }),
    ...(merged.maxOutputTokens === undefined ? {} : { maxOutputTokens: merged.maxOutputTokens }),
    ...(merged.parallelToolCalls === undefined ? {} : { parallelToolCalls: merged.parallelToolCalls }),
  };
  resolvedConfigs.add(resolved);
  return resolved;
}

export function delegateToolName(subagentKey: string): string {
  return `delegate_to_${subagentKey}`;
}

function mergeTools(earlier: readonly Tool[], later: readonly Tool[]): Tool[] {
  const byName = new Map(earlier.map((tool) => [tool.name, tool]));
  for (const tool of later) byName.set(tool.name, tool);
  return [...byName.values()];
}
