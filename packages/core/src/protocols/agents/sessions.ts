// The served agents and their sessions in this process: looking an agent up, starting a prompt on
// a session (its lock, its run, storing what it adds to the history), aborting a prompt here or in
// another process, and reading a history. Apart from the module so that the HTTP routes, the
// WebSocket and dispatched work all start and stop prompts through this one place.

import type { Agent } from "../../runtime/agent/types.js";
import { abortReason } from "../../runtime/model/abort.js";
import type { ModelMessage } from "../../runtime/model/types.js";
import type { EventBus } from "../../store/bus.js";
import { memorySessionStore } from "../../store/memory-sessions.js";
import { type SessionKey, type SessionStore, sessionKeyString } from "../../store/sessions.js";
import type { AppContext } from "../protocol-module.js";
import { AgentsProtocolError } from "./errors.js";
import type { StartOptions } from "./options.js";
import { PromptRun, type RunOutcome } from "./run.js";
import { runPrompt } from "./runner.js";
import { abortedByRequest, isClientGone, toAgentError } from "./wire.js";

/** Where the abort route asks, `{key}`, the process running a session's prompt to stop it. */
const ABORT_TOPIC = "agents:abort";
/** Upper bound on how long the abort route waits for the aborted prompt to wind down. */
const ABORT_SETTLE_MS = 5_000;

export interface AgentSessionsOptions {
  agents: Record<string, Agent>;
  /** Session histories and locks (agents with `persist: false` keep theirs in this process). */
  store: SessionStore;
  env: Record<string, string | undefined>;
  bus: EventBus | undefined;
  /** Aborted when the module closes: a prompt waiting for a session's lock stops waiting. */
  closing: AbortSignal;
  ctx: AppContext;
  reportError: (error: unknown) => void;
}

export class AgentSessions {
  readonly #agents: Map<string, Agent>;
  readonly #store: SessionStore;
  /** The sessions of agents with `persist: false`. */
  readonly #volatile = memorySessionStore();
  readonly #env: Record<string, string | undefined>;
  readonly #bus: EventBus | undefined;
  readonly #closing: AbortSignal;
  readonly #ctx: AppContext;
  readonly #reportError: (error: unknown) => void;
  /** The prompt attached to each session in this process (for abort). */
  readonly #active = new Map<string, PromptRun>();

  constructor(options: AgentSessionsOptions) {
    this.#agents = new Map(Object.entries(options.agents));
    this.#store = options.store;
    this.#env = options.env;
    this.#bus = options.bus;
    this.#closing = options.closing;
    this.#ctx = options.ctx;
    this.#reportError = options.reportError;
  }

  /** The served agents' names. */
  names(): Iterable<string> {
    return this.#agents.keys();
  }

  /** The agent named `name`; throws 404 `agent_not_found`. */
  agent(name: string): Agent {
    const agent = this.#agents.get(name);
    if (!agent) throw new AgentsProtocolError(404, "agent_not_found", `no agent named ${JSON.stringify(name)}`);
    return agent;
  }

  /**
   * Takes the session's lock (waiting for it when `wait`) and starts the prompt in the background.
   * Throws 409 `session_busy` when the lock is held and `wait` is false.
   */
  async start(key: SessionKey, message: string, options: StartOptions): Promise<PromptRun> {
    const agent = this.agent(key.agent);
    const lock = await this.#store.lock(key, { wait: options.wait, signal: this.#closing });
    if (!lock) {
      throw new AgentsProtocolError(
        409,
        "session_busy",
        `session "${key.session}" of ${key.agent}/${key.id} is running another prompt; wait for it or abort it`,
      );
    }
    const run = new PromptRun(key);
    const name = sessionKeyString(key);
    this.#active.set(name, run);
    const settle = async (outcome: RunOutcome) => {
      if (this.#active.get(name) === run) this.#active.delete(name);
      this.#ctx.metrics?.runs.inc({ protocol: "agents", outcome: outcome.ok ? "ok" : outcome.error.type });
      // Released before the outcome is announced, so a client that prompts again at once is not refused.
      await lock
        .release()
        .catch((error: unknown) => this.#ctx.logger.warn({ err: error }, "agents: releasing a session lock failed"));
      run.finish(outcome);
    };
    void (async () => {
      try {
        let sessions = this.#store;
        const { result, messages } = await runPrompt({
          agent,
          key,
          env: this.#env,
          payload: options.payload,
          // An agent configured with `persist: false` keeps its sessions in this process only.
          history: (persist) => {
            if (!persist) sessions = this.#volatile;
            return sessions.load(key);
          },
          message,
          signal: run.signal,
          emit: (event) => run.emit(event),
        });
        if (run.signal.aborted) throw abortReason(run.signal);
        await sessions.append(key, messages);
        await settle({ ok: true, result });
      } catch (error) {
        // A client that went away did not withdraw its message (an abort does): the message it
        // was accepted with is kept, so the conversation goes on from it, whether or not the
        // answer was finished in time (DESIGN §4, "abandoned prompts").
        if (run.signal.aborted && isClientGone(run.signal.reason)) {
          await this.#store
            .append(key, [{ role: "user", content: message }])
            .catch((storeError: unknown) => this.#reportError(storeError));
        }
        await settle({ ok: false, error: toAgentError(error, run.signal, (e) => this.#reportError(e)) });
      }
    })();
    return run;
  }

  /** A session's messages, from whichever of the two stores holds it (depending on the agent's `persist`). */
  async history(key: SessionKey): Promise<ModelMessage[]> {
    const durable = await this.#store.load(key);
    return durable.length > 0 ? durable : await this.#volatile.load(key);
  }

  /**
   * Aborts the session's running prompt and waits (a while) for it to wind down; whether there
   * was one to abort, here or in another process.
   */
  async abort(key: SessionKey): Promise<boolean> {
    const run = this.#active.get(sessionKeyString(key));
    if (!run) return await this.#abortElsewhere(key);
    run.controller.abort(abortedByRequest());
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      run.finished,
      new Promise((resolve) => {
        timer = setTimeout(resolve, ABORT_SETTLE_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    return true;
  }

  /**
   * No prompt of this session runs here. When the store's lock says one runs in another process,
   * the bus tells that process to stop it.
   */
  async #abortElsewhere(key: SessionKey): Promise<boolean> {
    if (!this.#bus) return false;
    const lock = await this.#store.lock(key, { wait: false });
    if (lock) {
      await lock.release();
      return false;
    }
    await this.#bus.publish(ABORT_TOPIC, { key: sessionKeyString(key) });
    return true;
  }

  /** With a bus: hears other processes' aborts of sessions whose prompt runs here. */
  subscribe(): Promise<() => void> {
    if (!this.#bus) return Promise.resolve(() => {});
    return this.#bus.subscribe(ABORT_TOPIC, (message) => {
      const key = (message as { key?: unknown } | null)?.key;
      if (typeof key === "string") this.#active.get(key)?.controller.abort(abortedByRequest());
    });
  }

  /** Aborts every prompt running here with the shutdown's reason (once `closing` has aborted). */
  abortAll(): void {
    for (const run of this.#active.values()) run.controller.abort(abortReason(this.#closing));
  }
}
