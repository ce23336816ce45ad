import type {
  AgentAbortResult,
  AgentClientFrame,
  AgentDispatchReceipt,
  AgentError,
  AgentEvent,
  AgentHealth,
  AgentList,
  AgentReadyFrame,
  AgentResult,
  AgentServerFrame,
  AgentSessionHistory,
  AgentSocketSubprotocol,
  AgentWebhookReceipt,
} from "@switchboard/protocol/agents";
import { AgentSocketSubprotocolValues } from "@switchboard/protocol/agents";
import type WebSocket from "ws";
import { ConnectionError, SwitchboardApiError, SwitchboardError } from "./errors.js";
import { openWebSocket } from "./socket.js";
import type { ClientOptions, Transport } from "./transport.js";

export interface AgentCallOptions {
  /** The session to address; the server's default (`"default"`) when absent. */
  session?: string;
  signal?: AbortSignal;
}

export interface AgentStreamOptions extends AgentCallOptions {
  /**
   * How many times a dropped stream is resumed with `Last-Event-ID` before the error is thrown
   * (default 3). Each attempt waits `reconnectDelayMs` (default 250 ms) times its number.
   */
  reconnects?: number;
  reconnectDelayMs?: number;
}

/** A prompt that ended with an `error` (over SSE or WebSocket), e.g. `aborted` or `session_busy`. */
export class AgentPromptError extends SwitchboardError {
  readonly type: AgentError["type"];
  readonly details: AgentError["details"];
  /** The WebSocket request the error answers, when there is one. */
  readonly requestId: string | undefined;

  constructor(error: AgentError, requestId?: string) {
    super(error.message);
    this.type = error.type;
    this.details = error.details;
    this.requestId = requestId;
  }
}

/** The subprotocol that selects Switchboard's framing on an agent socket. */
const AGENT_SUBPROTOCOL: AgentSocketSubprotocol = AgentSocketSubprotocolValues[0];

const path = (name: string, id: string) => `/agents/${encodeURIComponent(name)}/${encodeURIComponent(id)}`;

/** `/agents/{name}/{id}`: prompt (JSON or streamed), WebSocket, dispatch, abort, history. */
export class AgentsClient {
  readonly #transport: Transport;
  readonly #options: ClientOptions;

  constructor(transport: Transport, options: ClientOptions) {
    this.#transport = transport;
    this.#options = options;
  }

