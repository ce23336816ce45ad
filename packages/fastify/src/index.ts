import { isStreamBody, normalizeBasePath, rebase, type Switchboard } from "@switchboard/core";
import {
  attachWebSocket,
  type ListenOptions,
  type RunningServer,
  runningServer,
  toCoreRequest,
  writeCoreResponse,
} from "@switchboard/core/node";
import Fastify, {
  type FastifyContentTypeParser,
  type FastifyError,
  type FastifyInstance,
  type FastifyPluginCallback,
  type FastifyReply,
  type FastifyRequest,
  type HTTPMethods,
} from "fastify";

export type { RunningServer } from "@switchboard/core/node";

export interface SwitchboardPluginOptions {
  switchboard: Switchboard;
  /** Serve the protocols' WebSocket routes on `fastify.server` (default true). */
  websocket?: boolean;
}

const asIs = (text: string) => text;

/** Every method a protocol may answer (404/405 in its own envelope) on a path it owns. */
const ANY: HTTPMethods[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * Registers each protocol route in Fastify's route table (`printRoutes()` lists them) under the
 * `prefix` the plugin is registered with, plus a catch-all that hands the rest to the core, so a
 * protocol still answers its own 404 and 405 (and FastAgency's `//fastagency/…` paths); paths no
 * protocol owns go on to Fastify's not-found handler, and more specific app routes win. The only content-type
 * parser leaves the body unread, so the core reads it under its own limit.
 *
 * Hooks: `onRequest`, `preParsing`, `preValidation` and `preHandler` run for every HTTP route;
 * `onSend` and `onResponse` run for buffered answers, but not for streamed (SSE) answers, which
 * are written straight to the socket (`reply.hijack()`) so each event leaves as it is produced.
 * WebSocket upgrades never reach Fastify's router (Node's `upgrade` event), so no hook runs there.
 */
export const switchboardPlugin: FastifyPluginCallback<SwitchboardPluginOptions> = (fastify, options, done) => {
  const sb = options.switchboard;
  // Fastify hands handlers the full URL; the core wants the path below this plugin's prefix.
  const mount = normalizeBasePath(fastify.prefix);
  const dispatch = (request: FastifyRequest, reply: FastifyReply) => {
    const core = rebase(toCoreRequest(request.raw, reply.raw), mount);
    if (core === undefined) return reply.callNotFound();
    sb.handle(core).then(
      (response) => {
        if (response === undefined) return reply.callNotFound();
        if (isStreamBody(response.body)) {
          reply.hijack();
          writeCoreResponse(reply.raw, response);
          return;
        }
        const body = response.body ?? "";
        reply.code(response.status).headers(response.headers);
        // The body is already text in the protocol's Content-Type: passed through as it is (a
        // serializer of its own keeps Fastify from appending a charset), Node writes the headers and
        // the body as one string, where a Buffer costs a second chunk and a gathered write. A
        // response without a Content-Type goes as bytes, which Fastify labels application/octet-stream.
        if (response.headers["content-type"] === undefined) reply.send(Buffer.from(body));
        else reply.serializer(asIs).send(body);
      },
      (error: unknown) => {
        request.log.error({ err: error }, "switchboard failed to answer");
        reply.send(error);
      },
    );
  };
  fastify.removeAllContentTypeParsers();
  const leaveUnread: FastifyContentTypeParser = (_request, _payload, parsed) => parsed(null, undefined);
  fastify.addContentTypeParser("*", leaveUnread);
  // The same parser under the protocols' own type: Fastify remembers the parser it found for a
  // Content-Type, but not the catch-all, which it would look up afresh (parsing the header) for
  // every request.
  fastify.addContentTypeParser("application/json", leaveUnread);
  const methods = new Map<string, Set<HTTPMethods>>();
  for (const route of sb.routes()) {
    const set = methods.get(route.path) ?? new Set<HTTPMethods>();
    set.add(route.method);
    methods.set(route.path, set);
  }
  for (const [url, set] of methods) {
    // GET routes get their HEAD route from Fastify (exposeHeadRoutes).
    fastify.route({ method: [...set], url, handler: dispatch });
  }
  fastify.route({ method: ANY, url: "/*", handler: dispatch });
  // Fastify refuses an unparsable Content-Type before any parser runs; the protocol answers
  // that request instead, in its own envelope.
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") dispatch(request, reply);
    else reply.send(error);
  });
  if (options.websocket !== false) {
    // The node bridge decides upgrades before the handshake, so refusals are real HTTP statuses.
    const bridge = attachWebSocket(fastify.server, sb, { basePath: mount });
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
