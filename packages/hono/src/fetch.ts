/**
 * The portable half of the adapter: only `hono` and core's main entry, no Node module, so it
 * runs on Bun, Deno and Cloudflare Workers (`@switchboard/hono/fetch`); the package's main entry
 * adds `listen()` on Node.
 */
import { fromFetchRequest, normalizeBasePath, rebase, type Switchboard, toFetchResponse } from "@switchboard/core";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { basePath } from "hono/route";

/**
 * Where Hono mounted this middleware: `app.route("/ai", switchboardHono(sb))` and an app built
 * with `.basePath("/ai")` both register it under `/ai`, and Hono's route helper says so.
 */
const mountOf = (c: Context) => normalizeBasePath(basePath(c));

/**
 * Hono middleware: answers the paths a Switchboard protocol owns and calls `next()` for the rest.
 * Runs on any fetch runtime; the request's signal carries client disconnects to the core.
 */
export function switchboardMiddleware(sb: Switchboard): MiddlewareHandler {
  return async (c, next) => {
    // On @hono/node-server the Node request is at hand and names the client (for rate limits);
    // other runtimes do not say.
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    const request = rebase(fromFetchRequest(c.req.raw, env?.incoming?.socket?.remoteAddress), mountOf(c));
    const response = request && (await sb.handle(request));
    if (response === undefined) return next();
    return toFetchResponse(response);
  };
}

/**
 * A Hono app serving Switchboard: serve it as is (`export default switchboardHono(sb)` on Bun,
 * Deno or Workers), or mount it with `app.route("/ai", switchboardHono(sb))`.
 */
export function switchboardHono(sb: Switchboard): Hono {
  const app = new Hono();
  app.use(switchboardMiddleware(sb));
  return app;
}
