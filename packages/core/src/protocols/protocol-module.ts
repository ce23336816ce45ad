import type { AgentErrorType } from "@switchboard/protocol/agents";
import type { WorkflowHttpErrorType } from "@switchboard/protocol/workflows";
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
 * The codes the app reports its cross-cutting failures with (`unauthorized`, `payload_too_large`
 * …): error types the agents and workflows protocols both define, plus `not_found` (a WebSocket
 * upgrade on a module without sockets), which each module names in its own words. The Responses
 * protocol maps them onto OpenAI's codes.
 */
export type AppErrorCode = Extract<AgentErrorType, WorkflowHttpErrorType> | "not_found";

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
  error(status: number, code: AppErrorCode, message: string, param?: string): CoreResponse;
  /** Stops timers and aborts background work. */
  close?(): Promise<void>;
}

export type ProtocolFactory = (ctx: AppContext) => ProtocolModule;
