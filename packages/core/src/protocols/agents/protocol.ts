import { randomBytes } from "node:crypto";
import type { ValidationResult } from "@switchboard/protocol";
import {
  type AgentDispatchReceipt,
  type AgentError,
  type AgentEvent,
  type AgentMessage,
  type AgentSessionHistory,
  validate,
} from "@switchboard/protocol/agents";
import { readJson } from "../../http/read-json.js";
import { json, sse, sseComment, sseFrame } from "../../http/response.js";
import { Router } from "../../http/router.js";
import type { CoreRequest, CoreResponse } from "../../http/types.js";
import type { Agent } from "../../runtime/agent/types.js";
import { abortReason } from "../../runtime/model/abort.js";
import type { ModelMessage } from "../../runtime/model/types.js";
import type { EventBus } from "../../store/bus.js";
import { memorySessionStore } from "../../store/memory-sessions.js";
import { type SessionKey, type SessionStore, sessionKeyString } from "../../store/sessions.js";
import { Wakeup } from "../../store/wakeup.js";
import type { CoreSocket, SocketHandlers, UpgradeDecision } from "../../ws/types.js";
import type { AppContext, ProtocolFactory, ProtocolModule } from "../module.js";
import type { DispatchJob, DispatchQueue } from "./dispatch.js";
import { dispatchQueueFrom, memoryDispatchStore } from "./dispatch-store.js";
import { AgentsProtocolError, errorTypeFor, validationError } from "./errors.js";
import { PromptRun, type RunFollower, type RunOutcome } from "./run.js";
import { runPrompt } from "./runner.js";
import { AgentSocket } from "./socket.js";
import { StreamLogWriter, streamTopic } from "./stream-log.js";

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

interface StartOptions {
  /** Wait for a busy session (dispatch) instead of refusing with 409 (attached prompts). */
  wait: boolean;
  /** Handed to the agent's factory as `ctx.payload`. */
  payload?: unknown;
}

type Handler = (req: CoreRequest, params: Record<string, string>) => Promise<CoreResponse>;

const DEFAULT_SESSION = "default";
const ABORT_TOPIC = "agents:abort";
/** Upper bound on how long the abort route waits for the aborted prompt to wind down. */
const ABORT_SETTLE_MS = 5_000;
/** Where a process following another one's stream says, `{streamId}`, that a client is attached. */
const ATTACH_TOPIC = "agents:attach";
/** How often such a process says it. */
const ATTACH_BEAT_MS = 1_000;
/** How long after the last such beat the client counts as attached. */
const ATTACH_LEASE_MS = 2_500;
/** How often a follower of another process's stream re-reads the log when the bus stays silent. */
const STREAM_POLL_MS = 1_000;
/** The error ending a streamed prompt whose process died before it finished. */
const ABANDONED_MESSAGE = "The server process running this prompt stopped before it finished.";
/** Upper bound on how long `close()` waits for aborted streamed prompts to store their last events. */
const CLOSE_FLUSH_MS = 5_000;
/** Stream indexes are stored as 32-bit integers; a larger `Last-Event-ID` index is past any end. */
const MAX_INDEX = 2 ** 31 - 2;

class AgentsModule implements ProtocolModule {
  readonly name = "agents" as const;
  readonly #agents: Map<string, Agent>;
  readonly #authorizeHook: AgentAuthorize | undefined;
  readonly #store: SessionStore;
  readonly #queue: DispatchQueue;
  readonly #onSettled: ((job: DispatchedWork, outcome: RunOutcome) => void) | undefined;
  readonly #heartbeatMs: number;
  readonly #resumeWindowMs: number;
  readonly #reattachMs: number;
  readonly #env: Record<string, string | undefined>;
  readonly #limits: AppContext["limits"];
  readonly #router = new Router<Handler>();
  /** The prompt attached to each session in this process (for abort). */
  readonly #active = new Map<string, PromptRun>();
  /** Streamed prompts still resumable with `Last-Event-ID`, by stream id. */
  readonly #streams = new Map<string, PromptRun>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #reattach = new Map<PromptRun, NodeJS.Timeout>();
  /** Streamed prompts of this process followed from another one, with the lease timer of that attachment. */
  readonly #elsewhere = new Map<PromptRun, NodeJS.Timeout>();
  /** The stream log writers of this process's streamed prompts (only with a bus). */
  readonly #writers = new Map<PromptRun, StreamLogWriter>();
  readonly #sockets = new Set<AgentSocket>();
  readonly #closing = new AbortController();
  readonly #bus: EventBus | undefined;
  readonly #subscriptions: Array<Promise<() => void>> = [];

