/**
 * The Node.js bridge: `IncomingMessage`/`ServerResponse` ⇄ CoreRequest/CoreResponse, and `ws`
 * upgrades ⇄ CoreSocket. Express and Fastify both run on it; Hono uses it for WebSockets.
 */
export { type ListenOptions, listenNode, type RunningServer, runningServer } from "./node/listen.js";
export { type PreReadBody, toCoreRequest } from "./node/request.js";
export { writeCoreResponse } from "./node/response.js";
export { type AttachWebSocketOptions, attachWebSocket, type WebSocketBridge } from "./node/websocket.js";
