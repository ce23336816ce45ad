import {
  validate,
  type WorkflowHttpErrorType,
  type WorkflowInitFrame,
  type WorkflowInitiateResponse,
  type WorkflowResumeFrame,
} from "@switchboard/protocol/workflows";
import { readJson } from "../../http/read-json.js";
import { json } from "../../http/response.js";
import type { CoreRequest, CoreResponse } from "../../http/types.js";
import type { WorkflowDefinition } from "../../runtime/workflow/define.js";
import { closeCodeFor, type RunOptions, WorkflowRun } from "../../runtime/workflow/run.js";
import type { EventBus } from "../../store/bus.js";
import { InMemoryWorkflowStore, type WorkflowRunRecord, type WorkflowStore } from "../../store/workflows.js";
import { CloseCode, type CoreSocket, type SocketHandlers, type UpgradeDecision } from "../../ws/types.js";
import type { AppContext, AppErrorCode, ProtocolFactory, ProtocolModule, ProtocolRoute } from "../protocol-module.js";
import { Connection } from "./connection.js";
import { Followers, RemoteRun, workflowTopic } from "./follow.js";
import { canonicalUuid, inFormOf } from "./frames.js";
import { localLink, type Problem } from "./link.js";

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
  readonly #prefixes: string[];
  readonly #workflows: Map<string, WorkflowDefinition>;
  readonly #graceMs: number;
  readonly #keepAliveMs: number;
  readonly #live = new Map<string, WorkflowRun>();
  readonly #takingOver = new Map<string, Promise<WorkflowRun | undefined>>();
  readonly #connections = new Set<Connection>();
  /** Who holds the runs this instance executes, in the store. */
  readonly #owner = crypto.randomUUID();
  readonly #leaseMs: number;
  readonly #renewal: ReturnType<typeof setInterval>;
  readonly #bus: EventBus | undefined;
  #closed = false;

  constructor(
    ctx: AppContext,
    options: WorkflowsProtocolOptions,
    prefixes: string[],
    workflows: Map<string, WorkflowDefinition>,
  ) {
    this.#ctx = ctx;
    this.#options = options;
    this.#prefixes = prefixes;
    this.#workflows = workflows;
    this.store = options.store ?? new InMemoryWorkflowStore();
    this.#graceMs = options.graceMs ?? 60_000;
    this.#keepAliveMs = options.keepAliveMs ?? 15_000;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#bus = options.bus;
    this.#renewal = setInterval(() => {
      if (this.#live.size === 0) return;
      this.store.renewRuns(this.#owner, this.#leaseMs).catch((error: unknown) => {
        this.#ctx.logger.warn({ err: error }, "workflows: could not renew the hold on running runs");
      });
    }, this.#leaseMs / 3);
    this.#renewal.unref?.();
  }

  get routes(): ProtocolRoute[] {
    return this.#prefixes.flatMap((prefix): ProtocolRoute[] => [
      { method: "GET", path: `${prefix}/discovery` },
      { method: "POST", path: `${prefix}/initiate_workflow` },
      { method: "GET", path: `${prefix}/ws` },
    ]);
  }

  owns(path: string): boolean {
    return this.#prefixOf(path) !== undefined;
  }

  #prefixOf(path: string): string | undefined {
    const clean = collapseSlashes(path);
    return this.#prefixes.find((prefix) => clean === prefix || clean.startsWith(`${prefix}/`));
  }

  error(status: number, code: WorkflowHttpErrorType | AppErrorCode, message: string, param?: string): CoreResponse {
    const type: WorkflowHttpErrorType = code === "not_found" ? "route_not_found" : code;
    const headers: Record<string, string> = {};
    if (status === 401) headers["www-authenticate"] = "Bearer";
    if (status === 426) headers.upgrade = "websocket";
    return json(status, { error: { type, message, param: param ?? null } }, headers);
  }

  async handle(req: CoreRequest): Promise<CoreResponse> {
    const route = this.#route(req.path);
    if (!route) return this.error(404, "route_not_found", `no route ${req.method} ${req.path}`);
    const allowed = route === "initiate_workflow" ? "POST" : "GET";
    if (req.method !== allowed && !(allowed === "GET" && req.method === "HEAD")) {
      const response = this.error(405, "method_not_allowed", `${req.path} only accepts ${allowed}`);
      response.headers.allow = allowed;
      return response;
    }
    if (!(await this.#authorized(req))) return this.error(403, "forbidden", "the caller may not use this route");
    if (route === "discovery") {
      return json(
        200,
        [...this.#workflows.values()].map(({ name, description }) => ({ name, description })),
      );
    }
    if (route === "ws") {
      return this.error(426, "upgrade_required", `${req.path} is a WebSocket endpoint; send a WebSocket upgrade`);
    }
    return this.#initiate(req);
  }

  async upgrade(req: CoreRequest): Promise<UpgradeDecision> {
    if (this.#route(req.path) !== "ws") {
      return { reject: this.error(404, "route_not_found", `no WebSocket endpoint at ${req.path}`) };
    }
    if (!(await this.#authorized(req))) {
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
    this.#closed = true;
    clearInterval(this.#renewal);
    await Promise.allSettled(this.#takingOver.values());
    for (const run of this.#live.values()) run.abandon("the server is shutting down");
    for (const connection of this.#connections) connection.close(CloseCode.goingAway, "server shutting down");
    // A workflow that ignores its abort signal must not hold up shutdown for long.
    const runs = Promise.all([...this.#live.values()].map((run) => run.start()));
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([runs, new Promise((resolve) => (timer = setTimeout(resolve, 2_000)))]);
    clearTimeout(timer);
  }

  settled(workflowUuid: string): Promise<void> {
    return this.#live.get(canonicalUuid(workflowUuid))?.start() ?? Promise.resolve();
  }

  forget(connection: Connection): void {
    this.#connections.delete(connection);
  }

  reportError(error: unknown): void {
    this.#ctx.reportError(error, { protocol: "workflows" });
  }

  #route(path: string): "discovery" | "initiate_workflow" | "ws" | undefined {
    const prefix = this.#prefixOf(path);
    if (prefix === undefined) return undefined;
    const rest = collapseSlashes(path).slice(prefix.length).replace(/\/$/, "");
    if (rest === "/discovery") return "discovery";
    if (rest === "/initiate_workflow") return "initiate_workflow";
    if (rest === "/ws") return "ws";
    return undefined;
  }

  async #authorized(request: CoreRequest, workflow?: string): Promise<boolean> {
    if (!this.#options.authorize) return true;
    return (await this.#options.authorize(workflow === undefined ? { request } : { request, workflow })) === true;
  }

  async #initiate(req: CoreRequest): Promise<CoreResponse> {
    const body = await readJson(req, this.#ctx.limits.maxBodyBytes);
    if (!body.ok) {
      return body.reason === "unsupported_media_type"
        ? this.error(415, "unsupported_media_type", body.message)
        : this.error(400, "invalid_json", body.message);
    }
    const checked = validate.WorkflowInitiateRequest(body.value);
    if (!checked.ok) {
      const { param, message } = checked.issue;
      return this.error(400, "validation_failed", `${param || "body"} ${message}`, param || undefined);
    }
    const request = checked.value;
    if (!(await this.#authorized(req, request.workflow_name))) {
      return this.error(403, "forbidden", `the caller may not run workflow ${request.workflow_name}`);
    }
    if (!this.#workflows.has(request.workflow_name)) {
      return this.error(
        404,
        "workflow_not_found",
        `no workflow named ${JSON.stringify(request.workflow_name)}`,
        "workflow_name",
      );
    }
    const derived = this.#options.userId ? await this.#options.userId(req) : undefined;
    const userId = derived ?? request.user_id ?? crypto.randomUUID();
    const params = (request.params ?? {}) as Record<string, unknown>;
    const now = Date.now();
    const record: WorkflowRunRecord = {
      workflowUuid: crypto.randomUUID(),
      name: request.workflow_name,
      userId,
      params,
      status: "initiated",
      result: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.store.createRun(record);
    const response: WorkflowInitiateResponse = {
      name: record.name,
      // In the client's form: FastAgency's provider sends (and its runtime uses) 32 hex digits.
      workflow_uuid: inFormOf(request.workflow_uuid, record.workflowUuid),
      user_id: userId,
      params,
    };
    return json(200, response);
  }

  /** A new run from an init frame; returns a problem to report (then close 1008) or undefined. */
  async startRun(connection: Connection, frame: WorkflowInitFrame): Promise<Problem | undefined> {
    if (!(await this.#authorized(connection.request, frame.name))) {
      return { short: "forbidden", long: `name: the caller may not run workflow ${JSON.stringify(frame.name)}` };
    }
    const definition = this.#workflows.get(frame.name);
    if (!definition)
      return { short: "workflow_not_found", long: `name: no workflow named ${JSON.stringify(frame.name)}` };
    const workflowUuid = canonicalUuid(frame.workflow_uuid);
    const params = (frame.params ?? {}) as Record<string, unknown>;
    const inUse: Problem = {
      short: "workflow_uuid_in_use",
      long: `workflow_uuid: ${workflowUuid} already belongs to a started run; resume it or use a new uuid`,
    };
    const existing = await this.store.getRun(workflowUuid);
    let userId: string | null;
    if (existing) {
      if (existing.status !== "initiated") return inUse;
      if (existing.name !== frame.name) {
        return {
          short: "validation_failed",
          long: `name: run ${workflowUuid} was prepared for workflow ${JSON.stringify(existing.name)}`,
        };
      }
      if (connection.userId !== undefined && existing.userId !== connection.userId) {
        return { short: "forbidden", long: `workflow_uuid: run ${workflowUuid} was prepared for another user` };
      }
      userId = existing.userId;
      if (!(await this.store.updateRun(workflowUuid, { status: "running", params }, ["initiated"]))) return inUse;
    } else {
      userId = connection.userId !== undefined ? connection.userId : (frame.user_id ?? null);
      const now = Date.now();
      const created = await this.store.createRun({
        workflowUuid,
        name: frame.name,
        userId,
        params,
        status: "running",
        result: null,
        createdAt: now,
        updatedAt: now,
      });
      if (!created) return inUse;
    }
    const listening = await this.#listen(workflowUuid);
    // Another process asked to resume the run in this instant has taken it; it executes the run.
    if (!(await this.store.claimRun(workflowUuid, this.#owner, this.#leaseMs))) {
      listening?.stop();
      return inUse;
    }
    const run = this.#newRun({ workflowUuid, definition, userId, params }, listening);
    connection.link = localLink(run, connection.attachment);
    void run.attach(connection.attachment, -1);
    void run.start();
    return undefined;
  }

  #newRun(
    options: Pick<RunOptions, "workflowUuid" | "definition" | "userId" | "params" | "recorded">,
    listening: Listening | undefined,
  ): WorkflowRun {
    let followers: Followers | undefined;
    const run = new WorkflowRun({
      ...options,
      store: this.store,
      graceMs: this.#graceMs,
      onSettled: (settled) => {
        if (this.#live.get(settled.workflowUuid) === settled) this.#live.delete(settled.workflowUuid);
        listening?.stop();
        followers?.dispose();
      },
    });
    if (listening && this.#bus) {
      followers = new Followers(run, this.#bus, this.#leaseMs);
      listening.deliverTo(followers);
    }
    this.#live.set(options.workflowUuid, run);
    return run;
  }

  /**
   * Listens for the signals of clients following the run from other processes. Called before the
   * run is claimed, so that once another process sees the claim its signals are heard; they wait
   * until the run exists here.
   */
  async #listen(workflowUuid: string): Promise<Listening | undefined> {
    if (!this.#bus) return undefined;
    let followers: Followers | undefined;
    const early: unknown[] = [];
    const stop = await this.#bus.subscribe(workflowTopic(workflowUuid), (message) => {
      if (followers) followers.receive(message);
      else early.push(message);
    });
    return {
      stop,
      deliverTo(target) {
        followers = target;
        for (const message of early.splice(0)) target.receive(message);
      },
    };
  }

  /**
   * Takes over a run the store has as running that no live process holds: re-executes it against
   * its record (see `defineWorkflow`). Undefined when it is held by a live process, or when this
   * server does not have the workflow. Concurrent resumes of one run share one takeover.
   */
  #takeOver(record: WorkflowRunRecord): Promise<WorkflowRun | undefined> {
    const workflowUuid = record.workflowUuid;
    const live = this.#live.get(workflowUuid);
    if (live) return Promise.resolve(live);
    let pending = this.#takingOver.get(workflowUuid);
    if (!pending) {
      pending = (async () => {
        const definition = this.#workflows.get(record.name);
        if (!definition || this.#closed) return undefined;
        const listening = await this.#listen(workflowUuid);
        try {
          if (!(await this.store.claimRun(workflowUuid, this.#owner, this.#leaseMs))) {
            listening?.stop();
            return undefined;
          }
          const [messages, answers] = await Promise.all([
            this.store.listMessages(workflowUuid),
            this.store.listAnswers(workflowUuid),
          ]);
          const { userId, params } = record;
          const recorded = { messages, answers };
          const run = this.#newRun({ workflowUuid, definition, userId, params, recorded }, listening);
          void run.start();
          return run;
        } catch (error) {
          listening?.stop();
          throw error;
        }
      })().finally(() => this.#takingOver.delete(workflowUuid));
      this.#takingOver.set(workflowUuid, pending);
    }
    return pending;
  }

  /** Re-attaches a connection to a run; returns a problem to report (then close) or undefined. */
  async resumeRun(connection: Connection, frame: WorkflowResumeFrame): Promise<Problem | undefined> {
    const workflowUuid = canonicalUuid(frame.workflow_uuid);
    const notFound: Problem = { short: "workflow_not_found", long: `workflow_uuid: no run ${workflowUuid}` };
    const live = this.#live.get(workflowUuid);
    const record = live ? undefined : await this.store.getRun(workflowUuid);
    const owner = live ? live.userId : record?.userId;
    const name = live ? live.definition.name : record?.name;
    if (name === undefined) return notFound;
    // A run of another user is reported as unknown, so a uuid cannot be probed for existence.
    if (connection.userId !== undefined && owner !== connection.userId) return notFound;
    if (!(await this.#authorized(connection.request, name))) {
      return { short: "forbidden", long: `workflow_uuid: the caller may not resume workflow ${JSON.stringify(name)}` };
    }
    const badAfter = (): Problem => ({
      short: "validation_failed",
      long: `after_uuid: ${JSON.stringify(frame.after_uuid)} is not a message of run ${workflowUuid}`,
    });

    const attach = async (run: WorkflowRun): Promise<Problem | undefined> => {
      const afterIndex = frame.after_uuid === undefined ? -1 : run.indexOf(frame.after_uuid);
      if (afterIndex === -1 && frame.after_uuid !== undefined) return badAfter();
      connection.link = localLink(run, connection.attachment);
      await run.attach(connection.attachment, afterIndex);
      return undefined;
    };

    if (live && !live.finished) return attach(live);
    if (live) await live.start();
    let stored = record ?? (await this.store.getRun(workflowUuid));
    if (stored?.status === "running") {
      const taken = await this.#takeOver(stored);
      if (taken) return attach(taken);
      // It may have ended on its process meanwhile.
      stored = await this.store.getRun(workflowUuid);
      // A live process executes it: relay it from there.
      if (stored?.status === "running" && this.#bus && this.#workflows.has(stored.name) && !this.#closed) {
        return (await this.#follow(connection, workflowUuid, frame.after_uuid)) ? undefined : badAfter();
      }
    }
    if (!stored) return notFound;
    if (stored.status === "initiated") {
      return {
        short: "validation_failed",
        long: `workflow_uuid: run ${workflowUuid} has not started; send an init frame`,
      };
    }
    if (stored.status === "running") {
      return {
        short: "run_unavailable",
        long: `workflow_uuid: run ${workflowUuid} runs on another server process; resume it there`,
        close: CloseCode.internalError,
      };
    }
    const history = await this.store.listMessages(workflowUuid);
    const afterIndex = frame.after_uuid === undefined ? -1 : history.findIndex((m) => m.uuid === frame.after_uuid);
    if (afterIndex === -1 && frame.after_uuid !== undefined) return badAfter();
    for (const message of history.slice(afterIndex + 1)) await connection.send(message);
    connection.close(closeCodeFor(stored.status), `workflow ${stored.status}`);
    return undefined;
  }

  /**
   * Attaches `connection` to a run another live process executes (see follow.ts), replaying what
   * it missed after `after`; resolves false when `after` is not a message of the run. Should the
   * other process die, this one takes the run over once the store lets it claim the run.
   */
  async #follow(connection: Connection, workflowUuid: string, after: string | undefined): Promise<boolean> {
    const remote = new RemoteRun({
      workflowUuid,
      bus: this.#bus!,
      store: this.store,
      attachment: connection.attachment,
      heartbeatMs: this.#leaseMs / 3,
      takeOver: async (record, last) => {
        const run = await this.#takeOver(record);
        if (!run) return undefined;
        const link = localLink(run, connection.attachment);
        // A client gone meanwhile is not attached: the run waits for a resume, as a run taken over does.
        if (!connection.open) return link;
        connection.link = link;
        await run.attach(connection.attachment, last === undefined ? -1 : run.indexOf(last));
        return link;
      },
    });
    if (!(await remote.open(after))) return false;
    connection.link = remote;
    // The client may have left while the history was read; its close detached nothing then.
    if (!connection.open) remote.detach();
    else await remote.start();
    return true;
  }
}

/** The signals of a run's followers, heard from before the run is claimed (see `#listen`). */
interface Listening {
  stop(): void;
  deliverTo(followers: Followers): void;
}

/**
 * FastAgency's FastAPIProvider joins its URL and discovery path with an extra slash
 * (`//fastagency/discovery`); repeated slashes are read as one so that its `names` works.
 */
function collapseSlashes(path: string): string {
  return path.replace(/\/{2,}/g, "/");
}

function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, "");
  if (trimmed === "") throw new Error("the workflows prefix cannot be the root path");
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}
