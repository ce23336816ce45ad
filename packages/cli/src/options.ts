import type { Store } from "@switchboard/core";

export const FRAMEWORKS = ["express", "fastify", "hono"] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export interface ServeOptions {
  port: number;
  host: string;
  framework: Framework;
  /** When set, every protocol route requires `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** A `postgres://` URL; without it the embedded store lives under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Create or upgrade the database schema first (`--setup-datastore`); the embedded store always does. */
  setupDatastore?: boolean;
  /** Serve from this store instead of opening one from `databaseUrl`/`dataDir` (it stays the caller's to close). */
  store?: Store;
  /** The page served at `GET /`; defaults to the HTML workflow client when it exists. */
  htmlFile?: string;
}

export class OptionsError extends Error {
  override name = "OptionsError";
}

/** Reads the documented environment variables; an invalid value is an OptionsError naming it. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const port = env.PORT === undefined || env.PORT === "" ? 8787 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new OptionsError(`PORT must be an integer between 0 and 65535, got ${JSON.stringify(env.PORT)}`);
  }
  const framework = env.SWITCHBOARD_FRAMEWORK || "hono";
  if (!(FRAMEWORKS as readonly string[]).includes(framework)) {
    throw new OptionsError(
      `SWITCHBOARD_FRAMEWORK must be one of ${FRAMEWORKS.join(", ")}, got ${JSON.stringify(framework)}`,
    );
  }
  return {
    port,
    host: env.HOST || "127.0.0.1",
    framework: framework as Framework,
    apiKey: env.SWITCHBOARD_API_KEY || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.SWITCHBOARD_DATA_DIR || ".switchboard/data",
  };
}
