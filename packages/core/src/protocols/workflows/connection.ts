import {
  validate,
  type WorkflowInitFrame,
  type WorkflowResumeFrame,
  type WorkflowServerFrame,
} from "@switchboard/protocol/workflows";
import { nulError, nulPointer } from "../../http/input-guard.js";
import type { RateDecision } from "../../http/rate-limit.js";
import type { CoreRequest } from "../../http/types.js";
import type { RunAttachment } from "../../runtime/workflow/outbox.js";
import { CloseCode, type CoreSocket, type SocketHandlers } from "../../ws/types.js";
import { exceeds, inFormOf, issueProblem, parseObject, structuredFrame, workflowUuidOf } from "./frames.js";
import { type Problem, type RunLink, serverFrame } from "./link.js";

/** What a connection asks of the workflows module that accepted it. */
export interface ConnectionHost {
  /** Starts the run an init frame asks for; a problem ends the connection. */
  startRun(connection: Connection, frame: WorkflowInitFrame): Promise<Problem | undefined>;
  /** Attaches to the run a resume frame names; a problem ends the connection. */
  resumeRun(connection: Connection, frame: WorkflowResumeFrame): Promise<Problem | undefined>;
  /** The connection closed. */
  forget(connection: Connection): void;
  /** Logs an unexpected error through the app. */
  reportError(error: unknown): void;
}

/** How a connection is bounded. */
export interface ConnectionLimits {
  keepAliveMs: number;
  maxFrameBytes: number;
  /** How long the first frame (init or resume) may take to arrive; then `init_timeout` and close 1008. */
  initTimeoutMs: number;
  /** Takes one token of the client's rate limit per frame; absent without a rate limit. */
  rate?: () => RateDecision;
}

/**
 * One WebSocket. Its frames are handled one at a time, in arrival order, so an answer sent right
 * behind the init frame is applied to the run that frame started.
 */
export class Connection implements SocketHandlers {
  /** The run this connection is attached to, once its first frame was handled. */
  link: RunLink | undefined;
  readonly request: CoreRequest;
  /** The id the `userId` hook derived; undefined when the server has no such hook. */
  readonly userId: string | null | undefined;
  readonly attachment: RunAttachment;
  readonly #module: ConnectionHost;
  readonly #socket: CoreSocket;
  readonly #maxFrameBytes: number;
  #state: "first" | "open" | "closed" = "first";
  #queue: Promise<void> = Promise.resolve();
  #keepAlive: ReturnType<typeof setInterval> | undefined;
  #initTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #rate: (() => RateDecision) | undefined;
  /** The `workflow_uuid` of the first frame: messages name the run in its form (hex or hyphenated). */
  #uuidSample: string | undefined;

