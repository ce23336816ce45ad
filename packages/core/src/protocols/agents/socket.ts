import {
  type AgentAbortFrame,
  type AgentError,
  type AgentPromptFrame,
  type AgentServerFrame,
  type AgentSocketSubprotocol,
  AgentSocketSubprotocolValues,
  validate,
} from "@switchboard/protocol/agents";
import { nulError, nulPointer } from "../../http/input-guard.js";
import type { RateDecision } from "../../http/rate-limit.js";
import type { CoreRequest } from "../../http/types.js";
import type { SessionKey } from "../../store/sessions.js";
import { CloseCode, type CoreSocket, type SocketHandlers } from "../../ws/types.js";
import type { AppContext } from "../protocol-module.js";
import { AgentsProtocolError, validationError } from "./errors.js";
import type { AgentAuthorizeContext, StartOptions } from "./options.js";
import type { PromptRun } from "./run.js";
import { followRun } from "./stream.js";

/** What a socket asks of the agents module that opened it. */
export interface AgentSocketHost {
  /** Whether an `authorize` hook is configured (a socket then keeps its upgrade request for it). */
  readonly authorizes: boolean;
  /** Runs the `authorize` hook; throws the 401/403 refusal. */
  authorize(request: CoreRequest, target: Omit<AgentAuthorizeContext, "request">): Promise<void>;
  /** Takes the session's lock and starts the prompt in the background. */
  start(key: SessionKey, message: string, options: StartOptions): Promise<PromptRun>;
  /** Bound each socket's queued prompts (`maxQueuedPrompts`) and running ones (`maxSocketInFlight`). */
  readonly limits: AppContext["limits"];
  /** Logs an unexpected error through the app. */
  reportError(error: unknown): void;
}

type Frame<T extends AgentServerFrame["type"]> = Omit<Extract<AgentServerFrame, { type: T }>, "version">;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The subprotocol a client offers to get Switchboard's framing (the spec's only one). */
export const AGENT_SUBPROTOCOL: AgentSocketSubprotocol = AgentSocketSubprotocolValues[0];

/**
 * One WebSocket to an agent instance, in one of two framings chosen at the handshake.
 *
 * pyflue's (the default): nothing is sent unasked; every prompt gets exactly one `result` or
 * `error` frame, and prompts run one after another, so a client that reads one frame per prompt
 * (pyflue's `conn.prompt()`) gets its own answer.
 *
 * Switchboard's (`switchboard.v1`, `rich`): `ready` on open, then `started`, `event`s and the
 * outcome per prompt. Prompts with a `requestId` run concurrently (one per session); prompts
 * without one are given an id and run one after another, so clients that match answers by order
 * get them in order.
 *
 * Work per socket is bounded, so that one client cannot keep the server (and its store) busy for
 * everyone else: at most `maxQueuedPrompts` prompts wait behind the running one, and at most
 * `maxSocketInFlight` prompts with ids run at once; a prompt beyond either, or over the app's
 * rate limit, is refused `too_many_requests` (in its turn, with pyflue's framing; a pyflue-framed
 * socket with more refusals than that waiting for their turn is closed with 1008).
 *
 * A server may hold many thousands of these open and idle, so the state only prompts need (the
 * id sets, the close signal) is created by the first prompt, and the upgrade request is kept only
 * when an `authorize` hook will be asked about each prompt.
 */
export class AgentSocket implements SocketHandlers {
  readonly #module: AgentSocketHost;
  readonly #socket: CoreSocket;
  readonly #request: CoreRequest | undefined;
  readonly #name: string;
  readonly #id: string;
  readonly #rich: boolean;
  readonly #onClosed: () => void;
  /** Request ids in use: queued or running. */
  #pending: Set<string> | undefined;
  #runs: Map<string, PromptRun> | undefined;
  /** Prompts aborted while they were still being authorized or queued. */
  #cancelled: Set<string> | undefined;
  /** Aborted when the socket closes; see `#goneSignal`. */
  #gone: AbortController | undefined;
  #closed = false;
  #serial: Promise<void> | undefined;
  #nextId = 1;
  /** Prompts queued or running one after another. */
  #serialCount = 0;
  /** Prompts with a `requestId` (Switchboard's framing) being authorized or running at once. */
  #concurrentCount = 0;
  /** Refusals waiting for their turn to be sent (pyflue's framing answers every prompt in order). */
  #refusalsWaiting = 0;
  readonly #rate: (() => RateDecision) | undefined;

