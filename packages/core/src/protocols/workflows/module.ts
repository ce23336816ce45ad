// The FastAgency-compatible workflow protocol as one of the app's protocol modules: its factory
// and the module that ties its parts together. The parts: options.ts (options, authorization),
// http.ts (discovery, initiate_workflow, errors), connection.ts (one WebSocket), start.ts and
// resume.ts (what an init or resume frame does), runs.ts (the runs executing here), and the relay
// of a run executing in another process (follow-signals.ts, followers.ts, remote-run.ts).
import type { WorkflowHttpErrorType, WorkflowInitFrame, WorkflowResumeFrame } from "@switchboard/protocol/workflows";
import type { CoreRequest, CoreResponse } from "../../http/types.js";
import type { WorkflowDefinition } from "../../runtime/workflow/define.js";
import { InMemoryWorkflowStore, type WorkflowStore } from "../../store/workflows.js";
import { CloseCode, type CoreSocket, type SocketHandlers, type UpgradeDecision } from "../../ws/types.js";
import type { AppContext, AppErrorCode, ProtocolFactory, ProtocolModule, ProtocolRoute } from "../protocol-module.js";
import { Connection } from "./connection.js";
import { canonicalUuid } from "./frames.js";
import { normalizePrefix, WorkflowsHttp } from "./http.js";
import type { Problem } from "./link.js";
import { authorized, type WorkflowsProtocolOptions } from "./options.js";
import { resumeRun } from "./resume.js";
import { LocalRuns } from "./runs.js";
import { startRun } from "./start.js";

export type { WorkflowAuthorizeContext, WorkflowsProtocolOptions } from "./options.js";

/** Workflow runs the module knows about, for tests and operators. */
export interface WorkflowsModule extends ProtocolModule {
  readonly name: "workflows";
  readonly store: WorkflowStore;
  /** Settles when the run (if live in this process) has finished. */
  settled(workflowUuid: string): Promise<void>;
  /** Abandons live runs and closes their connections (1001). */
  close(): Promise<void>;
}

export { canonicalUuid };

/** The FastAgency-compatible workflow protocol: discovery, initiate_workflow and the run WebSocket. */
export function workflowsProtocol(options: WorkflowsProtocolOptions): ProtocolFactory {
  const prefixes = [options.prefix ?? "/workflows"].flat().map(normalizePrefix);
  if (prefixes.length === 0) throw new Error("the workflows protocol needs at least one prefix");
  const workflows = new Map<string, WorkflowDefinition>();
  for (const definition of options.workflows) {
    if (workflows.has(definition.name)) throw new Error(`two workflows are named ${definition.name}`);
    workflows.set(definition.name, definition);
  }
  return (ctx) => new Workflows(ctx, options, prefixes, workflows);
}

class Workflows implements WorkflowsModule {
  readonly name = "workflows" as const;
  readonly store: WorkflowStore;
  readonly #ctx: AppContext;
  readonly #options: WorkflowsProtocolOptions;
  readonly #keepAliveMs: number;
  readonly #http: WorkflowsHttp;
  readonly #runs: LocalRuns;
  readonly #connections = new Set<Connection>();

  constructor(
    ctx: AppContext,
    options: WorkflowsProtocolOptions,
    prefixes: string[],
    workflows: Map<string, WorkflowDefinition>,
  ) {
    this.#ctx = ctx;
    this.#options = options;
    this.store = options.store ?? new InMemoryWorkflowStore();
    this.#keepAliveMs = options.keepAliveMs ?? 15_000;
    this.#http = new WorkflowsHttp(ctx, options, prefixes, workflows, this.store);
    this.#runs = new LocalRuns(ctx, {
      store: this.store,
      bus: options.bus,
      workflows,
      graceMs: options.graceMs ?? 60_000,
      leaseMs: options.leaseMs ?? 30_000,
    });
  }

  get routes(): ProtocolRoute[] {
    return this.#http.routes;
  }

  owns(path: string): boolean {
    return this.#http.owns(path);
  }

  error(status: number, code: WorkflowHttpErrorType | AppErrorCode, message: string, param?: string): CoreResponse {
    return this.#http.error(status, code, message, param);
  }

  handle(req: CoreRequest): Promise<CoreResponse> {
    return this.#http.handle(req);
  }

  async upgrade(req: CoreRequest): Promise<UpgradeDecision> {
    if (this.#http.route(req.path) !== "ws") {
      return { reject: this.error(404, "route_not_found", `no WebSocket endpoint at ${req.path}`) };
    }
    if (!(await authorized(this.#options, req))) {
      return { reject: this.error(403, "forbidden", "the caller may not open workflow connections") };
    }
    const userId = this.#options.userId ? ((await this.#options.userId(req)) ?? null) : undefined;
    return {
      accept: (socket: CoreSocket): SocketHandlers => {
        const connection = new Connection(this, socket, req, userId, {
          keepAliveMs: this.#keepAliveMs,
          maxFrameBytes: this.#ctx.limits.maxFrameBytes,
          initTimeoutMs: this.#ctx.limits.socketInitTimeoutMs,
          rate: this.#ctx.socketRateLimit?.(req),
        });
        this.#connections.add(connection);
        return connection;
      },
    };
  }

  async close(): Promise<void> {
    await this.#runs.stop();
    this.#runs.abandonAll("the server is shutting down");
    for (const connection of this.#connections) connection.close(CloseCode.goingAway, "server shutting down");
    // A workflow that ignores its abort signal must not hold up shutdown for long.
    await this.#runs.finished(2_000);
  }

  settled(workflowUuid: string): Promise<void> {
    return this.#runs.get(canonicalUuid(workflowUuid))?.start() ?? Promise.resolve();
  }

  forget(connection: Connection): void {
    this.#connections.delete(connection);
  }

  reportError(error: unknown): void {
    this.#ctx.reportError(error, { protocol: "workflows" });
  }

  /** A new run from an init frame (start.ts). */
  startRun(connection: Connection, frame: WorkflowInitFrame): Promise<Problem | undefined> {
    return startRun(this.#runs, this.#options, connection, frame);
  }

  /** Re-attaches a connection to a run (resume.ts). */
  resumeRun(connection: Connection, frame: WorkflowResumeFrame): Promise<Problem | undefined> {
    return resumeRun(this.#runs, this.#options, connection, frame);
  }
}
