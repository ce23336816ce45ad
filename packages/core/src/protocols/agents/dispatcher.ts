// The agents protocol's side of its dispatch queue: admitting dispatched prompts and pyflue's
// webhook prompts into it, running each job it delivers as a prompt on its session, and the
// queue's depth and age as metrics. Apart from the module so that background work reads in one
// place; the queue itself (dispatch.ts) and its stores (dispatch-store.ts and its neighbours)
// know nothing of agents.

import { randomBytes } from "node:crypto";
import type { AgentDispatchReceipt, AgentWebhookReceipt } from "@switchboard/protocol/agents";
import { abortReason } from "../../runtime/model/abort.js";
import { isStoreUnavailable } from "../../store/errors.js";
import type { SessionKey } from "../../store/sessions.js";
import type { AppContext } from "../protocol-module.js";
import type { DispatchJob, DispatchQueue } from "./dispatch.js";
import type { DispatchedWork, StartOptions } from "./options.js";
import { dispatchedPrompt, dispatchReceipt, webhookInput, webhookQueueId, webhookReceipt } from "./pyflue.js";
import type { PromptRun, RunOutcome } from "./run.js";
import { queueId, toAgentError } from "./wire.js";

export interface DispatcherOptions {
  queue: DispatchQueue;
  onSettled: ((job: DispatchedWork, outcome: RunOutcome) => void) | undefined;
  /** Starts a delivered job's prompt, waiting for its session's lock. */
  start: (key: SessionKey, message: string, options: StartOptions) => Promise<PromptRun>;
  /** Aborted when the module closes: a job cut short then goes back to the queue. */
  closing: AbortSignal;
  reportError: (error: unknown) => void;
}

export class Dispatcher {
  readonly #queue: DispatchQueue;
  readonly #onSettled: ((job: DispatchedWork, outcome: RunOutcome) => void) | undefined;
  readonly #start: DispatcherOptions["start"];
  readonly #closing: AbortSignal;
  readonly #reportError: (error: unknown) => void;

  constructor(options: DispatcherOptions) {
    this.#queue = options.queue;
    this.#onSettled = options.onSettled;
    this.#start = options.start;
    this.#closing = options.closing;
    this.#reportError = options.reportError;
  }

  /** Registers the queue's metrics (when it can tell its depth) and starts delivering its jobs. */
  start(ctx: AppContext): void {
    const stats = this.#queue.stats?.bind(this.#queue);
    if (ctx.metrics && stats) {
      ctx.metrics.sampled(
        "dispatch_queue_depth",
        "Dispatched prompts waiting or running",
        async () => (await stats()).depth,
      );
      ctx.metrics.sampled(
        "dispatch_queue_oldest_age_seconds",
        "Age of the oldest dispatched prompt still waiting or running",
        async () => (await stats()).oldestAgeMs / 1000,
      );
    }
    this.#queue.start(
      (job) => this.#run(job),
      (error) => {
        // A store outage is reported once by the app (as 503s begin); polling workers would
        // otherwise add a stack trace a second.
        if (isStoreUnavailable(error))
          ctx.logger.debug({ err: error }, "agents: dispatch queue cannot reach the store");
        else this.#reportError(error);
      },
    );
  }

  /** Enqueues a dispatched prompt (`POST …/dispatch`); its id is made up when the caller chose none. */
  async dispatch(key: SessionKey, input: unknown, chosenId: string | undefined): Promise<AgentDispatchReceipt> {
    const dispatchId = chosenId ?? `dsp_${randomBytes(12).toString("hex")}`;
    const acceptedAt = new Date().toISOString();
    const admission = await this.#queue.enqueue({
      ...key,
      dispatchId: queueId(key, dispatchId),
      input,
      acceptedAt,
    });
    return dispatchReceipt(dispatchId, admission?.acceptedAt ?? acceptedAt);
  }

  /** pyflue's webhook mode: the prompt is queued like dispatched work and answered at once. */
  async webhook(
    key: SessionKey,
    message: string,
    payload: unknown,
  ): Promise<{ runId: string; receipt: AgentWebhookReceipt }> {
    const dispatchId = `run_${randomBytes(12).toString("hex")}`;
    const acceptedAt = new Date().toISOString();
    const admission = await this.#queue.enqueue({
      ...key,
      dispatchId: webhookQueueId(key, dispatchId),
      input: webhookInput(message, payload),
      acceptedAt,
    });
    return { runId: dispatchId, receipt: webhookReceipt(dispatchId, admission?.acceptedAt ?? acceptedAt) };
  }

  /**
   * One attempt at a dispatched job. A prompt that fails rejects, so the queue retries it; one
   * stopped by the session abort route is done. At shutdown the run is aborted and rejects, and
   * the queue hands the job back for a later process.
   */
  async #run(job: DispatchJob): Promise<void> {
    const key: SessionKey = { agent: job.agent, id: job.id, session: job.session };
    const prompt = dispatchedPrompt(job);
    const work: DispatchedWork = { ...key, dispatchId: prompt.dispatchId, input: job.input };
    let outcome: RunOutcome;
    try {
      const run = await this.#start(key, prompt.message, { wait: true, payload: prompt.payload });
      outcome = await run.finished;
    } catch (error) {
      outcome = { ok: false, error: toAgentError(error, this.#closing, (e) => this.#reportError(e)) };
    }
    this.#onSettled?.(work, outcome);
    if (outcome.ok) return;
    if (this.#closing.aborted) throw abortReason(this.#closing);
    if (outcome.error.type === "aborted") return;
    throw new Error(outcome.error.message);
  }

  /** Stops delivering; waits for the jobs already running. */
  close(): Promise<void> {
    return this.#queue.close();
  }
}
