import type { CoreRequest, CoreResponse } from "../http/types.js";
import type { UpgradeDecision } from "../ws/types.js";

/** What the app shares with every protocol it mounts. */
export interface AppContext {
  limits: {
    /** Largest accepted request body (default 1 MiB); larger → 413 in the protocol's envelope. */
    maxBodyBytes: number;
    /** Largest accepted WebSocket frame (default 1 MiB); larger → close 1009. */
    maxFrameBytes: number;
  };
}

/**
 * One wire protocol mounted in a Switchboard app. The app routes a request to the first module
 * that `owns` its path; that module then answers everything under it, including its own 404 and
 * 405 in its own error envelope. The app itself only enforces cross-cutting rules (API key, body
 * size) and reports their failures through `error`, so every status is in the right envelope.
 */
export interface ProtocolModule {
  readonly name: "responses" | "agents" | "workflows";
  owns(path: string): boolean;
  handle(req: CoreRequest): Promise<CoreResponse>;
  /** WebSocket upgrade on an owned path; modules without sockets refuse with their 404. */
  upgrade?(req: CoreRequest): Promise<UpgradeDecision>;
  /** This protocol's error envelope (401 unauthorized, 413 too large, 404 …). */
  error(status: number, code: string, message: string, param?: string): CoreResponse;
  /** Stops timers and aborts background work. */
  close?(): Promise<void>;
}

export type ProtocolFactory = (ctx: AppContext) => ProtocolModule;