  constructor(ctx: AppContext, options: AgentsProtocolOptions) {
    this.#agents = new Map(Object.entries(options.agents));
    this.#authorizeHook = options.authorize;
    this.#store = options.sessions ?? memorySessionStore();
    this.#queue = options.dispatch?.queue ?? dispatchQueueFrom(memoryDispatchStore());
    this.#onSettled = options.dispatch?.onSettled;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
    this.#resumeWindowMs = options.resumeWindowMs ?? 30_000;
    this.#reattachMs = options.reattachMs ?? 5_000;
    this.#env = options.env ?? {};
    this.#limits = ctx.limits;
    this.#router
      .add("POST", "/agents/:name/:id", (req, p) => this.#prompt(req, p))
      .add("GET", "/agents/:name/:id", async () => {
        throw new AgentsProtocolError(
          426,
          "upgrade_required",
          "GET on an agent instance opens a WebSocket; send the upgrade headers (or POST a prompt)",
          undefined,
          { upgrade: "websocket" },
        );
      })
      .add("POST", "/agents/:name/:id/dispatch", (req, p) => this.#dispatch(req, p))
      .add("GET", "/agents/:name/:id/sessions/:session", (req, p) => this.#history(req, p))
      .add("POST", "/agents/:name/:id/sessions/:session/abort", (req, p) => this.#abort(req, p));
    this.#queue.start((job) => this.#runDispatch(job));
    this.#bus = options.bus;
    if (this.#bus) {
      this.#subscriptions.push(
        this.#bus.subscribe(ABORT_TOPIC, (message) => {
          const key = (message as { key?: unknown } | null)?.key;
          if (typeof key === "string") this.#active.get(key)?.controller.abort(abortedByRequest());
        }),
        this.#bus.subscribe(ATTACH_TOPIC, (message) => {
          const streamId = (message as { streamId?: unknown } | null)?.streamId;
          const run = typeof streamId === "string" ? this.#streams.get(streamId) : undefined;
          if (run) this.#attachedElsewhere(run);
        }),
      );
    }
    for (const subscription of this.#subscriptions) {
      subscription.catch((error: unknown) => console.error("[switchboard] agents: bus subscription failed", error));
    }
  }

  owns(path: string): boolean {
    return path === "/agents" || path.startsWith("/agents/");
  }

  async handle(req: CoreRequest): Promise<CoreResponse> {
    const match = this.#router.match(req.method, req.path);
    try {
      if (!match) throw new AgentsProtocolError(404, "route_not_found", `no route ${req.method} ${req.path}`);
      if ("methodNotAllowed" in match) {
        throw new AgentsProtocolError(
          405,
          "method_not_allowed",
          `${req.method} is not allowed on ${req.path}; use ${match.allow.join(" or ")}`,
          { allow: match.allow },
          { allow: match.allow.join(", ") },
        );
      }
      return await match.handler(req, match.params);
    } catch (error) {
      if (error instanceof AgentsProtocolError) return error.toResponse();
      throw error;
    }
  }

  async upgrade(req: CoreRequest): Promise<UpgradeDecision> {
    const match = this.#router.match("GET", req.path);
    try {
      if (!match || "methodNotAllowed" in match || match.params.session !== undefined) {
        throw new AgentsProtocolError(404, "route_not_found", `no WebSocket endpoint at ${req.path}`);
      }
      const { name, id } = match.params as { name: string; id: string };
      await this.authorize(req, { agent: name, id, session: undefined });
      this.#agent(name);
      return { accept: (socket) => this.#openSocket(socket, req, name, id) };
    } catch (error) {
      if (error instanceof AgentsProtocolError) return { reject: error.toResponse() };
      throw error;
    }
  }

  /**
   * Apart from `upgrade` so that the callback kept for the socket's lifetime closes over this
   * scope only, not over the upgrade's (which holds the request).
   */
  #openSocket(socket: CoreSocket, req: CoreRequest, name: string, id: string): SocketHandlers {
    const agentSocket: AgentSocket = new AgentSocket(this, socket, req, name, id, () =>
      this.#sockets.delete(agentSocket),
    );
    this.#sockets.add(agentSocket);
    return agentSocket.open();
  }

  error(status: number, code: string, message: string, param?: string): CoreResponse {
    return new AgentsProtocolError(
      status,
      errorTypeFor(status, code),
      message,
      param ? { param } : undefined,
    ).toResponse();
  }

  async close(): Promise<void> {
    this.#closing.abort(new DOMException("the server is shutting down", "AbortError"));
    for (const socket of this.#sockets) socket.shutdown();
    for (const run of this.#active.values()) run.controller.abort(abortReason(this.#closing.signal));
    for (const timer of [...this.#timers, ...this.#reattach.values(), ...this.#elsewhere.values()]) clearTimeout(timer);
    this.#timers.clear();
    this.#reattach.clear();
    this.#elsewhere.clear();
    this.#streams.clear();
    // The aborted prompts' terminal events, so that followers elsewhere see their streams end.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.#writers.values()].map((writer) => writer.done)),
      new Promise((resolve) => {
        timer = setTimeout(resolve, CLOSE_FLUSH_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    for (const subscription of this.#subscriptions) (await subscription.catch(() => undefined))?.();
    await this.#queue.close();
  }

  // ─── Shared with AgentSocket ───────────────────────────────────────────────────────────────

  /** Whether an `authorize` hook is configured (a socket then keeps its upgrade request for it). */
  get authorizes(): boolean {
    return this.#authorizeHook !== undefined;
  }

  /** Runs the `authorize` hook; throws the 401/403 refusal. */
  async authorize(request: CoreRequest, target: Omit<AgentAuthorizeContext, "request">): Promise<void> {
    const hook = this.#authorizeHook;
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

  /**
   * Takes the session's lock (waiting for it when `wait`) and starts the prompt in the background.
   * Throws 409 `session_busy` when the lock is held and `wait` is false.
   */
  async start(key: SessionKey, message: string, options: StartOptions): Promise<PromptRun> {
    const agent = this.#agent(key.agent);
    const lock = await this.#store.lock(key, { wait: options.wait, signal: this.#closing.signal });
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
      // Released before the outcome is announced, so a client that prompts again at once is not refused.
      await lock
        .release()
        .catch((error: unknown) => console.error("[switchboard] agents: releasing a session lock failed", error));
      run.finish(outcome);
    };
    void (async () => {
      try {
        const history = await this.#store.load(key);
        const { result, messages } = await runPrompt({
          agent,
          key,
          env: this.#env,
          payload: options.payload,
          history,
          message,
          signal: run.signal,
          emit: (event) => run.emit(event),
        });
        if (run.signal.aborted) throw abortReason(run.signal);
        await this.#store.append(key, messages);
        await settle({ ok: true, result });
      } catch (error) {
        await settle({ ok: false, error: toAgentError(error, run.signal) });
      }
    })();
    return run;
  }

  /** Follows a run from `from`; the generator ends after the run's last event or when `signal` aborts. */
  async *follow(run: PromptRun, from: number, signal: AbortSignal): AsyncGenerator<number> {
    const follower: RunFollower = { position: from };
    run.followers.add(follower);
    try {
      for (;;) {
        while (follower.position < run.events.length) {
          const index = follower.position++;
          run.progressed();
          yield index;
          if (signal.aborted) return;
        }
        if (run.done || signal.aborted) return;
        await run.changed(follower.position, signal);
      }
    } finally {
      run.followers.delete(follower);
      run.progressed();
    }
  }

  // ─── Routes ────────────────────────────────────────────────────────────────────────────────

  async #prompt(req: CoreRequest, params: Record<string, string>): Promise<CoreResponse> {
    const body = await this.#body(req, validate.AgentPromptRequest);
    const key = this.#key(params, body.session);
    await this.authorize(req, key);
    this.#agent(key.agent);
    const streamed = acceptsEventStream(req.header("accept"));
    if (streamed) {
      const lastEventId = req.header("last-event-id");
      if (lastEventId !== undefined && lastEventId !== "") return this.#resume(req, key, lastEventId);
    }
    const run = await this.start(key, body.message, { wait: false });
    if (streamed) {
      await this.#hold(run);
      return sse(this.#sse(run, 0, req.signal));
    }
    const onGone = () => run.controller.abort(new DOMException("the client went away", "AbortError"));
    if (req.signal.aborted) onGone();
    else req.signal.addEventListener("abort", onGone, { once: true });
    const outcome = await run.finished.finally(() => req.signal.removeEventListener("abort", onGone));
    if (outcome.ok) return json(200, { result: outcome.result });
    return errorFromOutcome(outcome.error).toResponse();
  }

  /**
   * A stream of this process is followed from its events in memory. With a bus, a stream of
   * another process sharing the store is followed from the store's stream log (#sseElsewhere).
   */
  async #resume(req: CoreRequest, key: SessionKey, lastEventId: string): Promise<CoreResponse> {
    const match = /^(.+):(\d+)$/.exec(lastEventId);
    const notFound = () =>
      new AgentsProtocolError(
        404,
        "stream_not_found",
        `Last-Event-ID ${JSON.stringify(lastEventId)} names no stream of session "${key.session}" that is still held`,
        { param: "Last-Event-ID" },
      );
    if (!match) throw notFound();
    const streamId = match[1]!;
    const index = Math.min(Number(match[2]), MAX_INDEX);
    const run = this.#streams.get(streamId);
    if (run) {
      if (sessionKeyString(run.key) !== sessionKeyString(key)) throw notFound();
      return sse(this.#sse(run, Math.min(index + 1, run.events.length), req.signal));
    }
    if (!this.#bus) throw notFound();
    const stored = await this.#store.readStreamEvents(streamId, index);
    if (!stored || sessionKeyString(stored.key) !== sessionKeyString(key)) throw notFound();
    // Not clamped to the stored length: the client may have seen events the log does not hold yet.
    return sse(this.#heartbeats(this.#sseElsewhere(streamId, index + 1, req.signal)));
  }

  async *#sse(run: PromptRun, from: number, signal: AbortSignal): AsyncGenerator<string> {
    this.#attach(run);
    try {
      yield* this.#heartbeats(this.#frames(run, from, signal));
    } finally {
      this.#detach(run);
    }
  }

  async *#frames(run: PromptRun, from: number, signal: AbortSignal): AsyncGenerator<string> {
    for await (const index of this.follow(run, from, signal)) {
      const event = run.events[index]!;
      yield sseFrame({ event: event.type, id: `${run.streamId}:${index}`, data: event });
    }
  }

  /** Passes `frames` on, with a `: keep-alive` comment whenever none came for `heartbeatMs`. */
  async *#heartbeats(frames: AsyncGenerator<string>): AsyncGenerator<string> {
    let next = frames.next();
    try {
      for (;;) {
        let timer: NodeJS.Timeout | undefined;
        const beat = new Promise<"beat">((resolve) => {
          timer = setTimeout(() => resolve("beat"), this.#heartbeatMs);
        });
        const step = await Promise.race([next, beat]).finally(() => clearTimeout(timer));
        if (step === "beat") {
          yield sseComment("keep-alive");
          continue;
        }
        if (step.done) return;
        yield step.value;
        next = frames.next();
      }
    } finally {
      await frames.return(undefined);
    }
  }

  /**
   * The frames of a stream that another process runs (or ran), from index `next`: the stored
   * events, then the new ones as they are stored, until the terminal events. It subscribes to the
   * stream's topic before it reads the log (the writer stores before it announces), so no batch
   * falls in between; a periodic re-read covers a silent bus.
   *
   * Re-attaching across processes: while this follows, it tells every process every
   * ATTACH_BEAT_MS that a client is attached to the stream (ATTACH_TOPIC). The process running the
   * prompt counts that client as attached until ATTACH_LEASE_MS after the last beat, then gives
   * the usual re-attach grace before aborting: a resume on any process re-attaches, and a client
   * that leaves it (or whose process dies) has at least `reattachMs` to come back anywhere.
   *
   * The log ends when its terminal events are stored. A log whose process died without ending it
   * is ended here with an `internal_error`.
   */
  async *#sseElsewhere(streamId: string, next: number, signal: AbortSignal): AsyncGenerator<string> {
    const bus = this.#bus!;
    const wakeup = new Wakeup();
    const unsubscribe = await bus.subscribe(streamTopic(streamId), () => wakeup.notify());
    const beat = () =>
      void bus
        .publish(ATTACH_TOPIC, { streamId })
        .catch((error: unknown) => console.error("[switchboard] agents: announcing a resumed stream failed", error));
    beat();
    const beats = setInterval(beat, ATTACH_BEAT_MS);
    beats.unref();
    try {
      for (;;) {
        const log = await this.#store.readStreamEvents(streamId, next - 1);
        if (!log) return;
        for (const event of log.events) {
          yield sseFrame({ event: event.type, id: `${streamId}:${next++}`, data: event });
        }
        // `ended` comes from the same read as the events: they were the last ones.
        if (log.ended || signal.aborted) return;
        if (log.abandoned) {
          // Its process died mid-prompt. The log gets the error ending it (stored, so every
          // follower and later resume sees the same end; a second process writing it changes nothing).
          // It goes after what this client saw: the dead process may have sent events it never stored.
          const end: AgentEvent = { type: "error", error: { type: "internal_error", message: ABANDONED_MESSAGE } };
          await this.#store.appendStreamEvents(streamId, log.key, Math.max(log.length, next), [end], {
            ended: true,
            keepMs: this.#resumeWindowMs,
          });
          continue;
        }
        await wakeup.wait(signal, STREAM_POLL_MS);
      }
    } finally {
      clearInterval(beats);
      unsubscribe();
    }
  }

  async #dispatch(req: CoreRequest, params: Record<string, string>): Promise<CoreResponse> {
    const body = await this.#body(req, validate.AgentDispatchRequest);
    const key = this.#key(params, body.session);
    await this.authorize(req, key);
    this.#agent(key.agent);
    if (serialize(body.input) === undefined) {
      throw new AgentsProtocolError(400, "validation_failed", "input is not serializable as JSON", {
        param: "input",
        pointer: "/input",
      });
    }
    const dispatchId = body.dispatchId ?? `dsp_${randomBytes(12).toString("hex")}`;
    const acceptedAt = new Date().toISOString();
    const admission = await this.#queue.enqueue({
      ...key,
      dispatchId: queueId(key, dispatchId),
      input: body.input,
      acceptedAt,
    });
    const receipt: AgentDispatchReceipt = { dispatchId, acceptedAt: admission?.acceptedAt ?? acceptedAt };
    return json(202, receipt);
  }

  /**
   * One attempt at a dispatched job. A prompt that fails rejects, so the queue retries it; one
   * stopped by the session abort route is done. At shutdown the run is aborted and rejects, and
   * the queue hands the job back for a later process.
   */
  async #runDispatch(job: DispatchJob): Promise<void> {
    const key: SessionKey = { agent: job.agent, id: job.id, session: job.session };
    const work: DispatchedWork = { ...key, dispatchId: wireId(job.dispatchId), input: job.input };
    let outcome: RunOutcome;
    try {
      const message = serialize(job.input) ?? "null";
      const run = await this.start(key, message, { wait: true, payload: job.input });
      outcome = await run.finished;
    } catch (error) {
      outcome = { ok: false, error: toAgentError(error, this.#closing.signal) };
    }
    this.#onSettled?.(work, outcome);
    if (outcome.ok) return;
    if (this.#closing.signal.aborted) throw abortReason(this.#closing.signal);
    if (outcome.error.type === "aborted") return;
    throw new Error(outcome.error.message);
  }

  async #history(req: CoreRequest, params: Record<string, string>): Promise<CoreResponse> {
    const key = this.#key(params, params.session);
    await this.authorize(req, key);
    this.#agent(key.agent);
    const messages = await this.#store.load(key);
    const history: AgentSessionHistory = {
      name: key.agent,
      id: key.id,
      session: key.session,
      messages: messages.flatMap(toWireMessage),
    };
    return json(200, history);
  }

  async #abort(req: CoreRequest, params: Record<string, string>): Promise<CoreResponse> {
    const key = this.#key(params, params.session);
    await this.authorize(req, key);
    this.#agent(key.agent);
    const run = this.#active.get(sessionKeyString(key));
    if (!run) return json(200, { aborted: await this.#abortElsewhere(key) });
    run.controller.abort(abortedByRequest());
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      run.finished,
      new Promise((resolve) => {
        timer = setTimeout(resolve, ABORT_SETTLE_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    return json(200, { aborted: true });
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

  // ─── Helpers ───────────────────────────────────────────────────────────────────────────────

  #agent(name: string): Agent {
    const agent = this.#agents.get(name);
    if (!agent) throw new AgentsProtocolError(404, "agent_not_found", `no agent named ${JSON.stringify(name)}`);
    return agent;
  }

  #key(params: Record<string, string>, session: string | undefined): SessionKey {
    const name = session ?? DEFAULT_SESSION;
    const checked = validate.AgentSessionName(name);
    if (!checked.ok) throw validationError({ ...checked.issue, param: "session", pointer: "/session" });
    return { agent: params.name!, id: params.id!, session: name };
  }

  async #body<T>(req: CoreRequest, validator: (data: unknown) => ValidationResult<T>): Promise<T> {
    const read = await readJson(req, this.#limits.maxBodyBytes);
    if (!read.ok) {
      throw read.reason === "unsupported_media_type"
        ? new AgentsProtocolError(415, "unsupported_media_type", read.message)
        : new AgentsProtocolError(400, "invalid_json", read.message);
    }
    const checked = validator(read.value);
    if (!checked.ok) throw validationError(checked.issue);
    return checked.value;
  }

  /**
   * Keeps a streamed run resumable until `resumeWindowMs` after it ends: here from memory, and
   * with a bus, in every process sharing the store from the store's stream log.
   */
  async #hold(run: PromptRun): Promise<void> {
    this.#streams.set(run.streamId, run);
    let writer: StreamLogWriter | undefined;
    if (this.#bus) {
      writer = new StreamLogWriter(run, this.#store, this.#bus, this.#resumeWindowMs, () => this.#elsewhere.has(run));
      this.#writers.set(run, writer);
      void writer.done.then(() => this.#writers.delete(run));
    }
    void run.finished.then(() => {
      if (this.#closing.signal.aborted) return;
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#streams.delete(run.streamId);
      }, this.#resumeWindowMs);
      timer.unref();
      this.#timers.add(timer);
    });
    await writer?.begin();
  }

  #attach(run: PromptRun): void {
    const timer = this.#reattach.get(run);
    if (timer) clearTimeout(timer);
    this.#reattach.delete(run);
  }

  /**
   * The last SSE reader left (here, and no process follows the stream for another client): the
   * prompt keeps running for `reattachMs`, then is aborted.
   */
  #detach(run: PromptRun): void {
    if (run.done || run.followers.size > 0 || this.#elsewhere.has(run) || this.#reattach.has(run)) return;
    const timer = setTimeout(() => {
      this.#reattach.delete(run);
      if (run.followers.size === 0 && !this.#elsewhere.has(run)) {
        run.controller.abort(new DOMException("the client went away", "AbortError"));
      }
    }, this.#reattachMs);
    timer.unref();
    this.#reattach.set(run, timer);
  }

  /**
   * Another process follows this stream for a client (#sseElsewhere says so every
   * ATTACH_BEAT_MS): the run counts as attached until ATTACH_LEASE_MS after the last beat, and
   * then, with no reader here, the re-attach grace starts.
   */
  #attachedElsewhere(run: PromptRun): void {
    if (run.done || this.#closing.signal.aborted) return;
    const previous = this.#elsewhere.get(run);
    clearTimeout(previous);
    const lease = setTimeout(() => {
      this.#elsewhere.delete(run);
      this.#detach(run);
    }, ATTACH_LEASE_MS);
    lease.unref();
    this.#elsewhere.set(run, lease);
    this.#attach(run);
    // Newly followed: a batch stored before this process knew was not announced.
    if (!previous) this.#writers.get(run)?.announce();
  }
}

function abortedByRequest(): DOMException {
  return new DOMException("aborted by request", "AbortError");
}

/** `Accept` lists `text/event-stream` (with a non-zero quality). */
function acceptsEventStream(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(",").some((part) => {
    const [type, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (type !== "text/event-stream") return false;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * Dispatch ids chosen by callers are scoped to their agent instance in the queue, so that two
 * instances picking the same id never swallow each other's work.
 */
function queueId(key: SessionKey, dispatchId: string): string {
  return `${encodeURIComponent(key.agent)}/${encodeURIComponent(key.id)}/${dispatchId}`;
}

function wireId(queued: string): string {
  return queued.slice(queued.indexOf("/", queued.indexOf("/") + 1) + 1);
}

function serialize(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

export function toAgentError(error: unknown, signal: AbortSignal): AgentError {
  // Only the run's own signal makes an abort: a tool's timed-out fetch is an ordinary failure.
  if (signal.aborted) return { type: "aborted", message: `the prompt was aborted: ${abortReason(signal).message}` };
  if (error instanceof AgentsProtocolError) return error.toError();
  console.error("[switchboard] agents: prompt failed", error);
  return { type: "internal_error", message: error instanceof Error ? error.message : String(error) };
}

function errorFromOutcome(error: AgentError): AgentsProtocolError {
  const status =
    error.type === "aborted" || error.type === "session_busy" ? 409 : error.type === "internal_error" ? 500 : 400;
  return new AgentsProtocolError(status, error.type, error.message, error.details);
}

function toWireMessage(message: ModelMessage): AgentMessage[] {
  switch (message.role) {
    case "user":
      return [{ role: "user", content: message.content }];
    case "assistant":
      return [
        message.toolCalls?.length
          ? {
              role: "assistant",
              content: message.content,
              toolCalls: message.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })),
            }
          : { role: "assistant", content: message.content },
      ];
    case "tool":
      return [
        message.name === undefined
          ? { role: "tool", toolCallId: message.toolCallId, content: message.content }
          : { role: "tool", toolCallId: message.toolCallId, name: message.name, content: message.content },
      ];
    default:
      // Instructions are part of the agent, not of the conversation.
      return [];
  }
}

/** The instance-agent protocol (`/agents/{name}/{id}`) as an app module. */
export function agentsProtocol(options: AgentsProtocolOptions): ProtocolFactory {
  return (ctx) => new AgentsModule(ctx, options);
}

export type { AgentsModule };
