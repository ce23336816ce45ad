/**
 * Agents written as configuration (`agents/NAME.yaml` or `.json`) with pyflue's field names: the
 * same fields `createAgent` takes, in snake_case, with skills, profiles and the sandbox's `cwd`
 * given as paths relative to the file.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import {
  type Agent,
  type AgentConfig,
  type AgentProfile,
  createAgent,
  loadSkills,
  localSandbox,
  type ModelReference,
  type Tool,
} from "@switchboard/core";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { parse as parseYaml } from "yaml";
import { jsonPath } from "./agent-spec/schema.js";
import type { ToolRegistry } from "./tool-registry.js";

const profileFields = {
  model: {
    oneOf: [
      { type: "string", minLength: 1 },
      {
        type: "object",
        required: ["base_url", "model"],
        properties: {
          base_url: { type: "string" },
          model: { type: "string" },
          api: { enum: ["chat", "responses"] },
          api_key_env: { type: "string" },
        },
        additionalProperties: false,
      },
    ],
  },
  instructions: { type: "string" },
  description: { type: "string" },
  thinking_level: { enum: ["off", "minimal", "low", "medium", "high"] },
  tools: { type: "array", items: { type: "string" } },
  skills: { type: "array", items: { type: "string" } },
  subagents: {
    oneOf: [
      { type: "array", items: { type: "string" } },
      { type: "object", additionalProperties: { type: "string" } },
    ],
  },
  compaction: {
    type: "object",
    required: ["max_tokens"],
    properties: { max_tokens: { type: "integer", minimum: 1 }, keep_turns: { type: "integer", minimum: 1 } },
    additionalProperties: false,
  },
  temperature: { type: "number", minimum: 0, maximum: 2 },
  top_p: { type: "number", minimum: 0, maximum: 1 },
  max_output_tokens: { type: "integer", minimum: 1 },
  max_turns: { type: "integer", minimum: 1 },
  sandbox: { enum: ["local"] },
  cwd: { type: "string" },
  persist: { type: "boolean" },
};
// Compiled on first use, not when the CLI loads (see agent-spec/schema.ts).
let validators: { profile: ValidateFunction; agent: ValidateFunction } | undefined;
function validatorsOf(): { profile: ValidateFunction; agent: ValidateFunction } {
  if (validators) return validators;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  validators = {
    profile: ajv.compile({ type: "object", properties: profileFields, additionalProperties: false }),
    agent: ajv.compile({
      type: "object",
      properties: {
        ...profileFields,
        profile: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
      },
      additionalProperties: false,
    }),
  };
  return validators;
}

export class AgentFileError extends Error {
  override name = "AgentFileError";
}

export interface AgentFileContext {
  registry?: ToolRegistry;
  /** Another agent of the project, for `subagents`; looked up when an instance is configured. */
  agent(name: string): Agent | undefined;
}

/** Reads and checks an agent file, then builds the agent; problems name the file and the field. */
export async function loadAgentFile(file: string, context: AgentFileContext): Promise<Agent> {
  const fields = await readConfig(file, validatorsOf().agent);
  const profiles: AgentProfile[] = [];
  // Subagents are other agents of the project, found when an instance is configured; like the
  // lists of tools and skills, a profile's merge with the file's (by key).
  let subagents: Record<string, string> = {};
  const profilePaths = typeof fields.profile === "string" ? [fields.profile] : ((fields.profile as string[]) ?? []);
  for (const path of profilePaths) {
    const profileFile = resolve(dirname(file), path);
    const profileFields = await readConfig(profileFile, validatorsOf().profile);
    profiles.push(await profileOf(profileFields, profileFile, context));
    subagents = { ...subagents, ...subagentNames(profileFields.subagents) };
  }
  const own = await profileOf(fields, file, context);
  subagents = { ...subagents, ...subagentNames(fields.subagents) };
  return createAgent(() => {
    const resolved: Record<string, Agent> = {};
    for (const [key, name] of Object.entries(subagents)) {
      const agent = context.agent(name);
      if (!agent) throw new AgentFileError(`${file}: subagent ${name} is not an agent of this project`);
      resolved[key] = agent;
    }
    return {
      ...(own as AgentConfig),
      ...(profiles.length > 0 ? { profile: profiles } : {}),
      ...(Object.keys(resolved).length > 0 ? { subagents: resolved } : {}),
    };
  });
}