  constructor(
    module: ConnectionHost,
    socket: CoreSocket,
    request: CoreRequest,
    userId: string | null | undefined,
    limits: ConnectionLimits,
  ) {
    this.#module = module;
    this.#socket = socket;
    this.request = request;
    this.userId = userId;
    this.#maxFrameBytes = limits.maxFrameBytes;
    this.#rate = limits.rate;
    const keepAliveMs = limits.keepAliveMs;
    // A socket that never says what it is for would otherwise hold its place for ever.
    if (limits.initTimeoutMs > 0) {
      this.#initTimer = setTimeout(() => {
        if (this.#state !== "first") return;
        void this.#fatal({
          short: "init_timeout",
          long: `no init or resume frame within ${limits.initTimeoutMs} ms of connecting`,
        });
      }, limits.initTimeoutMs);
      this.#initTimer.unref?.();
    }
    this.attachment = {
      send: (frame) => this.send(frame),
      close: (code, reason) => this.close(code, reason),
    };
    if (keepAliveMs > 0) {
      this.#keepAlive = setInterval(() => this.#sendKeepAlive(), keepAliveMs);
      this.#keepAlive.unref?.();
    }
  }

  onMessage(data: string | Uint8Array, isBinary: boolean): void {
    if (this.#state === "closed") return;
    if (isBinary) {
      this.close(CloseCode.unsupportedData, "binary frames are not supported");
      return;
    }
    if (exceeds(data, this.#maxFrameBytes)) {
      this.close(CloseCode.messageTooBig, "frame too large");
      return;
    }
    const text = typeof data === "string" ? data : new TextDecoder().decode(data);
    clearTimeout(this.#initTimer);
    const decision = this.#rate?.();
    if (decision && !decision.ok) {
      const long = `rate limit exceeded: the frame was dropped; retry after ${decision.retryAfterSeconds} s`;
      void this.#sendError({ short: "too_many_requests", long });
      return;
    }
    this.#queue = this.#queue
      .then(() => (this.#state === "first" ? this.#first(text) : this.#next(text)))
      .catch((error) => {
        this.#module.reportError(error);
        void this.#sendError({ short: "internal_error", long: "the server failed to handle the frame" }).finally(() =>
          this.close(CloseCode.internalError, "internal error"),
        );
      });
  }

  onClose(): void {
    this.#closed();
  }

  get open(): boolean {
    return this.#state !== "closed";
  }

  async send(frame: WorkflowServerFrame): Promise<void> {
    if (this.#state === "closed") throw new Error("connection closed");
    const uuid = inFormOf(this.#uuidSample, frame.workflow_uuid);
    await this.#socket.send(JSON.stringify(uuid === frame.workflow_uuid ? frame : { ...frame, workflow_uuid: uuid }));
  }

  close(code: number, reason: string): void {
    if (this.#state === "closed") return;
    this.#closed();
    this.#socket.close(code, reason);
  }

  #closed(): void {
    if (this.#state !== "closed") {
      this.#state = "closed";
      if (this.#keepAlive) clearInterval(this.#keepAlive);
      clearTimeout(this.#initTimer);
      this.link?.detach();
      this.#module.forget(this);
    }
  }

  // A frame that arrived before the socket closed is still handled: an init starts a run the
  // client can resume, an answer is applied.
  async #first(text: string): Promise<void> {
    const frame = parseObject(text);
    if (!frame.ok) return this.#fatal({ short: frame.short, long: frame.long });
    const nul = nulPointer(frame.value, text);
    if (nul !== undefined) return this.#fatal({ short: "validation_failed", long: nulError(nul).message });
    if (typeof frame.value.workflow_uuid === "string") this.#uuidSample = frame.value.workflow_uuid;
    const type = frame.value.type;
    // Frames queued behind this one are answers to the run it starts.
    if (this.#state === "first") this.#state = "open";
    let problem: Problem | undefined;
    if (type === undefined || type === "init") {
      const checked = validate.WorkflowInitFrame(frame.value);
      problem = checked.ok ? await this.#module.startRun(this, checked.value) : issueProblem(checked.issue);
    } else if (type === "resume") {
      const checked = validate.WorkflowResumeFrame(frame.value);
      problem = checked.ok ? await this.#module.resumeRun(this, checked.value) : issueProblem(checked.issue);
    } else {
      problem = {
        short: "validation_failed",
        long: `type: the first frame must be an init frame (no type, or "init") or a resume frame, not ${JSON.stringify(type)}`,
      };
    }
    if (problem) await this.#fatal(problem, workflowUuidOf(frame.value));
  }

  // The run checks answers where it executes, maybe in another process (see ./follow-signals.ts).
  async #next(text: string): Promise<void> {
    const link = this.link;
    if (!link) return;
    // No store can keep U+0000 (see http/input-guard.ts); the question stays open.
    if (text.includes("\u0000")) {
      return this.#sendError({
        short: "validation_failed",
        long: "the answer holds the character U+0000, which cannot be stored; remove it",
      });
    }
    const structured = structuredFrame(text);
    if (!structured) return link.answer(undefined, text, "answer");
    if (structured.type === "input_response") {
      const checked = validate.WorkflowInputResponseFrame(structured);
      if (!checked.ok) return this.#sendError(issueProblem(checked.issue));
      return link.answer(checked.value.question_uuid, checked.value.msg, "msg");
    }
    const long =
      structured.type === "init" || structured.type === "resume"
        ? `type: a ${structured.type} frame is only allowed as the first frame of a connection`
        : `type: unknown frame type ${JSON.stringify(structured.type)} (expected "input_response" or a raw text answer)`;
    await this.#sendError({ short: "validation_failed", long });
  }

  async #fatal(problem: Problem, workflowUuid?: string): Promise<void> {
    await this.#sendError(problem, workflowUuid).catch(() => {});
    this.close(problem.close ?? CloseCode.policyViolation, problem.short);
  }

  /**
   * Errors about a frame of an attached run join the run's history (every uuid a client receives,
   * keep-alives aside, can then be its `after_uuid`, see `reportProblem`); others answer this
   * connection only.
   */
  async #sendError(problem: Problem, workflowUuid?: string): Promise<void> {
    try {
      if (this.link) return await this.link.report(problem);
      await this.send(serverFrame("error", { short: problem.short, long: problem.long }, workflowUuid ?? ""));
    } catch {
      // The connection is gone; there is no one left to tell.
    }
  }

  #sendKeepAlive(): void {
    if (!this.link || this.link.finished || this.#state !== "open") return;
    this.send(serverFrame("keep_alive", {}, this.link.workflowUuid)).catch(() => {});
  }
}
