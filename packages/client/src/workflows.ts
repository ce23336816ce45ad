import type {
  WorkflowInfo,
  WorkflowInitiateResponse,
  WorkflowMultipleChoice,
  WorkflowServerFrame,
  WorkflowTextInput,
} from "@switchboard/protocol/workflows";
import WebSocket from "ws";
import { SwitchboardError } from "./errors.js";
import { openWebSocket } from "./socket.js";
import type { ClientOptions, Transport } from "./transport.js";

/** A question the server asked: answer it with `WorkflowRunConnection.answer`. */
export type WorkflowQuestion = WorkflowTextInput | WorkflowMultipleChoice;

export interface WorkflowConnectOptions {
  /** Passed as the run's `user_id` (the server may override it with the id it derives itself). */
  userId?: string;
  /**
   * How many times a connection that drops without a close frame is resumed automatically before
   * the iteration ends (default 3). Each attempt waits `reconnectDelayMs` (default 250 ms) times
   * its number.
   */
  reconnects?: number;
  reconnectDelayMs?: number;
  /** Also yield `keep_alive` frames (default false). */
  keepAlive?: boolean;
  signal?: AbortSignal;
}

const isQuestion = (frame: WorkflowServerFrame): frame is WorkflowQuestion =>
  frame.type === "text_input" || frame.type === "multiple_choice";

/** `{prefix}/discovery`, `{prefix}/initiate_workflow` and `{prefix}/ws` (prefix `/workflows` by default). */
export class WorkflowsClient {
  readonly #transport: Transport;
  readonly #options: ClientOptions;
  readonly #prefix: string;

  constructor(transport: Transport, options: ClientOptions, prefix = "/workflows") {
    this.#transport = transport;
    this.#options = options;
    this.#prefix = prefix.replace(/\/+$/, "");
  }

  /** The workflows the server runs. */
  discover(options: { signal?: AbortSignal } = {}): Promise<WorkflowInfo[]> {
    return this.#transport.json<WorkflowInfo[]>("GET", `${this.#prefix}/discovery`, { signal: options.signal });
  }

