import { OptionsError } from "./options.js";

/**
 * Whether `host` only accepts connections from this machine. Names other than `localhost`
 * resolve to who knows what, so they count as public.
 */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * A server bound beyond loopback without an API key lets anyone who can reach it run its agents
 * (and spend its model budget): refused unless the operator says so. Returns the warning to print
 * when they did, `undefined` when there is nothing to warn about.
 */
export function checkExposure(options: { host: string; apiKey?: string; allowPublic?: boolean }): string | undefined {
  if (options.apiKey || isLoopback(options.host)) return undefined;
  const where = `HOST=${options.host}`;
  if (!options.allowPublic) {
    throw new OptionsError(
      `refusing to serve on ${where} without an API key: anyone who can reach this address could run the agents. ` +
        "Set SWITCHBOARD_API_KEY, bind to 127.0.0.1, or pass --allow-public (SWITCHBOARD_ALLOW_PUBLIC=1) if the network in front of it is trusted.",
    );
  }
  return `WARNING: serving on ${where} without an API key (--allow-public): anyone who can reach this address can run the agents`;
}
