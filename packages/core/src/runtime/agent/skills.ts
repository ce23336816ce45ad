import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { defineTool } from "../tools/define.js";
import type { Tool } from "../tools/types.js";

/**
 * A skill: instructions the model loads by name when a task calls for them. The model sees every
 * skill's name and description in its instructions, and reads a skill's body through the
 * `load_skill` tool, so long instructions cost tokens only when they are used.
 */
export interface Skill {
  name: string;
  description: string;
  instructions: string;
}

export class SkillError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SkillError";
  }
}

const SKILL_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/;
export const LOAD_SKILL_TOOL = "load_skill";

export function defineSkill(skill: Skill): Skill {
  if (!SKILL_NAME.test(skill.name)) {
    throw new SkillError(`skill name ${JSON.stringify(skill.name)} must be 1-64 letters, digits, _ . or -`);
  }
  if (typeof skill.description !== "string" || skill.description.trim() === "") {
    throw new SkillError(`skill ${skill.name} needs a description (the model chooses skills by it)`);
  }
  return Object.freeze({ name: skill.name, description: skill.description.trim(), instructions: skill.instructions });
}

/**
 * Reads a skill from markdown with YAML front matter (`name`, `description`); the body is the
 * instructions. Without a `name`, the file's name is the skill's.
 */
export function parseSkill(markdown: string, fallbackName?: string): Skill {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(markdown);
  if (!match) throw new SkillError("a skill must start with YAML front matter between --- lines (name, description)");
  let front: unknown;
  try {
    front = parseYaml(match[1]!);
  } catch (error) {
    throw new SkillError(`the front matter is not YAML: ${(error as Error).message}`);
  }
  const fields = (typeof front === "object" && front !== null ? front : {}) as Record<string, unknown>;
  const name = typeof fields.name === "string" ? fields.name : fallbackName;
  if (name === undefined) throw new SkillError("a skill's front matter needs a name");
  return defineSkill({
    name,
    description: typeof fields.description === "string" ? fields.description : "",
    instructions: match[2]!.trim(),
  });
}

/** Loads skills from markdown files, or from every `.md` file of a directory (and its `*\/SKILL.md`). */
export async function loadSkills(...paths: string[]): Promise<Skill[]> {
  const skills: Skill[] = [];
  for (const path of paths) {
    const entries = await readdir(path, { withFileTypes: true }).catch(() => undefined);
    if (!entries) {
      skills.push(await loadSkillFile(path, basename(path, extname(path))));
      continue;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isFile() && entry.name.endsWith(".md")) {
        skills.push(await loadSkillFile(join(path, entry.name), basename(entry.name, ".md")));
      } else if (entry.isDirectory()) {
        const file = join(path, entry.name, "SKILL.md");
        const exists = await readFile(file, "utf8").then(
          () => true,
          () => false,
        );
        if (exists) skills.push(await loadSkillFile(file, entry.name));
      }
    }
  }
  return skills;
}

async function loadSkillFile(file: string, fallbackName: string): Promise<Skill> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new SkillError(`cannot read skill ${file}: ${error.code ?? error.message}`);
  });
  try {
    return parseSkill(text, fallbackName);
  } catch (error) {
    throw new SkillError(`${file}: ${(error as Error).message}`);
  }
}

/** The part of the instructions that offers the skills. */
export function skillsInstructions(skills: readonly Skill[]): string {
  if (skills.length === 0) return "";
  const lines = skills.map((skill) => `- ${skill.name}: ${skill.description}`);
  return [
    `Skills you can load with the ${LOAD_SKILL_TOOL} tool when a task calls for one (load it before following it):`,
    ...lines,
  ].join("\n");
}

export function loadSkillTool(skills: readonly Skill[]): Tool<{ name: string }, string> {
  const byName = new Map(skills.map((skill) => [skill.name, skill]));
  return defineTool<{ name: string }, string>({
    name: LOAD_SKILL_TOOL,
    description: "Loads the full instructions of one of your skills by name",
    parameters: {
      type: "object",
      properties: { name: { type: "string", enum: [...byName.keys()] } },
      required: ["name"],
      additionalProperties: false,
    },
    execute: ({ name }) => {
      const skill = byName.get(name);
      if (!skill) throw new Error(`no skill named ${name}`);
      return skill.instructions;
    },
  });
}
