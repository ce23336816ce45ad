// The workflow runs this process executes: the live ones, the hold on them in the store (claimed,
// renewed, given up at shutdown), taking over a run whose process died, and hearing the clients
// that follow a run from other processes. Apart from module.ts, which serves the protocol,
// because this is the bookkeeping behind every start, resume and shutdown.

import type { WorkflowDefinition } from "../../runtime/workflow/define.js";
import { type RunOptions, WorkflowRun } from "../../runtime/workflow/run.js";
import type { EventBus } from "../../store/bus.js";
import type { WorkflowRunRecord, WorkflowStore } from "../../store/workflows.js";
import type { AppContext } from "../protocol-module.js";
import { workflowTopic } from "./follow-signals.js";
import { Followers } from "./followers.js";

/** The signals of a run's followers, heard from before the run is claimed (see `LocalRuns.listen`). */
export interface Listening {
  stop(): void;
  deliverTo(followers: Followers): void;
}

export interface LocalRunsOptions {
  store: WorkflowStore;
  bus: EventBus | undefined;
  workflows: ReadonlyMap<string, WorkflowDefinition>;
  graceMs: number;
  leaseMs: number;
}

export class LocalRuns {
  readonly store: WorkflowStore;
  readonly bus: EventBus | undefined;
  readonly workflows: ReadonlyMap<string, WorkflowDefinition>;
  readonly leaseMs: number;
  readonly #ctx: AppContext;
  readonly #graceMs: number;
  readonly #live = new Map<string, WorkflowRun>();
  readonly #takingOver = new Map<string, Promise<WorkflowRun | undefined>>();
  /** Who holds the runs this instance executes, in the store. */
  readonly #owner = crypto.randomUUID();
  readonly #renewal: ReturnType<typeof setInterval>;
  #closed = false;

  constructor(ctx: AppContext, options: LocalRunsOptions) {
    this.#ctx = ctx;
    this.store = options.store;
    this.bus = options.bus;
    this.workflows = options.workflows;
    this.#graceMs = options.graceMs;
    this.leaseMs = options.leaseMs;
    this.#renewal = setInterval(() => {
      if (this.#live.size === 0) return;
      this.store.renewRuns(this.#owner, this.leaseMs).catch((error: unknown) => {
        this.#ctx.logger.warn({ err: error }, "workflows: could not renew the hold on running runs");
      });
    }, this.leaseMs / 3);
    this.#renewal.unref?.();
  }

  /** True once the module is shutting down: no run is taken over any more. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The run, when it is live in this process. */
  get(workflowUuid: string): WorkflowRun | undefined {
    return this.#live.get(workflowUuid);
  }

  /** Takes the hold on a run in the store; false when another process has it. */
  claim(workflowUuid: string): Promise<boolean> {
    return this.store.claimRun(workflowUuid, this.#owner, this.leaseMs);
  }

  /** A run executing here (not started yet), forgotten once it has settled. */
  create(
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
    if (listening && this.bus) {
      followers = new Followers(run, this.bus, this.leaseMs);
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
  async listen(workflowUuid: string): Promise<Listening | undefined> {
    if (!this.bus) return undefined;
    let followers: Followers | undefined;
    const early: unknown[] = [];
    const stop = await this.bus.subscribe(workflowTopic(workflowUuid), (message) => {
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
  takeOver(record: WorkflowRunRecord): Promise<WorkflowRun | undefined> {
    const workflowUuid = record.workflowUuid;
    const live = this.#live.get(workflowUuid);
    if (live) return Promise.resolve(live);
    let pending = this.#takingOver.get(workflowUuid);
    if (!pending) {
      pending = (async () => {
        const definition = this.workflows.get(record.name);
        if (!definition || this.#closed) return undefined;
        const listening = await this.listen(workflowUuid);
        try {
          if (!(await this.claim(workflowUuid))) {
            listening?.stop();
            return undefined;
          }
          const [messages, answers] = await Promise.all([
            this.store.listMessages(workflowUuid),
            this.store.listAnswers(workflowUuid),
          ]);
          const { userId, params } = record;
          const recorded = { messages, answers };
          const run = this.create({ workflowUuid, definition, userId, params, recorded }, listening);
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

  /** Stops renewing holds and taking runs over; settles once the takeovers under way are done. */
  stop(): Promise<unknown> {
    this.#closed = true;
    clearInterval(this.#renewal);
    return Promise.allSettled(this.#takingOver.values());
  }

  abandonAll(reason: string): void {
    for (const run of this.#live.values()) run.abandon(reason);
  }

  /** Settles when every live run has finished, or after `ms`: a workflow may ignore its abort signal. */
  async finished(ms: number): Promise<void> {
    const runs = Promise.all([...this.#live.values()].map((run) => run.start()));
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([runs, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }
}