async function readConfig(file: string, validate: ValidateFunction): Promise<Record<string, unknown>> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new AgentFileError(`${file}: cannot be read (${error.code ?? error.message})`);
  });
  let value: unknown;
  try {
    value = file.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new AgentFileError(`${file}: cannot be parsed: ${(error as Error).message}`);
  }
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map((error) => {
      const extra = error.keyword === "additionalProperties" ? `.${String(error.params.additionalProperty)}` : "";
      const message = error.keyword === "additionalProperties" ? "is not a known field" : error.message;
      return `  ${jsonPath(error.instancePath)}${extra}: ${message}`;
    });
    throw new AgentFileError(`${file} is not a valid agent file:\n${[...new Set(problems)].join("\n")}`);
  }
  return value as Record<string, unknown>;
}

/** The createAgent fields of one file (subagents and profiles aside). */
async function profileOf(
  fields: Record<string, unknown>,
  file: string,
  context: AgentFileContext,
): Promise<AgentProfile> {
  const here = dirname(file);
  const profile: { -readonly [K in keyof AgentProfile]: AgentProfile[K] } = {};
  if (fields.model !== undefined) profile.model = modelOf(fields.model);
  if (typeof fields.instructions === "string") profile.instructions = fields.instructions;
  if (typeof fields.description === "string") profile.description = fields.description;
  if (fields.thinking_level !== undefined)
    profile.thinkingLevel = fields.thinking_level as AgentConfig["thinkingLevel"];
  if (fields.temperature !== undefined) profile.temperature = fields.temperature as number;
  if (fields.top_p !== undefined) profile.topP = fields.top_p as number;
  if (fields.max_output_tokens !== undefined) profile.maxOutputTokens = fields.max_output_tokens as number;
  if (fields.max_turns !== undefined) profile.maxTurns = fields.max_turns as number;
  if (fields.persist !== undefined) profile.persist = fields.persist as boolean;
  if (fields.sandbox === "local") profile.sandbox = localSandbox();
  if (typeof fields.cwd === "string") profile.cwd = resolve(here, fields.cwd);
  if (fields.compaction !== undefined) {
    const compaction = fields.compaction as { max_tokens: number; keep_turns?: number };
    profile.compaction = {
      maxTokens: compaction.max_tokens,
      ...(compaction.keep_turns === undefined ? {} : { keepTurns: compaction.keep_turns }),
    };
  }
  if (Array.isArray(fields.skills)) {
    try {
      profile.skills = await loadSkills(...(fields.skills as string[]).map((path) => resolve(here, path)));
    } catch (error) {
      throw new AgentFileError(`${file}: $.skills: ${(error as Error).message}`);
    }
  }
  if (Array.isArray(fields.tools))
    profile.tools = (fields.tools as string[]).map((name, index) =>
      toolOf(name, context, `${file}: $.tools[${index}]`),
    );
  return profile;
}

function toolOf(name: string, context: AgentFileContext, where: string): Tool {
  const fn = context.registry?.get(name);
  if (!fn) {
    throw new AgentFileError(
      context.registry
        ? `${where}: ${name} is not in the tool registry`
        : `${where}: tools need --tool-registry MODULE`,
    );
  }
  // The registry gives functions only: the model sees a tool that takes any arguments object.
  return { name, parameters: { type: "object" }, execute: (args, ctx) => fn(args, ctx) };
}

function modelOf(model: unknown): ModelReference {
  if (typeof model === "string") return model;
  const endpoint = model as { base_url: string; model: string; api?: "chat" | "responses"; api_key_env?: string };
  return {
    baseURL: endpoint.base_url,
    model: endpoint.model,
    ...(endpoint.api ? { api: endpoint.api } : {}),
    ...(endpoint.api_key_env ? { apiKeyEnv: endpoint.api_key_env } : {}),
  };
}

/** `[a, b]` delegates to agents a and b under their own names; `{ key: name }` renames them. */
function subagentNames(value: unknown): Record<string, string> {
  if (Array.isArray(value)) return Object.fromEntries(value.map((name: string) => [name, name]));
  return (value as Record<string, string> | undefined) ?? {};
}
