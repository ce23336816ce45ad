import { type CoreRequest, type CoreResponse, PayloadTooLargeError } from "./http/types.js";
import type { AppContext, ProtocolFactory, ProtocolModule } from "./protocols/protocol-module.js";
import { CloseCode, type CoreSocket, type SocketHandlers, type UpgradeDecision } from "./ws/types.js";

export interface SwitchboardOptions {
  protocols: ProtocolFactory[];
  /** When set, every owned route requires `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  limits?: Partial<AppContext["limits"]>;
}

/** The framework-free application every adapter drives. */
export interface Switchboard {
  /** Answers a request, or `undefined` when no protocol owns the path (the framework's next handler runs). */
  handle(req: CoreRequest): Promise<CoreResponse | undefined>;
  /** Decides a WebSocket upgrade before the handshake; `undefined` when no protocol owns the path. */
  upgrade(req: CoreRequest): Promise<UpgradeDecision | undefined>;
  readonly limits: AppContext["limits"];
  close(): Promise<void>;
}

const MiB = 1024 * 1024;

export function createSwitchboard(options: SwitchboardOptions): Switchboard {
  const limits = {
    maxBodyBytes: options.limits?.maxBodyBytes ?? MiB,
    maxFrameBytes: options.limits?.maxFrameBytes ?? MiB,
  };
  const ctx: AppContext = { limits };
  const modules = options.protocols.map((factory) => factory(ctx));
  const apiKey = options.apiKey || undefined;

  const route = (path: string): ProtocolModule | undefined => {
    for (const module of modules) if (module.owns(path)) return module;
    return undefined;
  };

  return {
    limits,

    async handle(req) {
      const module = route(req.path);
      if (!module) return undefined;
      if (apiKey !== undefined && !matchesKey(bearerToken(req.header("authorization")), apiKey)) {
        return module.error(401, "unauthorized", "missing or invalid API key (send Authorization: Bearer <key>)");
      }
      try {
        return await module.handle(req);
      } catch (error) {
        return failure(module, error);
      }
    },

    async upgrade(req) {
      const module = route(req.path);
      if (!module) return undefined;
      const fault = handshakeFault(req);
      if (fault) return { reject: module.error(400, "validation_failed", fault.message, fault.header) };
      if (apiKey !== undefined) {
        // Browsers cannot set headers on a WebSocket, so the key may also come as a query parameter.
        const token = bearerToken(req.header("authorization")) ?? req.query.get("access_token") ?? undefined;
        if (!matchesKey(token, apiKey)) {
          return {
            reject: module.error(
              401,
              "unauthorized",
              "missing or invalid API key (send Authorization: Bearer <key> or ?access_token=<key>)",
            ),
          };
        }
      }
      if (!module.upgrade) {
        return { reject: module.error(404, "not_found", `no WebSocket endpoint at ${req.path}`) };
      }
      let decision: UpgradeDecision;
      try {
        decision = await module.upgrade(req);
      } catch (error) {
        return { reject: failure(module, error) };
      }
      return "accept" in decision ? { ...decision, accept: guardAccept(decision.accept, module.name) } : decision;
    },

    async close() {
      await Promise.all(modules.map((module) => module.close?.()));
    },
  };
}

function failure(module: ProtocolModule, error: unknown): CoreResponse {
  if (error instanceof PayloadTooLargeError) return module.error(413, "payload_too_large", error.message);
  console.error(`[switchboard] ${module.name}: unhandled error`, error);
  return module.error(500, "internal_error", "internal server error");
}

/**
 * A throwing socket handler must not take the process down: the error is logged and the socket
 * closed with 1011, which the protocols define as "server error".
 */
function guardAccept(accept: (socket: CoreSocket) => SocketHandlers, name: string) {
  return (socket: CoreSocket): SocketHandlers => guardedHandlers(accept, socket, name);
}

/**
 * Apart from `guardAccept` so that the handlers an open socket keeps do not close over `accept`:
 * that closure holds the upgrade request, which would then live as long as the socket.
 */
function guardedHandlers(
  accept: (socket: CoreSocket) => SocketHandlers,
  socket: CoreSocket,
  name: string,
): SocketHandlers {
  const fail = (error: unknown) => {
    console.error(`[switchboard] ${name}: unhandled WebSocket error`, error);
    socket.close(CloseCode.internalError, "internal error");
  };
  let handlers: SocketHandlers;
  try {
    handlers = accept(socket);
  } catch (error) {
    fail(error);
    return { onMessage() {}, onClose() {} };
  }
  return {
    onMessage(data, isBinary) {
      try {
        // Handlers may be async; a rejected promise would otherwise be an unhandled rejection.
        const pending: unknown = handlers.onMessage(data, isBinary);
        if (pending instanceof Promise) pending.catch(fail);
      } catch (error) {
        fail(error);
      }
    },
    onClose(code, reason) {
      try {
        handlers.onClose(code, reason);
      } catch (error) {
        console.error(`[switchboard] ${name}: unhandled WebSocket error`, error);
      }
    },
  };
}

/**
 * RFC 6455 handshake faults, answered in the protocol's envelope: left to `ws`, they would get a
 * bare text/html 400 that no client of ours can parse.
 */
function handshakeFault(req: CoreRequest): { header: string; message: string } | undefined {
  if (req.header("upgrade")?.toLowerCase() !== "websocket") {
    return { header: "upgrade", message: "the Upgrade header must be websocket" };
  }
  const key = req.header("sec-websocket-key");
  // A base64 16-byte nonce is 22 characters and two padding characters.
  if (!key || !/^[A-Za-z0-9+/]{22}==$/.test(key.trim())) {
    return { header: "sec-websocket-key", message: "Sec-WebSocket-Key must be a base64-encoded 16-byte nonce" };
  }
  if (req.header("sec-websocket-version")?.trim() !== "13") {
    return { header: "sec-websocket-version", message: "Sec-WebSocket-Version must be 13" };
  }
  return undefined;
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header || header.length < 7) return undefined;
  if (header.slice(0, 7).toLowerCase() !== "bearer ") return undefined;
  return header.slice(7).trim();
}

/** Compares in time that depends only on the expected key's length, so a probe learns nothing. */
function matchesKey(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (given.charCodeAt(i) | 0) ^ expected.charCodeAt(i);
  return diff === 0;
}