  /** Prepares a run; the server mints its `workflow_uuid`. Unknown name → `SwitchboardApiError` 404. */
  initiate(
    name: string,
    params: Record<string, unknown> = {},
    options: { userId?: string; signal?: AbortSignal } = {},
  ): Promise<WorkflowInitiateResponse> {
    return this.#transport.json<WorkflowInitiateResponse>("POST", `${this.#prefix}/initiate_workflow`, {
      body: { workflow_name: name, user_id: options.userId ?? null, params },
      signal: options.signal,
    });
  }

  /**
   * Starts a run and opens its WebSocket. Given a name, the run is prepared with `initiate`
   * first; given an `initiate` response, that run is started.
   */
  async connect(
    run: string | WorkflowInitiateResponse,
    params: Record<string, unknown> = {},
    options: WorkflowConnectOptions = {},
  ): Promise<WorkflowRunConnection> {
    const prepared =
      typeof run === "string"
        ? await this.initiate(run, params, { userId: options.userId, signal: options.signal })
        : run;
    const init = {
      type: "init",
      name: prepared.name,
      workflow_uuid: prepared.workflow_uuid,
      user_id: prepared.user_id,
      params: prepared.params,
    };
    return WorkflowRunConnection.open(this.#socketTarget(), prepared.workflow_uuid, JSON.stringify(init), options);
  }

  /**
   * Re-attaches to a run from a new connection: the server replays every message after
   * `afterUuid` (the whole run when absent), then continues live.
   */
  resume(
    workflowUuid: string,
    afterUuid?: string,
    options: WorkflowConnectOptions = {},
  ): Promise<WorkflowRunConnection> {
    return WorkflowRunConnection.open(this.#socketTarget(), workflowUuid, undefined, options, afterUuid);
  }

  /**
   * Runs a workflow to its end, answering each question with `answer`; resolves with the
   * `workflow_completed` result, rejects with `WorkflowRunError` when the run failed (an `error`
   * `workflow_failed`, then `workflow_completed`, as FastAgency's runtime ends a failed run) or
   * ended without `workflow_completed`.
   */
  async run(
    name: string,
    params: Record<string, unknown>,
    answer: (question: WorkflowQuestion) => string | string[] | Promise<string | string[]>,
    options: WorkflowConnectOptions = {},
  ): Promise<string | null> {
    const connection = await this.connect(name, params, options);
    let lastError: WorkflowServerFrame | undefined;
    try {
      for await (const frame of connection) {
        const failed = lastError?.type === "error" && lastError.content.short === "workflow_failed";
        if (frame.type === "workflow_completed" && !failed) return frame.content.result;
        if (frame.type === "error") lastError = frame;
        if (isQuestion(frame)) connection.answer(frame, await answer(frame));
      }
    } finally {
      connection.close();
    }
    const closed = await connection.closed;
    throw new WorkflowRunError(closed.code, lastError?.type === "error" ? lastError.content : undefined);
  }

  #socketTarget(): SocketTarget {
    const headers: Record<string, string> = { ...this.#options.headers };
    if (this.#options.apiKey !== undefined) headers.authorization = `Bearer ${this.#options.apiKey}`;
    return { url: this.#transport.url(`${this.#prefix}/ws`).replace(/^http/, "ws"), headers };
  }
}

interface SocketTarget {
  url: string;
  headers: Record<string, string>;
}

/** A run that failed or ended without `workflow_completed`: the close code and the last `error` frame. */
export class WorkflowRunError extends SwitchboardError {
  readonly code: number;
  readonly short: string | undefined;
  readonly long: string | null | undefined;

  constructor(code: number, error?: { short: string; long: string | null }) {
    super(error ? `${error.short}: ${error.long ?? ""}` : `the workflow connection closed (${code})`);
    this.code = code;
    this.short = error?.short;
    this.long = error?.long;
  }
}

/** Close codes after which resuming cannot help: the run ended, or the server refused the client. */
const FINAL_CLOSES = new Set([1000, 1001, 1003, 1008, 1009, 1011]);

/**
 * One run's WebSocket, iterated for its messages (once). A connection that drops is resumed
 * automatically, and `resume()` does the same on demand: the iteration continues with the
 * messages missed, each delivered once. Iteration ends when the server closes the run's socket.
 */
export class WorkflowRunConnection implements AsyncIterable<WorkflowServerFrame> {
  readonly workflowUuid: string;
  /** Settles with the close that ended the iteration. */
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #target: SocketTarget;
  readonly #options: WorkflowConnectOptions;
  readonly #queue: WorkflowServerFrame[] = [];
  /** Frames sent while the socket was being replaced; flushed after the resume frame. */
  readonly #outbox: string[] = [];
  /**
   * The last structured answer per question. A dropped socket may have swallowed any of them, so
   * they are all sent again after a resume; the server ignores an answer it already has.
   */
  readonly #answers = new Map<string, string>();
  #ws: WebSocket;
  #lastUuid: string | undefined;
  #wake: (() => void) | undefined;
  #ended: { code: number; reason: string } | undefined;
  #endClosed!: (close: { code: number; reason: string }) => void;
  #resuming: Promise<void> | undefined;
  #attempts = 0;
  #iterating = false;
  #closing = false;

  private constructor(ws: WebSocket, workflowUuid: string, target: SocketTarget, options: WorkflowConnectOptions) {
    this.#ws = ws;
    this.workflowUuid = workflowUuid;
    this.#target = target;
    this.#options = options;
    this.closed = new Promise((resolve) => {
      this.#endClosed = resolve;
    });
    this.#listen(ws);
  }

  static async open(
    target: SocketTarget,
    workflowUuid: string,
    init: string | undefined,
    options: WorkflowConnectOptions,
    afterUuid?: string,
  ): Promise<WorkflowRunConnection> {
    const ws = await openSocket(target, options.signal);
    const connection = new WorkflowRunConnection(ws, workflowUuid, target, options);
    connection.#lastUuid = afterUuid;
    ws.send(init ?? connection.#resumeFrame());
    return connection;
  }

  /** The `uuid` of the last message received (not counting `keep_alive`): where a resume starts. */
  get lastUuid(): string | undefined {
    return this.#lastUuid;
  }

  /** Answers a question (or a question uuid) with an `input_response` frame. */
  answer(question: WorkflowQuestion | string, value: string | string[]): void {
    const questionUuid = typeof question === "string" ? question : question.uuid;
    const frame = JSON.stringify({ type: "input_response", question_uuid: questionUuid, msg: value });
    this.#answers.set(questionUuid, frame);
    this.#send(frame);
  }

  /**
   * Answers the oldest open question with a raw text frame, as FastAgency's clients do. Unlike
   * `answer`, it is not repeated after a reconnect (it names no question, so a repeat could
   * answer the next one): prefer `answer` when the network is unreliable.
   */
  answerText(text: string): void {
    this.#send(text);
  }

  /**
   * Replaces the socket with a new one that resumes the run after the last message received.
   * The previous socket, if still open, is dropped (the server keeps the run for its grace period).
   */
  resume(): Promise<void> {
    if (this.#ended) return Promise.reject(new SwitchboardError("the run's connection has ended"));
    this.#resuming ??= this.#reconnect().finally(() => {
      this.#resuming = undefined;
    });
    return this.#resuming;
  }

  /** Drops the socket without a close handshake, as a lost network would; `resume()` re-attaches. */
  disconnect(): void {
    const ws = this.#ws;
    this.#detach(ws);
    ws.terminate();
  }

  /** Closes the socket; the server keeps the run for its grace period unless it already ended. */
  close(): void {
    this.#closing = true;
    if (this.#ws.readyState === WebSocket.OPEN || this.#ws.readyState === WebSocket.CONNECTING) {
      this.#ws.close(1000, "client closed");
    }
    this.#end({ code: 1000, reason: "client closed" });
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<WorkflowServerFrame> {
    if (this.#iterating) throw new SwitchboardError("a workflow connection can be iterated only once");
    this.#iterating = true;
    try {
      for (;;) {
        const frame = this.#queue.shift();
        if (frame) {
          yield frame;
          continue;
        }
        if (this.#ended) return;
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
      }
    } finally {
      this.#iterating = false;
      // Breaking out early closes the socket; the server keeps the run for its grace period.
      if (!this.#ended) this.close();
    }
  }

  #listen(ws: WebSocket): void {
    ws.on("message", (data, isBinary) => {
      if (isBinary || ws !== this.#ws) return;
      const frame = JSON.parse(String(data)) as WorkflowServerFrame;
      if (frame.type === "keep_alive") {
        if (this.#options.keepAlive) this.#push(frame);
        return;
      }
      // Every message but a keep-alive is part of the run's history, so any of them can anchor a resume.
      this.#lastUuid = frame.uuid;
      this.#attempts = 0;
      this.#push(frame);
    });
    ws.on("error", () => {});
    ws.on("close", (code, reason) => {
      if (ws !== this.#ws) return;
      const close = { code, reason: reason.toString() };
      if (this.#closing || FINAL_CLOSES.has(code)) return this.#end(close);
      const allowed = this.#options.reconnects ?? 3;
      if (this.#attempts >= allowed) return this.#end(close);
      this.#attempts++;
      const delay = (this.#options.reconnectDelayMs ?? 250) * this.#attempts;
      setTimeout(() => {
        this.resume().catch(() => this.#end(close));
      }, delay);
    });
  }

  async #reconnect(): Promise<void> {
    this.disconnect();
    const ws = await openSocket(this.#target, this.#options.signal);
    if (this.#ended) {
      ws.close(1000, "client closed");
      return;
    }
    this.#ws = ws;
    this.#listen(ws);
    ws.send(this.#resumeFrame());
    const pending = this.#outbox.splice(0);
    for (const text of this.#answers.values()) if (!pending.includes(text)) ws.send(text);
    for (const text of pending) ws.send(text);
  }

  #resumeFrame(): string {
    const frame: Record<string, string> = { type: "resume", workflow_uuid: this.workflowUuid };
    if (this.#lastUuid !== undefined) frame.after_uuid = this.#lastUuid;
    return JSON.stringify(frame);
  }

  #send(text: string): void {
    if (this.#ended) throw new SwitchboardError("the run's connection has ended");
    if (this.#ws.readyState === WebSocket.OPEN && !this.#resuming) this.#ws.send(text);
    else this.#outbox.push(text);
  }

  #detach(ws: WebSocket): void {
    ws.removeAllListeners("message");
    ws.removeAllListeners("close");
  }

  #push(frame: WorkflowServerFrame): void {
    this.#queue.push(frame);
    this.#wake?.();
    this.#wake = undefined;
  }

  #end(close: { code: number; reason: string }): void {
    if (this.#ended) return;
    this.#ended = close;
    this.#endClosed(close);
    this.#wake?.();
    this.#wake = undefined;
  }
}

async function openSocket(target: SocketTarget, signal?: AbortSignal): Promise<WebSocket> {
  return (await openWebSocket(target.url, target.headers, signal)).ws;
}
