import { fileURLToPath } from "node:url";
import { createLogger, createSwitchboard, type Switchboard } from "@switchboard/core";
import type { RunningServer } from "@switchboard/core/node";
import { openDatastore } from "@switchboard/store-postgres";
import { demoProtocols } from "./demo.js";
import { checkExposure } from "./exposure.js";
import type { Framework, ServeOptions } from "./options.js";
import { homePage, withSite } from "./site.js";

export { demoProtocols } from "./demo.js";
export { checkExposure, isLoopback } from "./exposure.js";
export { FRAMEWORKS, type Framework, OptionsError, optionsFromEnv, type ServeOptions } from "./options.js";

export interface ServingSwitchboard {
  readonly url: string;
  readonly port: number;
  readonly framework: Framework;
  /** Stops the server (giving running requests `graceMs`), then the protocols. */
  close(graceMs?: number): Promise<void>;
}

type Listen = (sb: Switchboard, options: { port: number; host: string }) => Promise<RunningServer>;

// Loaded on demand: starting one framework should not pay for importing the other two.
const adapters: Record<Framework, () => Promise<Listen>> = {
  express: async () => (await import("@switchboard/express")).listen,
  fastify: async () => (await import("@switchboard/fastify")).listen,
  hono: async () => (await import("@switchboard/hono")).listen,
};

// The HTML workflow client ships with the package (page/), one level above both src/ and dist/.
const defaultPage = fileURLToPath(new URL("../page/index.html", import.meta.url));

/** Serves the demo protocols on the chosen framework. */
export async function serve(options: ServeOptions): Promise<ServingSwitchboard> {
  // Before anything is opened: a refused exposure must not leave a database behind.
  const warning = checkExposure(options);
  const logger = options.logger ?? createLogger(options.logLevel ?? "info");
  if (warning) logger.warn({ event: "public_without_key", host: options.host }, warning);
  const store =
    options.store ??
    (await openDatastore({
      databaseUrl: options.databaseUrl,
      dataDir: options.dataDir,
      setup: options.setupDatastore,
    }));
  const closeStore = options.store ? async () => {} : () => store.close();
  const ready = async () => {
    await store.ping?.();
  };
  const sb = createSwitchboard({
    protocols: demoProtocols(options, store),
    apiKey: options.apiKey,
    cors: options.cors,
    rateLimit: options.rateLimit,
    logger,
    metrics: true,
    ready,
  });
  const site = withSite(sb, { home: homePage(options.htmlFile ?? defaultPage), apiKey: options.apiKey, ready });
  let server: RunningServer;
  try {
    server = await (await adapters[options.framework]())(site, { port: options.port, host: options.host });
  } catch (error) {
    await sb.close();
    await closeStore();
    throw error;
  }
  return {
    url: server.url,
    port: server.port,
    framework: options.framework,
    async close(graceMs) {
      await server.close(graceMs);
      await sb.close();
      await closeStore();
    },
  };
}
