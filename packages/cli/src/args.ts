import { parseArgs } from "node:util";
import { OptionsError, resolveServeOptions, type ServeOptions, type SettingSources } from "./options.js";

/** A command line that cannot be run; the CLI prints it with the usage and exits with 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

interface FlagSpec {
  name: string;
  type: "string" | "boolean";
  multiple?: boolean;
  short?: string;
  value?: string;
  env?: string;
  help: string;
  /** The commands that take the flag (both when absent). */
  only?: Command;
}

export type Command = "serve" | "dev";

/** Every flag, in the order `--help` lists them. */
export const FLAGS: readonly FlagSpec[] = [
  {
    name: "port",
    type: "string",
    value: "N",
    env: "PORT",
    help: "port to listen on (default 8787; 0 picks a free one)",
  },
  { name: "host", type: "string", value: "HOST", env: "HOST", help: "interface to bind (default 127.0.0.1)" },
  {
    name: "framework",
    type: "string",
    value: "NAME",
    env: "SWITCHBOARD_FRAMEWORK",
    help: "express | fastify | hono (default hono)",
  },
  {
    name: "database-url",
    type: "string",
    value: "URL",
    env: "DATABASE_URL",
    help: "postgres:// URL of the store (default: the embedded store under --data-dir)",
  },
  {
    name: "data-dir",
    type: "string",
    value: "DIR",
    env: "SWITCHBOARD_DATA_DIR",
    help: "directory of the embedded store (default .switchboard/data)",
  },
  {
    name: "setup-datastore",
    type: "boolean",
    help: "create or upgrade the database schema before serving (needed once per Postgres database and after upgrades)",
  },
  {
    name: "api-key",
    type: "string",
    value: "KEY",
    env: "SWITCHBOARD_API_KEY",
    help: "require Authorization: Bearer <KEY> on every protocol route",
  },
  {
    name: "cors-origin",
    type: "string",
    multiple: true,
    value: "ORIGIN",
    env: "SWITCHBOARD_CORS_ORIGINS",
    help: "allow this browser origin (repeatable or comma-separated; * for any)",
  },
  {
    name: "rate-limit",
    type: "string",
    value: "N/WINDOW",
    env: "SWITCHBOARD_RATE_LIMIT",
    help: "requests per key or address, e.g. 120/m, 10/s, 50/30s",
  },
  {
    name: "allow-public",
    type: "boolean",
    env: "SWITCHBOARD_ALLOW_PUBLIC",
    help: "allow a non-loopback --host without --api-key",
  },
  {
    name: "workflow-prefix",
    type: "string",
    multiple: true,
    value: "PATH",
    env: "SWITCHBOARD_WORKFLOW_PREFIXES",
    help: "mount the workflow protocol here (repeatable; default /workflows and /fastagency)",
  },
  {
    name: "agent-config",
    type: "string",
    multiple: true,
    value: "FILE",
    only: "serve",
    help: "serve the Agent Spec agent in FILE (JSON or YAML; repeatable) instead of the demo agents",
  },
  {
    name: "agent-id",
    type: "string",
    multiple: true,
    value: "NAME",
    only: "serve",
    help: "serve the agent of the matching --agent-config under NAME instead of its name (repeatable, in order)",
  },
  {
    name: "tool-registry",
    type: "string",
    value: "MODULE",
    help: "module whose default export maps tool names to functions (ServerTools of --agent-config, tools of dev's agent files)",
  },
  { name: "help", short: "h", type: "boolean", help: "show this help" },
  { name: "version", short: "v", type: "boolean", help: "print the version" },
];

export type ParsedCommand =
  | { kind: "help"; command?: Command }
  | { kind: "version" }
  | { kind: Command; options: ServeOptions; positionals: string[] };

