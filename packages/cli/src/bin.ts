#!/usr/bin/env node
import { DatastoreSchemaError, parseDatastoreArgs, SETUP_DATASTORE_HELP } from "@switchboard/store-postgres";
import { OptionsError, optionsFromEnv, type ServingSwitchboard, serve } from "./index.js";

const usage = `Usage: switchboard serve [--setup-datastore] [--allow-public]

Serves the demo agents and workflows on the Responses, instance-agent and workflow protocols.

Options:
${SETUP_DATASTORE_HELP}

Environment:
  PORT                   port to listen on (default 8787)
  HOST                   interface to bind (default 127.0.0.1)
  SWITCHBOARD_FRAMEWORK  express | fastify | hono (default hono)
  SWITCHBOARD_API_KEY    when set, every route requires Authorization: Bearer <key> (but /healthz, /readyz)
  SWITCHBOARD_ALLOW_PUBLIC  1 to serve on a non-loopback HOST without an API key (also --allow-public)
  SWITCHBOARD_CORS_ORIGINS  comma-separated browser origins allowed to call the server (* for any)
  SWITCHBOARD_RATE_LIMIT requests per minute per API key or client address (default 6000; off)
  SWITCHBOARD_LOG_LEVEL  fatal | error | warn | info | debug | trace | silent (default info)
  DATABASE_URL           postgres:// URL of the store (default: embedded, under SWITCHBOARD_DATA_DIR)
  SWITCHBOARD_DATA_DIR   directory of the embedded store (default .switchboard/data)
`;

const SHUTDOWN_GRACE_MS = 10_000;

async function main(argv: string[]): Promise<number | undefined> {
  const datastore = parseDatastoreArgs(argv);
  // Until the CLI's own argument parser lands, --allow-public is read here.
  const allowPublic = datastore.rest.includes("--allow-public");
  const args = datastore.rest.filter((arg) => arg !== "--allow-public");
  const [command] = args;
  if (command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(usage);
    return 0;
  }
  if (command !== "serve") {
    process.stderr.write(`${command === undefined ? "missing command" : `unknown command: ${command}`}\n\n${usage}`);
    return 2;
  }
  let running: ServingSwitchboard;
  try {
    const options = optionsFromEnv();
    running = await serve({
      ...options,
      setupDatastore: datastore.setup,
      allowPublic: allowPublic || options.allowPublic,
    });
  } catch (error) {
    const known = error instanceof OptionsError || error instanceof DatastoreSchemaError;
    process.stderr.write(`switchboard: ${known ? error.message : String(error)}\n`);
    return 1;
  }
  process.stdout.write(`Switchboard listening on ${running.url} (${running.framework})\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal means the operator does not want to wait for running requests.
    if (stopping) process.exit(130);
    stopping = true;
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

main(process.argv.slice(2)).then((code) => {
  if (code !== undefined) process.exit(code);
});
