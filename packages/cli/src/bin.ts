#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { helpText, type ParsedCommand, parseCommandLine, UsageError } from "./args.js";
import { type DevProject, loadDevProject } from "./dev.js";
import { loadToolRegistry, type ServingSwitchboard, serve } from "./index.js";

const SHUTDOWN_GRACE_MS = 10_000;

function version(): string {
  // One level below the package root both in src/ (from a checkout) and in dist/ (when built).
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

async function main(argv: string[]): Promise<number | undefined> {
  let parsed: ParsedCommand;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const command = commandOf(argv);
    process.stderr.write(
      `switchboard: ${error.message}\nRun switchboard ${command ? `${command} ` : ""}--help for the flags.\n`,
    );
    return 2;
  }
  if (parsed.kind === "help") {
    process.stdout.write(helpText(parsed.command));
    return 0;
  }
  if (parsed.kind === "version") {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  let running: ServingSwitchboard;
  let project: DevProject | undefined;
  try {
    if (parsed.kind === "dev") {
      const registry = parsed.options.toolRegistry ? await loadToolRegistry(parsed.options.toolRegistry) : undefined;
      project = await loadDevProject(
        parsed.positionals[0] ?? ".",
        undefined,
        registry ? { toolRegistry: registry } : {},
      );
      running = await serve(parsed.options, project.served);
    } else running = await serve(parsed.options);
  } catch (error) {
    project?.close();
    // Startup failures (a bad agent file, a missing key, an unreachable database) are the operator's
    // to fix: the message says what, a stack trace would only bury it.
    process.stderr.write(`switchboard: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (project) {
    const { agents, workflows } = project.served;
    process.stdout.write(
      `agents: ${Object.keys(agents).join(", ") || "none"}; workflows: ${workflows.map((w) => w.name).join(", ") || "none"}\n`,
    );
  }
  process.stdout.write(`Switchboard listening on ${running.url} (${running.framework})\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal means the operator does not want to wait for running requests.
    if (stopping) process.exit(130);
    stopping = true;
    project?.close();
    process.stderr.write(`switchboard: ${signal} received, shutting down\n`);
    running.close(SHUTDOWN_GRACE_MS).then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`switchboard: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return undefined;
}

function commandOf(argv: readonly string[]): "serve" | "dev" | undefined {
  return argv[0] === "serve" || argv[0] === "dev" ? argv[0] : undefined;
}

main(process.argv.slice(2)).then((code) => {
  if (code !== undefined) process.exit(code);
});