  /** Sends a prompt and waits for its result. */
  async prompt(name: string, id: string, message: string, options: AgentCallOptions = {}): Promise<AgentResult> {
    const body = await this.#transport.json<{ result: AgentResult }>("POST", path(name, id), {
      body: promptBody(message, options.session),
      signal: options.signal,
    });
    return body.result;
  }

  /**
   * Sends a prompt and yields its events until `idle` (or throws `AgentPromptError` on `error`).
   * A connection that drops mid-stream is resumed with `Last-Event-ID`, so every event arrives
   * once. Breaking out of the loop closes the connection, and the server aborts the prompt unless
   * someone resumes it.
   */
  async *stream(
    name: string,
    id: string,
    message: string,
    options: AgentStreamOptions = {},
  ): AsyncGenerator<AgentEvent> {
    const reconnects = options.reconnects ?? 3;
    const delayMs = options.reconnectDelayMs ?? 250;
    let lastEventId: string | undefined;
    let failures = 0;
    for (;;) {
      try {
        const frames = this.#transport.events("POST", path(name, id), {
          body: promptBody(message, options.session),
          signal: options.signal,
          headers: lastEventId === undefined ? undefined : { "last-event-id": lastEventId },
        });
        for await (const frame of frames) {
          if (frame.id !== undefined) lastEventId = frame.id;
          failures = 0;
          const event = JSON.parse(frame.data) as AgentEvent;
          if (event.type === "error") throw new AgentPromptError(event.error);
          yield event;
          if (event.type === "idle") return;
        }
        throw new ConnectionError("the event stream ended before the prompt finished");
      } catch (error) {
        // Refusals and the prompt's own failure are answers, not dropped connections.
        if (error instanceof AgentPromptError || error instanceof SwitchboardApiError) throw error;
        if (options.signal?.aborted || lastEventId === undefined || failures >= reconnects) throw error;
        failures++;
        await sleep(delayMs * failures, options.signal);
      }
    }
  }

  /** `GET /health`: the server is up. */
  health(options: { signal?: AbortSignal } = {}): Promise<AgentHealth> {
    return this.#transport.json("GET", "/health", { signal: options.signal });
  }

  /** `GET /agents`: the agents the server serves. */
  list(options: { signal?: AbortSignal } = {}): Promise<AgentList> {
    return this.#transport.json("GET", "/agents", { signal: options.signal });
  }

  /**
   * Sends a prompt for background processing (pyflue's webhook mode, `x-webhook: true`); resolves
   * with the receipt (202) at once. The result lands in the session's history.
   */
  webhook(name: string, id: string, message: string, options: AgentCallOptions = {}): Promise<AgentWebhookReceipt> {
    return this.#transport.json("POST", path(name, id), {
      body: promptBody(message, options.session),
      headers: { "x-webhook": "true" },
      signal: options.signal,
    });
  }

  /** Hands work to the agent to process in the background; resolves with the receipt (202). */
  dispatch(name: string, id: string, input: unknown, options: AgentCallOptions = {}): Promise<AgentDispatchReceipt> {
    const body = options.session === undefined ? { input } : { input, session: options.session };
    return this.#transport.json("POST", `${path(name, id)}/dispatch`, { body, signal: options.signal });
  }

  /** Stops the session's running prompt; `{aborted: false}` when it was idle. */
  abort(
    name: string,
    id: string,
    session = "default",
    options: { signal?: AbortSignal } = {},
  ): Promise<AgentAbortResult> {
    return this.#transport.json("POST", `${path(name, id)}/sessions/${encodeURIComponent(session)}/abort`, {
      signal: options.signal,
    });
  }

  /** The session's messages, oldest first. */
  history(
    name: string,
    id: string,
    session = "default",
    options: { signal?: AbortSignal } = {},
  ): Promise<AgentSessionHistory> {
    return this.#transport.json("GET", `${path(name, id)}/sessions/${encodeURIComponent(session)}`, {
      signal: options.signal,
    });
  }

  /** Opens a WebSocket to the instance; resolves once the server's `ready` frame arrived. */
  connect(name: string, id: string, options: { signal?: AbortSignal } = {}): Promise<AgentConnection> {
    const url = this.#transport.url(path(name, id)).replace(/^http/, "ws");
    const headers: Record<string, string> = { ...this.#options.headers };
    if (this.#options.apiKey !== undefined) headers.authorization = `Bearer ${this.#options.apiKey}`;
    return AgentConnection.open(url, headers, options.signal);
  }
}

export interface AgentSocketPromptOptions extends AgentCallOptions {
  /** Correlation id; a fresh one when absent. */
  requestId?: string;
  /** Receives this prompt's progress events. */
  onEvent?: (event: AgentEvent) => void;
}

interface Pending {
  resolve(result: AgentResult): void;
  reject(error: Error): void;
  onEvent: ((event: AgentEvent) => void) | undefined;
}

/** An open WebSocket to one agent instance: several prompts may run at once on different sessions. */
export class AgentConnection {
  readonly ready: AgentReadyFrame;
  readonly #ws: WebSocket;
  readonly #pending = new Map<string, Pending>();
  readonly #eventListeners = new Set<(event: AgentEvent, requestId: string) => void>();
  readonly #errorListeners = new Set<(error: AgentPromptError) => void>();
  readonly #pongs: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #nextId = 1;

  private constructor(ws: WebSocket, ready: AgentReadyFrame) {
    this.#ws = ws;
    this.ready = ready;
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => {
        const error = new ConnectionError(`the WebSocket closed (${code}${reason.length ? ` ${reason}` : ""})`);
        for (const pending of this.#pending.values()) pending.reject(error);
        this.#pending.clear();
        resolve({ code, reason: reason.toString() });
      });
    });
    ws.on("message", (data, isBinary) => {
      const frame = isBinary ? undefined : parseFrame(String(data));
      // A server that breaks the protocol gets the socket closed, not a crash in an event handler.
      if (frame) this.#onFrame(frame);
      else ws.close(1003, "expected JSON text frames");
    });
  }

  static async open(url: string, headers: Record<string, string>, signal?: AbortSignal): Promise<AgentConnection> {
    // Switchboard's framing (ready, started, events, requestId correlation) is asked for at the
    // handshake; without it the server speaks pyflue's one-answer-per-prompt framing.
    const { ws, first = "" } = await openWebSocket(url, headers, signal, true, [AGENT_SUBPROTOCOL]);
    const frame = parseFrame(first);
    if (frame?.type !== "ready") {
      ws.terminate();
      throw new SwitchboardError(`expected a ready frame, got ${first.slice(0, 200)}`);
    }
    return new AgentConnection(ws, frame);
  }

  /** Sends a prompt; resolves with its result, rejects with `AgentPromptError` on an `error` frame. */
  prompt(message: string, options: AgentSocketPromptOptions = {}): Promise<AgentResult> {
    const requestId = options.requestId ?? `c${this.#nextId++}`;
    return new Promise<AgentResult>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => this.abort(requestId);
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => {
        signal?.removeEventListener("abort", onAbort);
        this.#pending.delete(requestId);
      };
      this.#pending.set(requestId, {
        resolve: (result) => {
          done();
          resolve(result);
        },
        reject: (error) => {
          done();
          reject(error);
        },
        onEvent: options.onEvent,
      });
      const frame: AgentClientFrame = { type: "prompt", version: 1, requestId, message };
      if (options.session !== undefined) frame.session = options.session;
      this.send(frame);
    });
  }

  /** Listens to every progress event of this socket's prompts; returns the unsubscribe function. */
  onEvent(listener: (event: AgentEvent, requestId: string) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Listens to `error` frames that answer no prompt of this client (e.g. a malformed frame). */
  onError(listener: (error: AgentPromptError) => void): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  /** Stops a running prompt; its promise then rejects with an `aborted` AgentPromptError. */
  abort(requestId: string): void {
    this.send({ type: "abort", version: 1, requestId });
  }

  /** Round trip to the server. */
  ping(): Promise<void> {
    return new Promise((resolve) => {
      this.#pongs.push(resolve);
      this.send({ type: "ping", version: 1 });
    });
  }

  /** Sends a raw frame (typed, or any text for testing a server's error handling). */
  send(frame: AgentClientFrame | string): void {
    this.#ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  close(code = 1000): Promise<{ code: number; reason: string }> {
    this.#ws.close(code);
    return this.closed;
  }

  #onFrame(frame: AgentServerFrame): void {
    switch (frame.type) {
      case "event": {
        this.#pending.get(frame.requestId)?.onEvent?.(frame.event);
        for (const listener of this.#eventListeners) listener(frame.event, frame.requestId);
        return;
      }
      case "result":
        this.#pending.get(frame.requestId)?.resolve(frame.result);
        return;
      case "error": {
        const error = new AgentPromptError(frame.error, frame.requestId);
        const pending = frame.requestId === undefined ? undefined : this.#pending.get(frame.requestId);
        if (pending) pending.reject(error);
        else for (const listener of this.#errorListeners) listener(error);
        return;
      }
      case "pong":
        this.#pongs.shift()?.();
        return;
      default:
        return;
    }
  }
}

function parseFrame(text: string): AgentServerFrame | undefined {
  try {
    const frame: unknown = JSON.parse(text);
    return typeof frame === "object" && frame !== null && "type" in frame ? (frame as AgentServerFrame) : undefined;
  } catch {
    return undefined;
  }
}

function promptBody(message: string, session: string | undefined) {
  return session === undefined ? { message } : { message, session };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
