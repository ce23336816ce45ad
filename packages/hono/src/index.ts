import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createAdaptorServer } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Switchboard } from "@switchboard/core";
import {
  attachWebSocket,
  type ListenOptions,
  listenNode,
  type RunningServer,
  toCoreRequest,
  writeCoreResponse,
} from "@switchboard/core/node";
import { Hono, type MiddlewareHandler } from "hono";

export { attachWebSocket, type RunningServer, type WebSocketBridge } from "@switchboard/core/node";
export { switchboardHono, switchboardMiddleware } from "./fetch.js";

/** What @hono/node-server hands every request as `c.env`. */
type NodeBindings = { incoming: IncomingMessage; outgoing: ServerResponse };

/**
 * The middleware `listen()` uses: on @hono/node-server it answers on Node's own request and
 * response, through the same bridge as Express and Fastify, instead of a fetch Request and a
 * Response whose streamed body is a web stream (one pull and one socket write per SSE frame).
 * Only where nothing wraps it: an outer middleware would see node-server's "already sent"
 * marker as the response, not Switchboard's. `listen()` mounts it at the root of its own app, so
 * the request's path is the core's as it is (the portable middleware asks Hono for its mount).
 */
function nodeServerMiddleware(sb: Switchboard): MiddlewareHandler {
  return async (c, next) => {
    const { incoming, outgoing } = c.env as NodeBindings;
    const response = await sb.handle(toCoreRequest(incoming, outgoing));
    if (response === undefined) return next();
    void writeCoreResponse(outgoing, response);
    return RESPONSE_ALREADY_SENT;
  };
}

export interface HonoListenOptions extends ListenOptions {
  /** Adds the app's own routes, which run when no protocol owns a path. */
  configure?: (app: Hono) => void;
}

/**
 * Serves Switchboard on a Hono app with @hono/node-server; Switchboard's own routes answer on
 * Node's request and response (see `nodeServerMiddleware`). WebSockets go through the core's node
 * bridge rather than node-server's built-in upgrade helper, which drops the body of a refused
 * upgrade and would hide the protocol's 401/404 envelope from the client.
 */
export function listen(sb: Switchboard, options: HonoListenOptions = {}): Promise<RunningServer> {
  const app = new Hono();
  app.use(nodeServerMiddleware(sb));
  options.configure?.(app);
  const server = createAdaptorServer({ fetch: app.fetch, hostname: options.host }) as Server;
  return listenNode(server, attachWebSocket(server, sb), options);
}
