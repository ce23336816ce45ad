import type { Switchboard } from "@switchboard/core";
import {
  attachWebSocket,
  type ListenOptions,
  type RunningServer,
  runningServer,
  toCoreRequest,
  writeCoreResponse,
} from "@switchboard/core/node";
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyPluginCallback,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";

export type { RunningServer } from "@switchboard/core/node";

export interface SwitchboardPluginOptions {
  switchboard: Switchboard;
  /** Serve the protocols' WebSocket routes on `fastify.server` (default true). */
  websocket?: boolean;
}

/**
 * Registers catch-all routes in an encapsulated context. Its only content-type parser leaves the
 * body unread, so the core reads it and enforces its own limit; paths no protocol owns go to
 * Fastify's not-found handler, and more specific routes of the app keep precedence.
 */
export const switchboardPlugin: FastifyPluginCallback<SwitchboardPluginOptions> = (fastify, options, done) => {
  const sb = options.switchboard;
  const dispatch = (request: FastifyRequest, reply: FastifyReply) => {
    sb.handle(toCoreRequest(request.raw, reply.raw)).then(
      (response) => {
        if (response === undefined) return reply.callNotFound();
        reply.hijack();
        writeCoreResponse(reply.raw, response);
      },
      (error) => reply.send(error),
    );
  };
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser("*", (_request, _payload, parsed) => parsed(null, undefined));
  fastify.all("/*", dispatch);
  // Fastify refuses an unparsable Content-Type before any parser runs; the protocol answers
  // that request instead, in its own envelope.
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") dispatch(request, reply);
    else reply.send(error);
  });
  if (options.websocket !== false) {
    // The node bridge decides upgrades before the handshake, so refusals are real HTTP statuses.
    const bridge = attachWebSocket(fastify.server, sb);
    fastify.addHook("preClose", (closed) => {
      bridge.close().then(() => closed(), closed);
    });
  }
  done();
};

export interface FastifyListenOptions extends ListenOptions {
  configure?: (app: FastifyInstance) => void;
}

/** Starts a Fastify server with the plugin; `configure` registers the app's own routes. */
export async function listen(sb: Switchboard, options: FastifyListenOptions = {}): Promise<RunningServer> {
  const app = Fastify();
  await app.register(switchboardPlugin, { switchboard: sb });
  options.configure?.(app);
  const host = options.host ?? "127.0.0.1";
  await app.listen({ port: options.port ?? 0, host });
  return runningServer(app.server, host, undefined, () => app.close());
}
