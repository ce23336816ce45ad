import { resolve } from "node:path";
import type { Agent } from "@switchboard/core";
import { loadToolRegistry } from "../tool-registry.js";
import { agentFromSpec } from "./agent.js";
import { loadAgentSpec } from "./load.js";

export { type AgentSpecRuntime, agentFromSpec } from "./agent.js";
export { AgentSpecError, loadAgentSpec, parseAgentSpec, type SpecAgent } from "./load.js";
export { type SpecIssue, validateAgentSpec } from "./schema.js";

/** The agent name a path segment and a Responses `model` can carry. */
const AGENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Loads `--agent-config` files (and `--tool-registry`) into served agents by name. */
export async function agentsFromSpecFiles(
  configs: readonly { file: string; id?: string }[],
  options: { toolRegistry?: string; env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<Record<string, Agent>> {
  const cwd = options.cwd ?? process.cwd();
  const registry = options.toolRegistry ? await loadToolRegistry(options.toolRegistry, cwd) : undefined;
  const agents: Record<string, Agent> = {};
  for (const { file, id } of configs) {
    const spec = await loadAgentSpec(resolve(cwd, file));
    const name = id ?? spec.name;
    if (!AGENT_NAME.test(name)) {
      throw new Error(
        `${file}: the agent's name ${JSON.stringify(name)} cannot be served as is (letters, digits, . _ -); give --agent-id`,
      );
    }
    if (name in agents) throw new Error(`${file}: two agents are named ${name}; give --agent-id`);
    const defaults = new Set((spec.inputs ?? []).filter((input) => "default" in input).map((input) => input.title));
    for (const [, input] of spec.system_prompt.matchAll(/\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g)) {
      // Served prompts carry no inputs: only a dispatched payload can fill this one.
      if (!defaults.has(input!)) {
        console.warn(`[switchboard] ${file}: input ${input} has no default; prompts fail unless a dispatch gives it`);
      }
    }
    try {
      agents[name] = agentFromSpec(spec, { env: options.env ?? process.env, ...(registry ? { registry } : {}) });
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
  }
  return agents;
}
