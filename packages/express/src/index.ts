import { createServer } from "node:http";
import type { Switchboard } from "@switchboard/core";
import {
  attachWebSocket,
  type ListenOptions,
  listenNode,
  type RunningServer,
  toCoreRequest,
  writeCoreResponse,
} from "@switchboard/core/node";
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from "express";

export { attachWebSocket, type RunningServer, type WebSocketBridge } from "@switchboard/core/node";

/**
 * Express middleware: answers the paths a Switchboard protocol owns and calls `next()` for the
 * rest. Works with or without `express.json()` before it (a parsed body is reused).
 */
export function switchboardMiddleware(sb: Switchboard): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    // body-parser leaves `req.body` set and the stream ended when it has consumed the body.
    const request = toCoreRequest(req, res, req.readableEnded ? req.body : undefined);
    sb.handle(request).then((response) => {
      if (response === undefined) next();
      else writeCoreResponse(res, response);
    }, next);
  };
}

/** An Express app serving Switchboard; `configure` adds routes that run when no protocol owns a path. */
export function createExpressApp(sb: Switchboard, configure?: (app: Express) => void): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(switchboardMiddleware(sb));
  configure?.(app);
  return app;
}

export interface ExpressListenOptions extends ListenOptions {
  configure?: (app: Express) => void;
}

/** Starts an HTTP server with the Express app and the WebSocket bridge. */
export function listen(sb: Switchboard, options: ExpressListenOptions = {}): Promise<RunningServer> {
  const server = createServer(createExpressApp(sb, options.configure));
  return listenNode(server, attachWebSocket(server, sb), options);
}
