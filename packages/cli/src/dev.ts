import { existsSync, type FSWatcher, readdirSync, watch } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Agent, AgentContext, WorkflowDefinition } from "@switchboard/core";
import { type AgentFileContext, loadAgentFile } from "./agent-file.js";
import type { Served } from "./demo.js";
import type { ToolRegistry } from "./tool-registry.js";

const MODULE_EXTENSIONS = new Set([".ts", ".mts", ".js", ".mjs"]);
/** Agents written as configuration (pyflue's fields), beside the ones written as modules. */
const CONFIG_EXTENSIONS = new Set([".json", ".yaml", ".yml"]);
/** pyflue's layouts: `agents/` at the project root, or `src/agents/`. */
const AGENT_DIRS = ["agents", "src/agents"];
const WORKFLOW_DIRS = ["workflows"];

export class DevProjectError extends Error {
  override name = "DevProjectError";
}

// biome-ignore lint/suspicious/noExplicitAny: workflows of any parameter type are served side by side
type AnyWorkflow = WorkflowDefinition<any>;

interface Entry<T> {
  file: string;
  current: T;
}

export interface DevProject {
  served: Served;
  /** Stops watching the files. */
  close(): void;
}

/**
 * Discovers a project's agents (`agents/*`, `src/agents/*`: a default export made by
 * `createAgent`, named after the file) and workflows (`workflows/*`: a default export made by
 * `defineWorkflow`, named by its definition), and keeps watching them. The served agent and
 * workflow objects stay the same; each delegates to the file's latest version, so a changed file
 * takes effect on the next prompt or run while every stored session and running workflow carries on.
 */
export async function loadDevProject(
  dir: string,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  options: { toolRegistry?: ToolRegistry } = {},
): Promise<DevProject> {
  const root = resolve(dir);
  if (!existsSync(root)) throw new DevProjectError(`${dir}: no such directory`);
  const agentFiles = moduleFiles(root, AGENT_DIRS, true);
  const workflowFiles = moduleFiles(root, WORKFLOW_DIRS);
  if (agentFiles.length === 0 && workflowFiles.length === 0) {
    throw new DevProjectError(
      `${dir}: found no agents (agents/*.ts, src/agents/*.ts) and no workflows (workflows/*.ts) to serve`,
    );
  }

  const agents = new Map<string, Entry<Agent>>();
  const fileContext: AgentFileContext = {
    ...(options.toolRegistry ? { registry: options.toolRegistry } : {}),
    agent: (name) => agents.get(name)?.current,
  };
  const importAgent = (file: string, version: number) =>
    CONFIG_EXTENSIONS.has(extname(file)) ? loadAgentFile(file, fileContext) : importAgentModule(file, version);
  for (const file of agentFiles) {
    const name = basename(file, extname(file));
    const clash = agents.get(name);
    if (clash) throw new DevProjectError(`${file} and ${clash.file} both define the agent ${name}`);
    const agent = await importAgent(file, 0);
    await checkModel(agent, file);
    agents.set(name, { file, current: agent });
  }
  const workflows = new Map<string, Entry<AnyWorkflow>>();
  for (const file of workflowFiles) {
    const workflow = await importWorkflow(file, 0);
    const clash = workflows.get(workflow.name);
    if (clash) throw new DevProjectError(`${file} and ${clash.file} both define the workflow ${workflow.name}`);
    workflows.set(workflow.name, { file, current: workflow });
  }

  const served: Served = {
    agents: Object.fromEntries(
      [...agents].map(([name, entry]) => [
        name,
        { configure: (ctx: AgentContext) => entry.current.configure(ctx) } satisfies Agent,
      ]),
    ),
    workflows: [...workflows.values()].map(
      (entry): AnyWorkflow => ({
        name: entry.current.name,
        description: entry.current.description,
        run: (ui, params) => entry.current.run(ui, params),
      }),
    ),
  };

  let version = 0;
  const reload = async (file: string) => {
    version++;
    const agent = [...agents.values()].find((entry) => entry.file === file);
    const workflow = [...workflows.values()].find((entry) => entry.file === file);
    try {
      if (agent) agent.current = await importAgent(file, version);
      else if (workflow) {
        const next = await importWorkflow(file, version);
        if (next.name !== workflow.current.name) {
          throw new DevProjectError(`renames workflow ${workflow.current.name} to ${next.name}: restart to serve it`);
        }
        workflow.current = next;
      } else {
        if (existsSync(file)) log(`switchboard dev: ${file} is new: restart to serve it`);
        return;
      }
      log(`switchboard dev: reloaded ${file}`);
    } catch (error) {
      // The previous version keeps serving until the file is fixed.
      log(`switchboard dev: ${file} failed to reload, still serving the previous version: ${(error as Error).message}`);
    }
  };

  const watchers = watchFiles(root, [...AGENT_DIRS, ...WORKFLOW_DIRS], (file) => void reload(file));
  return {
    served,
    close: () => {
      for (const watcher of watchers) watcher.close();
    },
  };
}