/** Parses `switchboard <command> [flags]` with the environment beneath the flags. */
export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedCommand {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError("missing command (serve or dev)");
  if (first === "help" || first === "--help" || first === "-h") return { kind: "help" };
  if (first === "--version" || first === "-v") return { kind: "version" };
  if (first !== "serve" && first !== "dev") {
    throw new UsageError(first.startsWith("-") ? `unknown flag ${first}` : `unknown command: ${first}`);
  }
  const command: Command = first;
  const flags = FLAGS.filter((flag) => flag.only === undefined || flag.only === command);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: Object.fromEntries(
        flags.map((flag) => [
          flag.name,
          {
            type: flag.type,
            ...(flag.multiple ? { multiple: true } : {}),
            ...(flag.short ? { short: flag.short } : {}),
          },
        ]),
      ),
      allowPositionals: command === "dev",
      strict: true,
    });
  } catch (error) {
    throw new UsageError(describeParseError(error, command));
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (values.help) return { kind: "help", command };
  if (values.version) return { kind: "version" };
  if (parsed.positionals.length > 1) {
    throw new UsageError(`switchboard dev takes one directory, got ${parsed.positionals.length}`);
  }

  const text = (name: string) => values[name] as string | undefined;
  const texts = (name: string) => values[name] as string[] | undefined;
  const settings: SettingSources = {
    port: text("port"),
    host: text("host"),
    framework: text("framework"),
    databaseUrl: text("database-url"),
    dataDir: text("data-dir"),
    apiKey: text("api-key"),
    corsOrigins: texts("cors-origin"),
    rateLimit: text("rate-limit"),
    allowPublic: values["allow-public"] as boolean | undefined,
    workflowPrefixes: texts("workflow-prefix"),
    setupDatastore: values["setup-datastore"] as boolean | undefined,
  };
  const agentConfigs = texts("agent-config") ?? [];
  const agentIds = texts("agent-id") ?? [];
  if (agentIds.length > agentConfigs.length) {
    throw new UsageError(`--agent-id was given ${agentIds.length} times for ${agentConfigs.length} --agent-config`);
  }
  const toolRegistry = text("tool-registry");
  if (toolRegistry !== undefined && command === "serve" && agentConfigs.length === 0) {
    throw new UsageError("--tool-registry needs --agent-config (its tools are the agents' ServerTools)");
  }
  try {
    const options = resolveServeOptions(settings, env);
    if (agentConfigs.length > 0) {
      options.agentConfigs = agentConfigs.map((file, index) => ({
        file,
        ...(agentIds[index] === undefined ? {} : { id: agentIds[index] }),
      }));
    }
    if (toolRegistry !== undefined) options.toolRegistry = toolRegistry;
    return { kind: command, options, positionals: parsed.positionals };
  } catch (error) {
    if (error instanceof OptionsError) throw new UsageError(error.message);
    throw error;
  }
}

/** Node's messages are long and suggest `--`; ours name the flag and point at the help. */
function describeParseError(error: unknown, command: Command): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown flag ${flag ?? message} for switchboard ${command}`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const positional = /'([^']+)'/.exec(message)?.[1];
    return `switchboard ${command} takes no arguments, got ${JSON.stringify(positional ?? message)}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && flag) {
    return /argument missing|ambiguous/.test(message) ? `${flag} needs a value` : `${flag} takes no value`;
  }
  return message;
}

const COMMANDS: Record<Command, { usage: string; summary: string }> = {
  serve: {
    usage: "switchboard serve [flags]",
    summary: "Serves the demo agents and workflows on the Responses, instance-agent and workflow protocols.",
  },
  dev: {
    usage: "switchboard dev [DIR] [flags]",
    summary:
      "Serves the agents in DIR/agents and DIR/src/agents and the workflows in DIR/workflows (DIR defaults to the current directory), reloading a file when it changes.",
  },
};

/** The text of `--help`: every flag of the command, with the variable it overrides. */
export function helpText(command?: Command): string {
  const lines: string[] = [];
  if (command) lines.push(`Usage: ${COMMANDS[command].usage}`, "", COMMANDS[command].summary, "");
  else {
    lines.push("Usage: switchboard <command> [flags]", "", "Commands:");
    for (const [name, { summary }] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(8)}${summary}`);
    lines.push("", "Run switchboard <command> --help for one command. Flags of both commands:", "");
  }
  lines.push("Flags (a flag overrides its environment variable):");
  const shown = FLAGS.filter((flag) => !command || flag.only === undefined || flag.only === command);
  const left = (flag: FlagSpec) =>
    `${flag.short ? `-${flag.short}, ` : "    "}--${flag.name}${flag.value ? ` ${flag.value}` : ""}`;
  const width = Math.max(...shown.map((flag) => left(flag).length)) + 2;
  for (const flag of shown) {
    const env = flag.env ? ` [env ${flag.env}]` : "";
    lines.push(`  ${left(flag).padEnd(width)}${flag.help}${env}`);
  }
  return `${lines.join("\n")}\n`;
}
