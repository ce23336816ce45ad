import type { Server } from "node:http";
import { createAdaptorServer } from "@hono/node-server";
import { fromFetchRequest, type Switchboard, toFetchResponse } from "@switchboard/core";
import { attachWebSocket, type ListenOptions, listenNode, type RunningServer } from "@switchboard/core/node";
import { Hono, type MiddlewareHandler } from "hono";

export { attachWebSocket, type RunningServer, type WebSocketBridge } from "@switchboard/core/node";

/**
 * Hono middleware: answers the paths a Switchboard protocol owns and calls `next()` for the rest.
 * Runs on any fetch runtime; the request's signal carries client disconnects to the core.
 */
export function switchboardMiddleware(sb: Switchboard): MiddlewareHandler {
  return async (c, next) => {
    const response = await sb.handle(fromFetchRequest(c.req.raw));
    if (response === undefined) return next();
    return toFetchResponse(response);
  };
}

/** A Hono app serving Switchboard; mount it with `app.route("/", switchboardHono(sb))` or serve it as is. */
export function switchboardHono(sb: Switchboard): Hono {
  const app = new Hono();
  app.use(switchboardMiddleware(sb));
  return app;
}

export interface HonoListenOptions extends ListenOptions {
  /** Adds the app's own routes, which run when no protocol owns a path. */
  configure?: (app: Hono) => void;
}

/**
 * Serves the app with @hono/node-server. WebSockets go through the core's node bridge rather
 * than node-server's built-in upgrade helper, which drops the body of a refused upgrade and
 * would hide the protocol's 401/404 envelope from the client.
 */
export function listen(sb: Switchboard, options: HonoListenOptions = {}): Promise<RunningServer> {
  const app = switchboardHono(sb);
  options.configure?.(app);
  const server = createAdaptorServer({ fetch: app.fetch, hostname: options.host }) as Server;
  return listenNode(server, attachWebSocket(server, sb), options);
}