function moduleFiles(root: string, dirs: readonly string[], withConfig = false): string[] {
  return dirs.flatMap((dir) => {
    const path = join(root, dir);
    if (!existsSync(path)) return [];
    return readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isFile() && isSource(entry.name, withConfig))
      .map((entry) => join(path, entry.name))
      .sort();
  });
}

/**
 * Configures the agent once so that a model it cannot have (a missing API key, an unknown
 * provider) stops the server at startup with the variable to set, not at the first prompt.
 * Other failures may depend on the instance, so they are left to the requests.
 */
async function checkModel(agent: Agent, file: string): Promise<void> {
  try {
    await agent.configure({ id: "startup-check", env: process.env });
  } catch (error) {
    // By name: the project may load its own copy of @switchboard/core.
    if ((error as Error | undefined)?.name === "ModelConfigError") {
      throw new DevProjectError(`${file}: ${(error as Error).message}`);
    }
  }
}

/** A query string makes the module loader read the file again instead of returning its cached module. */
async function importDefault(file: string, version: number): Promise<unknown> {
  const url = pathToFileURL(file);
  if (version > 0) url.search = `?v=${version}`;
  const module = (await import(url.href)) as { default?: unknown };
  return module.default;
}

function isSource(name: string, withConfig: boolean): boolean {
  const extension = extname(name);
  if (name.endsWith(".d.ts")) return false;
  return MODULE_EXTENSIONS.has(extension) || (withConfig && CONFIG_EXTENSIONS.has(extension));
}

async function importAgentModule(file: string, version: number): Promise<Agent> {
  const agent = await importDefault(file, version);
  if (typeof (agent as Agent | undefined)?.configure !== "function") {
    throw new DevProjectError(`${file} must default-export an agent: export default createAgent(...)`);
  }
  return agent as Agent;
}

async function importWorkflow(file: string, version: number): Promise<AnyWorkflow> {
  const workflow = (await importDefault(file, version)) as AnyWorkflow | undefined;
  if (typeof workflow?.run !== "function" || typeof workflow.name !== "string") {
    throw new DevProjectError(`${file} must default-export a workflow: export default defineWorkflow(...)`);
  }
  return workflow;
}

/** Editors save by writing in place or by renaming a new file over the old: both show up as events on the directory. */
function watchFiles(root: string, dirs: readonly string[], changed: (file: string) => void): FSWatcher[] {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  return dirs
    .map((dir) => join(root, dir))
    .filter((path) => existsSync(path))
    .map((path) =>
      watch(path, (_event, name) => {
        if (!name || !isSource(name.toString(), true)) return;
        const file = join(path, name.toString());
        // One save often fires several events; reload once it settles.
        clearTimeout(pending.get(file));
        pending.set(
          file,
          setTimeout(() => {
            pending.delete(file);
            changed(file);
          }, 50),
        );
      }),
    );
}
