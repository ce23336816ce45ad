// The workflows protocol's options and the authorization check they define. Apart from module.ts
// because its parts (http.ts, start.ts, resume.ts) read them too, and importing them from the
// module that assembles those parts would make a cycle.
import type { CoreRequest } from "../../http/types.js";
import type { WorkflowDefinition } from "../../runtime/workflow/define.js";
import type { EventBus } from "../../store/bus.js";
import type { WorkflowStore } from "../../store/workflows.js";

export interface WorkflowAuthorizeContext {
  request: CoreRequest;
  /** The workflow the caller wants to prepare, run or resume; absent for discovery and the upgrade itself. */
  workflow?: string;
}

export interface WorkflowsProtocolOptions {
  // biome-ignore lint/suspicious/noExplicitAny: definitions differ in their params type; the run checks nothing about it.
  workflows: WorkflowDefinition<any>[];
  /**
   * Path prefix of the three routes (default `/workflows`), or several prefixes serving the same
   * runs (`["/workflows", "/fastagency"]`: `/fastagency` is FastAgency's default).
   */
  prefix?: string | string[];
  store?: WorkflowStore;
  /**
   * Live signals between the processes sharing `store`. With it, a client can resume a run on any
   * of them: the process it reaches relays the run executing on another (its messages, the
   * client's answers). Without it, such a resume gets `run_unavailable`.
   */
  bus?: EventBus;
  /** Runs before anything else on every request, upgrade and init/resume frame; false → 403 / `forbidden`. */
  authorize?(ctx: WorkflowAuthorizeContext): boolean | Promise<boolean>;
  /**
   * Derives the caller's user id from the request. When given, it overrides any `user_id` the
   * client sends, and a run can only be resumed by the user it belongs to.
   */
  userId?(request: CoreRequest): string | undefined | Promise<string | undefined>;
  /** How long a run waits for a client to resume it after its connection dropped (default 60 s). */
  graceMs?: number;
  /** Interval of `keep_alive` frames on an attached connection (default 15 s; 0 turns them off). */
  keepAliveMs?: number;
  /**
   * How long this server's hold on a run it executes lasts without renewal (default 30 s; it is
   * renewed every third of that). When the process dies, a server that is asked to resume one of
   * its runs takes the run over once the hold ran out — at once when the store can tell the
   * process is gone, as the Postgres store can — re-executing the workflow against its record.
   * A client relayed through another process is forgotten after as long without its heartbeats.
   */
  leaseMs?: number;
}

/** Whether the `authorize` hook lets the caller through (true without a hook). */
export async function authorized(
  options: WorkflowsProtocolOptions,
  request: CoreRequest,
  workflow?: string,
): Promise<boolean> {
  if (!options.authorize) return true;
  return (await options.authorize(workflow === undefined ? { request } : { request, workflow })) === true;
}