  constructor(
    module: AgentSocketHost,
    socket: CoreSocket,
    request: CoreRequest,
    name: string,
    id: string,
    rich: boolean,
    onClosed: () => void,
    rate?: () => RateDecision,
  ) {
    this.#module = module;
    this.#rate = rate;
    this.#socket = socket;
    this.#request = module.authorizes ? request : undefined;
    this.#name = name;
    this.#id = id;
    this.#rich = rich;
    this.#onClosed = onClosed;
  }

  open(): SocketHandlers {
    if (this.#rich) void this.#send({ type: "ready", target: "agent", name: this.#name, instanceId: this.#id });
    return this;
  }

  /** Server shutdown: close with 1001 and stop this socket's prompts. */
  shutdown(): void {
    this.#socket.close(CloseCode.goingAway, "server shutting down");
    this.onClose();
  }

  onClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    const reason = new DOMException("the WebSocket closed", "AbortError");
    this.#gone?.abort(reason);
    for (const run of this.#runs?.values() ?? []) run.controller.abort(reason);
    this.#onClosed();
  }

  /** Aborted once the socket has closed. */
  get #goneSignal(): AbortSignal {
    if (!this.#gone) {
      this.#gone = new AbortController();
      if (this.#closed) this.#gone.abort(new DOMException("the WebSocket closed", "AbortError"));
    }
    return this.#gone.signal;
  }

  onMessage(data: string | Uint8Array, isBinary: boolean): void {
    if (this.#closed) return;
    if (isBinary) {
      this.#socket.close(CloseCode.unsupportedData, "binary frames are not supported; send JSON text frames");
      this.onClose();
      return;
    }
    let text: string;
    try {
      text = typeof data === "string" ? data : utf8.decode(data);
    } catch {
      this.#refuse(undefined, { type: "invalid_json", message: "frame is not valid UTF-8" });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      this.#refuse(undefined, {
        type: "invalid_json",
        message: `frame is not valid JSON: ${(error as Error).message}`,
      });
      return;
    }
    // No store can keep U+0000 (see http/input-guard.ts).
    const nul = nulPointer(parsed, text);
    if (nul !== undefined) {
      const requestId = (parsed as { requestId?: unknown } | null)?.requestId;
      const fault = nulError(nul);
      this.#refuse(typeof requestId === "string" && !requestId.includes("\u0000") ? requestId : undefined, {
        type: "validation_failed",
        message: fault.message,
        details: { param: fault.param, pointer: nul },
      });
      return;
    }
    const checked = validate.AgentClientFrame(parsed);
    if (!checked.ok) {
      const requestId = (parsed as { requestId?: unknown } | null)?.requestId;
      this.#refuse(
        typeof requestId === "string" ? requestId : undefined,
        validationError(checked.issue, "frame").toError(),
      );
      return;
    }
    const frame = checked.value;
    switch (frame.type) {
      case "ping":
        void this.#send(
          frame.requestId === undefined ? { type: "pong" } : { type: "pong", requestId: frame.requestId },
        );
        return;
      case "abort":
        this.#abort(frame);
        return;
      case "prompt":
        this.#prompt(frame);
        return;
    }
  }

  #prompt(frame: AgentPromptFrame): void {
    let requestId = frame.requestId;
    this.#pending ??= new Set();
    const pending = this.#pending;
    if (requestId !== undefined && pending.has(requestId)) {
      this.#refuse(requestId, {
        type: "validation_failed",
        message: `requestId ${JSON.stringify(requestId)} is already used by a running prompt of this socket`,
        details: { param: "requestId", pointer: "/requestId" },
      });
      return;
    }
    if (requestId === undefined) {
      do requestId = `req_${this.#nextId++}`;
      while (pending.has(requestId));
    }
    const id = requestId;
    const serial = frame.requestId === undefined || !this.#rich;
    const refusal = this.#refusal(serial);
    if (refusal) {
      this.#refuse(id, { type: "too_many_requests", message: refusal });
      return;
    }
    if (serial) this.#serialCount++;
    else this.#concurrentCount++;
    pending.add(id);
    const task = () =>
      this.#run(id, frame)
        .catch((error: unknown) => {
          this.#module.reportError(error);
          return this.#error(id, { type: "internal_error", message: "internal server error" });
        })
        .finally(() => {
          pending.delete(id);
          this.#cancelled?.delete(id);
          if (serial) this.#serialCount--;
          else this.#concurrentCount--;
        });
    if (serial) this.#inOrder(task);
    else void task();
  }

  /** Why a new prompt cannot be taken now, or `undefined` when it can. */
  #refusal(serial: boolean): string | undefined {
    const limits = this.#module.limits;
    if (serial && this.#serialCount > limits.maxQueuedPrompts) {
      return `this socket already has ${limits.maxQueuedPrompts} prompts waiting; wait for their answers before sending more`;
    }
    if (!serial && this.#concurrentCount >= limits.maxSocketInFlight) {
      return `this socket already runs ${limits.maxSocketInFlight} prompts; wait for one to finish before sending more`;
    }
    const decision = this.#rate?.();
    if (decision && !decision.ok) return `rate limit exceeded: retry after ${decision.retryAfterSeconds} s`;
    return undefined;
  }

  /** Runs after every earlier prompt without a `requestId` (with pyflue's framing: every prompt). */
  #inOrder(task: () => Promise<void>): void {
    this.#serial = (this.#serial ?? Promise.resolve()).then(task);
  }

  /**
   * Answers a refused frame. With pyflue's framing the refusal is that prompt's one answer, so it
   * waits for the answers of the prompts before it.
   */
  #refuse(requestId: string | undefined, error: AgentError): void {
    if (this.#rich) {
      void this.#error(requestId, error);
      return;
    }
    // Refusals wait their turn too, so a flood would queue them without end: past as many as
    // prompts may wait, the socket is closed instead (the client is not reading its answers).
    const limit = this.#module.limits.maxQueuedPrompts;
    if (this.#refusalsWaiting >= limit) {
      if (!this.#closed) {
        this.#socket.close(
          CloseCode.policyViolation,
          `more than ${limit} refused prompts waiting for their answers; read the answers before sending more`,
        );
      }
      return;
    }
    this.#refusalsWaiting++;
    this.#inOrder(() =>
      this.#error(requestId, error).finally(() => {
        this.#refusalsWaiting--;
      }),
    );
  }

  async #run(requestId: string, frame: AgentPromptFrame): Promise<void> {
    if (this.#closed) return;
    const key = { agent: this.#name, id: this.#id, session: frame.session ?? "default" };
    let run: PromptRun;
    try {
      // Without a hook there is nothing to ask, and no request kept to ask it with.
      if (this.#request) await this.#module.authorize(this.#request, key);
      run = await this.#module.start(key, frame.message, { wait: false });
    } catch (error) {
      if (!(error instanceof AgentsProtocolError)) throw error;
      await this.#error(requestId, error.toError());
      return;
    }
    this.#runs ??= new Map();
    const runs = this.#runs;
    runs.set(requestId, run);
    try {
      const gone = this.#goneSignal;
      if (gone.aborted) run.controller.abort(gone.reason);
      else if (this.#cancelled?.delete(requestId))
        run.controller.abort(new DOMException("aborted by request", "AbortError"));
      if (this.#rich) await this.#send({ type: "started", requestId, session: key.session });
      for await (const index of followRun(run, 0, gone)) {
        const event = run.events[index]!;
        if (event.type === "result") await this.#send({ type: "result", requestId, result: event.result });
        else if (event.type === "error") await this.#error(requestId, event.error);
        else if (event.type !== "idle" && this.#rich) await this.#send({ type: "event", requestId, event });
      }
    } finally {
      runs.delete(requestId);
    }
  }

  #abort(frame: AgentAbortFrame): void {
    const run = this.#runs?.get(frame.requestId);
    if (run) run.controller.abort(new DOMException("aborted by request", "AbortError"));
    else if (this.#pending?.has(frame.requestId)) {
      this.#cancelled ??= new Set();
      this.#cancelled.add(frame.requestId);
    }
  }

  #error(requestId: string | undefined, error: AgentError): Promise<void> {
    return this.#send(requestId === undefined ? { type: "error", error } : { type: "error", requestId, error });
  }

  #send<T extends AgentServerFrame["type"]>(frame: Frame<T> & { type: T }): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const { type, ...rest } = frame;
    return this.#socket.send(JSON.stringify({ type, version: 1, ...rest }));
  }
}
