import type { CoreRequest } from "../../http/types.js";
import type { Agent } from "../../runtime/agent/types.js";
import type { EventBus } from "../../store/bus.js";
import type { SessionStore } from "../../store/sessions.js";
import type { DispatchQueue } from "./dispatch.js";
import { AgentsProtocolError } from "./errors.js";
import type { RunOutcome } from "./run.js";

/** What the `authorize` hook is asked about. */
export interface AgentAuthorizeContext {
  /** The agent's name from the URL. */
  agent: string;
  /** The instance id from the URL, chosen by the caller. */
  id: string;
  /**
   * The session addressed. `undefined` at a WebSocket upgrade, which opens the whole instance;
   * the hook is then asked again with each prompt frame's session.
   */
  session: string | undefined;
  /** The HTTP request (for a WebSocket prompt: the upgrade request). */
  request: CoreRequest;
}

/**
 * `true` or nothing allows; `false` refuses with 403; `{status: 401}` asks for credentials and
 * `{status: 403}` refuses, each with an optional message. A hook that throws refuses with 403.
 */
export type AgentAuthorizeResult = boolean | undefined | { status: 401 | 403; message?: string };

export type AgentAuthorize = (ctx: AgentAuthorizeContext) => AgentAuthorizeResult | Promise<AgentAuthorizeResult>;

export interface AgentsProtocolOptions {
  /** The served agents by name (`/agents/{name}/…`). */
  agents: Record<string, Agent>;
  /** Runs before anything else on every route and on each WebSocket prompt. Allows all when absent. */
  authorize?: AgentAuthorize;
  /** Session histories and locks; in memory by default. */
  sessions?: SessionStore;
  dispatch?: {
    /**
     * Admission of dispatched work: in memory by default (retrying failed runs with backoff); a
     * durable queue (`dispatchQueueFrom(postgresStore.dispatch)`) for work that must survive restarts.
     */
    queue?: DispatchQueue;
    /** Called after each attempt at a dispatched job, with the prompt's outcome. */
    onSettled?: (job: DispatchedWork, outcome: RunOutcome) => void;
  };
  /** Interval of the SSE `: keep-alive` comment (default 15 s). */
  heartbeatMs?: number;
  /** How long a streamed prompt's events stay available to `Last-Event-ID` after it ends (default 30 s). */
  resumeWindowMs?: number;
  /** How long a streamed prompt keeps running with no client attached before it is aborted (default 5 s). */
  reattachMs?: number;
  /** Extra environment handed to agent factories (`ctx.env`). */
  env?: Record<string, string | undefined>;
  /**
   * Shared with the other processes serving the same session store: the abort route then also
   * stops a prompt running in another process, and a streamed prompt's events are logged in the
   * store so that any of the processes can serve its `Last-Event-ID` resume.
   */
  bus?: EventBus;
}

/** A dispatch as the agent runs it: the wire's `dispatchId` and where it goes. */
export interface DispatchedWork {
  dispatchId: string;
  agent: string;
  id: string;
  session: string;
  input: unknown;
}

export interface StartOptions {
  /** Wait for a busy session (dispatch) instead of refusing with 409 (attached prompts). */
  wait: boolean;
  /** Handed to the agent's factory as `ctx.payload`. */
  payload?: unknown;
}

/** Runs the `authorize` hook (when there is one); throws the 401/403 refusal. */
export async function checkAuthorization(
  hook: AgentAuthorize | undefined,
  request: CoreRequest,
  target: Omit<AgentAuthorizeContext, "request">,
): Promise<void> {
  if (!hook) return;
  let verdict: AgentAuthorizeResult;
  try {
    verdict = await hook({ ...target, request });
  } catch {
    verdict = false;
  }
  if (verdict === true || verdict === undefined) return;
  const where =
    target.session === undefined
      ? `${target.agent}/${target.id}`
      : `session "${target.session}" of ${target.agent}/${target.id}`;
  if (verdict !== false && verdict.status === 401) {
    throw new AgentsProtocolError(401, "unauthorized", verdict.message ?? `credentials are required for ${where}`);
  }
  const message = verdict === false ? undefined : verdict.message;
  throw new AgentsProtocolError(403, "forbidden", message ?? `not allowed to use ${where}`);
}
