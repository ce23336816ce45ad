import { validate, type WorkflowErrorCode, type WorkflowServerFrame } from "@switchboard/protocol/workflows";
import { defaultLogger } from "../../observability/logger.js";
import type { RecordedAnswer, WorkflowRunStatus, WorkflowStore } from "../../store/workflows.js";
import { CloseCode } from "../../ws/types.js";
import { checkAnswer, type Question } from "./answers.js";
import type {
  FunctionCallResult,
  FunctionCallSuggestion,
  MultipleChoiceQuestion,
  TextInputQuestion,
  WorkflowDefinition,
  WorkflowMessageOptions,
  WorkflowUI,
} from "./define.js";

/** The connection a run is currently talking through. */
export interface RunAttachment {
  send(frame: WorkflowServerFrame): Promise<void>;
  close(code: number, reason: string): void;
}

type ServerFrameType = WorkflowServerFrame["type"];
type ContentOf<T extends ServerFrameType> = Extract<WorkflowServerFrame, { type: T }>["content"];

/**
 * A refused answer; `reask` names the open question to ask again once the refusal has been
 * reported: after a choice outside `choices`, and after any refused raw text answer.
 */
export type AnswerOutcome =
  | { ok: true }
  | { ok: false; problem: { short: WorkflowErrorCode; long: string }; reask?: string };

interface OpenQuestion {
  question: Question;
  /** The message that asked it (as recorded). */
  frame: WorkflowServerFrame;
  resolve(value: string | string[]): void;
  reject(error: Error): void;
}

export interface RunOptions {
  workflowUuid: string;
  definition: WorkflowDefinition;
  userId: string | null;
  params: Record<string, unknown>;
  store: WorkflowStore;
  graceMs: number;
  /**
   * What the run recorded before its process died: the run is re-executed against it, each `ui`
   * call taking its recorded result, and goes live where the record ends.
   */
  recorded?: { messages: WorkflowServerFrame[]; answers: Record<string, RecordedAnswer> };
  /** Called once the run has reached a final status and its history is stored. */
  onSettled(run: WorkflowRun): void;
}

type FinalStatus = Extract<WorkflowRunStatus, "completed" | "failed" | "abandoned">;

/**
 * How a connection to a run that ended with `status` is closed: 1000 when it completed or failed
 * (a failed run ends with `workflow_completed` too, as FastAgency's runtime does), 1011 when the
 * server abandoned it.
 */
export function closeCodeFor(status: WorkflowRunStatus): number {
  return status === "completed" || status === "failed" ? CloseCode.normal : CloseCode.internalError;
}

/** The words FastAgency's runtime puts in `workflow_completed.result` when a workflow raised. */
export const FAILED_RESULT_PREFIX = "Unhandled exception occurred when executing the workflow: ";

/** Who a message is from and to when the workflow does not say (FastAgency's runtime's words). */
export const DEFAULT_SENDER = "Workflow";
export const DEFAULT_RECIPIENT = "User";

/** A re-executed run that does not retrace its record; it cannot be recovered. */
class ReplayError extends Error {
  override readonly name = "ReplayError";
}

/** Thrown into a run that nobody came back to, and by `ui.*` calls made after that. */
export class WorkflowAbandonedError extends Error {
  override readonly name = "AbortError";
}

/**
 * One live execution of a workflow. Every message goes through one ordered outbox: recorded in
 * the store, then handed to the attached connection (awaiting its send, which is the
 * backpressure). Attaching a connection is a step in that same outbox, so a resuming client gets
 * exactly the messages it missed, once, followed by the live ones, with no gap and no repeat.
 */
export class WorkflowRun {
  readonly workflowUuid: string;
  readonly definition: WorkflowDefinition;
  readonly userId: string | null;
  readonly params: Record<string, unknown>;
  readonly #store: WorkflowStore;
  readonly #graceMs: number;
  readonly #onSettled: (run: WorkflowRun) => void;
  readonly #abort = new AbortController();
  /** Every message of the run, in order (the in-memory copy of the stored history). */
  readonly #log: WorkflowServerFrame[] = [];
  /** How many `#log` entries the outbox has stored and delivered so far. */
  #processed = 0;
  /** While re-executing a recorded run: the next recorded message a `ui` call is matched with. */
  #replayAt = 0;
  /** Where the recorded messages end; `ui` calls from here on are live. */
  #replayEnd = 0;
  readonly #recordedAnswers: Map<string, RecordedAnswer>;
  #outbox: Promise<void> = Promise.resolve();
  /** Insertion order is question order: the first entry is the oldest open question. */
  readonly #questions = new Map<string, OpenQuestion>();
  /** Questions asked again after a refused answer: the repeat's uuid → the question's uuid. */
  readonly #aliases = new Map<string, string>();
  /** What each answered question was answered with, as sent, so a repeated answer is recognised. */
  readonly #answered = new Map<string, string | string[]>();
  /** Answers waiting for a re-executed run to reach their question (`#untilAsked`). */
  #waiting: Array<() => void> = [];
  #attached: RunAttachment | undefined;
  #graceTimer: ReturnType<typeof setTimeout> | undefined;
  #final: FinalStatus | undefined;
  #settled: Promise<void> | undefined;

  constructor(options: RunOptions) {
    this.workflowUuid = options.workflowUuid;
    this.definition = options.definition;
    this.userId = options.userId;
    this.params = options.params;
    this.#store = options.store;
    this.#graceMs = options.graceMs;
    this.#onSettled = options.onSettled;
    this.#recordedAnswers = new Map(Object.entries(options.recorded?.answers ?? {}));
    if (options.recorded) {
      this.#log.push(...options.recorded.messages);
      this.#processed = this.#replayEnd = this.#log.length;
      for (const [uuid, answer] of this.#recordedAnswers) if (answer !== null) this.#answered.set(uuid, answer);
      // Nobody is attached to a run taken over until its resuming client is.
      this.#startGrace();
    }
  }

  get finished(): boolean {
    return this.#final !== undefined;
  }

  /** Starts the workflow; the promise settles when the run has finished, whatever the outcome. */
  start(): Promise<void> {
    this.#settled ??= this.#execute();
    return this.#settled;
  }

  /** Position of a message in the run's history, -1 when it is not one. */
  indexOf(messageUuid: string): number {
    return this.#log.findIndex((m) => m.uuid === messageUuid);
  }

  /**
   * Makes `attachment` the run's connection: it first receives every message after position
   * `afterIndex` already sent, then the live ones. A previous connection is closed. On a finished
   * run the replay is followed by the close the run ended with.
   */
  attach(attachment: RunAttachment, afterIndex: number): Promise<void> {
    this.#clearGrace();
    return this.#enqueue(async () => {
      const previous = this.#attached;
      this.#attached = undefined;
      if (previous && previous !== attachment) previous.close(CloseCode.normal, "resumed on another connection");
      try {
        for (const frame of this.#log.slice(afterIndex + 1, this.#processed)) await attachment.send(frame);
      } catch {
        this.#startGrace();
        return;
      }
      if (this.#final) attachment.close(closeCodeFor(this.#final), `workflow ${this.#final}`);
      else this.#attached = attachment;
    });
  }

  /** The connection went away; the run carries on and waits for a resume during the grace period. */
  detach(attachment: RunAttachment): void {
    if (this.#attached !== attachment) return;
    this.#attached = undefined;
    this.#startGrace();
  }

  /**
   * Answers the question `questionUuid`, or the oldest open one when it is undefined (a raw text
   * answer). `field` names the answer's source in error messages.
   */
  async answer(asked: string | undefined, value: string | string[], field: string): Promise<AnswerOutcome> {
    const questionUuid = asked === undefined ? undefined : (this.#aliases.get(asked) ?? asked);
    await this.#untilAsked(questionUuid);
    const uuid = questionUuid ?? this.#questions.keys().next().value;
    const open = uuid === undefined ? undefined : this.#questions.get(uuid);
    // A client that lost its connection cannot know whether its answer arrived, so it sends it
    // again after resuming; the same answer to the same question is a no-op.
    if (!open && questionUuid !== undefined && sameAnswer(this.#answered.get(questionUuid), value)) return { ok: true };
    if (!open || uuid === undefined) {
      return questionUuid === undefined
        ? {
            ok: false,
            problem: { short: "no_open_question", long: `${field}: the run has no open question to answer` },
          }
        : {
            ok: false,
            problem: {
              short: "unknown_question",
              long: `question_uuid: ${JSON.stringify(questionUuid)} is not an open question of this run`,
            },
          };
    }
    const checked = checkAnswer(open.question, value, field);
    if (!checked.ok) {
      // FastAgency's clients answer each question message once, with raw text: they need the
      // question again. So does any client after a choice outside `choices` (FastAgency's rule).
      const reask = asked === undefined || checked.problem.short === "invalid_choice";
      return { ok: false, problem: checked.problem, ...(reask ? { reask: uuid } : {}) };
    }
    this.#questions.delete(uuid);
    this.#answered.set(uuid, value);
    const { question } = open;
    const kept = question.kind === "text_input" && question.content.password ? null : checked.value;
    try {
      // Recorded before the workflow sees it: whatever the run does next, a takeover can retrace.
      await this.#store.recordAnswer(this.workflowUuid, uuid, kept);
    } catch (error) {
      defaultLogger().error(
        { err: error, workflowUuid: this.workflowUuid },
        "could not record an answer of a workflow run",
      );
      this.#answered.delete(uuid);
      if (!this.#final && !this.#abort.signal.aborted) this.#questions.set(uuid, open);
      return {
        ok: false,
        problem: { short: "internal_error", long: `${field}: the answer could not be recorded; send it again` },
      };
    }
    open.resolve(checked.value);
    return { ok: true };
  }

  /**
   * A run taken over re-executes its workflow up to where it stopped, and a question it had asked
   * is open again only once the workflow gets there, which its code may take a while to do. An
   * answer to a recorded question the replay has not reached yet (the client answered right after
   * resuming, or a relayed answer is applied after a takeover) waits for it, instead of finding no
   * such question. `questionUuid` undefined: any question (a raw text answer).
   */
  async #untilAsked(questionUuid: string | undefined): Promise<void> {
    const asked = (m: WorkflowServerFrame) =>
      questionUuid === undefined ? m.type === "text_input" || m.type === "multiple_choice" : m.uuid === questionUuid;
    while (!this.#final && !this.#abort.signal.aborted && this.#replayAt < this.#replayEnd) {
      if (questionUuid === undefined ? this.#questions.size > 0 : this.#questions.has(questionUuid)) return;
      if (!this.#log.slice(this.#replayAt, this.#replayEnd).some(asked)) return;
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }

  /** The replay moved on, or the run ended: answers waiting in `#untilAsked` look again. */
  #progressed(): void {
    if (this.#waiting.length === 0) return;
    for (const resume of this.#waiting.splice(0)) resume();
  }

  /**
   * Sends an error about a client's frame (a wrong answer, say) through the run's outbox, so it
   * takes its place in the history and its uuid is a valid `after_uuid` like any other message.
   * Resolves false when the run has already ended: the caller then answers the connection directly.
   */
  async notify(short: WorkflowErrorCode, long: string): Promise<boolean> {
    if (this.#final) return false;
    await this.#record(this.#frame("error", { short, long }, {}), { bestEffort: true, outOfBand: true });
    return true;
  }

  /**
   * Asks the open question `uuid` again, as a fresh message (its own uuid, either of which answers
   * it), after a refused answer: FastAgency's clients answer each question message once, so
   * without it they would wait forever. Recorded as the server's own message: a re-executed run
   * passes over it (`#skipReasks`).
   */
  async reask(uuid: string): Promise<void> {
    const open = this.#questions.get(uuid);
    if (!open || this.#final) return;
    const again = { ...open.frame, uuid: crypto.randomUUID() } as WorkflowServerFrame;
    this.#aliases.set(again.uuid, uuid);
    await this.#record(again, { bestEffort: true, outOfBand: true });
  }

  /** Ends the run from outside: pending and later `ui` calls reject, `ui.signal` aborts. */
  abandon(reason: string): void {
    if (this.#final || this.#abort.signal.aborted) return;
    this.#clearGrace();
    const error = new WorkflowAbandonedError(reason);
    this.#abort.abort(error);
    for (const open of this.#questions.values()) open.reject(error);
    this.#questions.clear();
    this.#progressed();
  }

  async #execute(): Promise<void> {
    const { name, description } = this.definition;
    try {
      await this.#emit("workflow_started", { name, description, params: this.params });
      const value = await this.definition.run(this.#ui(), this.params);
      this.#throwIfAbandoned();
      const result = resultText(value);
      await this.#emit("workflow_completed", { result });
      await this.#finish("completed", result);
    } catch (error) {
      const abandoned = this.#abort.signal.aborted;
      const short: WorkflowErrorCode = abandoned ? "workflow_abandoned" : "workflow_failed";
      const long = abandoned ? describe(this.#abort.signal.reason) : describe(error);
      // A failing workflow is the workflow's own business (the client gets `error`): one line, no stack.
      if (!abandoned)
        defaultLogger().warn(
          { workflow: name, workflowUuid: this.workflowUuid, err: describe(error) },
          "workflow failed",
        );
      await this.#emit("error", { short, long }, {}, { bestEffort: true }).catch(() => {});
      if (abandoned) return this.#finish("abandoned", null);
      // FastAgency's clients wait for workflow_completed, which FastAgency sends after a failure too.
      const result = `${FAILED_RESULT_PREFIX}${long}`;
      await this.#emit("workflow_completed", { result }, {}, { bestEffort: true }).catch(() => {});
      await this.#finish("failed", result);
    }
  }

  async #finish(status: FinalStatus, result: string | null): Promise<void> {
    this.#final = status;
    this.#clearGrace();
    const error = new WorkflowAbandonedError(`the run ${status}`);
    for (const open of this.#questions.values()) open.reject(error);
    this.#questions.clear();
    this.#answered.clear();
    this.#progressed();
    await this.#enqueue(async () => {
      try {
        await this.#store.updateRun(this.workflowUuid, { status, result });
      } catch (storeError) {
        defaultLogger().error(
          { err: storeError, workflowUuid: this.workflowUuid },
          "could not record the end of a workflow run",
        );
      }
      const attached = this.#attached;
      this.#attached = undefined;
      attached?.close(closeCodeFor(status), `workflow ${status}`);
    });
    this.#onSettled(this);
  }

  #ui(): WorkflowUI {
    const envelope = (o: WorkflowMessageOptions | undefined) => o ?? {};
    const ui = {
      workflowUuid: this.workflowUuid,
      userId: this.userId,
      signal: this.#abort.signal,
      textMessage: (body: string, options?: WorkflowMessageOptions) =>
        this.#emit("text_message", { body }, envelope(options)),
      textInput: (q: TextInputQuestion) =>
        this.#ask(
          {
            kind: "text_input",
            content: { prompt: q.prompt, suggestions: q.suggestions ?? [], password: q.password ?? false },
          },
          q,
        ) as Promise<string>,
      multipleChoice: (q: MultipleChoiceQuestion) => this.#askChoice(q),
      suggestedFunctionCall: (c: FunctionCallSuggestion) =>
        this.#emit(
          "suggested_function_call",
          { function_name: c.functionName, call_id: c.callId ?? null, arguments: c.arguments ?? {} },
          c,
        ),
      functionCallExecution: (c: FunctionCallResult) =>
        this.#emit(
          "function_call_execution",
          { function_name: c.functionName, call_id: c.callId ?? null, retval: c.retval ?? null },
          c,
        ),
      systemMessage: (message: Record<string, unknown>, options?: WorkflowMessageOptions) =>
        this.#emit("system_message", { message }, envelope(options)),
      error: (short: string, long?: string, options?: WorkflowMessageOptions) =>
        this.#emit("error", { short, long: long ?? null }, envelope(options)),
    };
    return ui as WorkflowUI;
  }

  #askChoice(q: MultipleChoiceQuestion): Promise<string | string[]> {
    if (!Array.isArray(q.choices) || q.choices.length === 0) {
      return Promise.reject(new TypeError("multipleChoice needs at least one choice"));
    }
    if (q.default !== undefined && !q.choices.includes(q.default)) {
      return Promise.reject(
        new TypeError(`multipleChoice default ${JSON.stringify(q.default)} is not one of its choices`),
      );
    }
    const content = { prompt: q.prompt, choices: [...q.choices], default: q.default ?? null, single: q.single ?? true };
    return this.#ask({ kind: "multiple_choice", content }, q);
  }

  async #ask(question: Question, options: WorkflowMessageOptions): Promise<string | string[]> {
    this.#throwIfAbandoned();
    const frame = this.#frame(question.kind, question.content, options);
    const recorded = this.#replay(frame);
    if (recorded) this.#skipReasks(recorded);
    const uuid = recorded?.uuid ?? frame.uuid;
    if (recorded && this.#recordedAnswers.has(uuid)) {
      const answer = this.#recordedAnswers.get(uuid);
      if (answer === null || answer === undefined) {
        throw new ReplayError(
          `the run cannot be recovered: the answer to question ${uuid} (a password) was not stored`,
        );
      }
      return answer;
    }
    let resolve!: (value: string | string[]) => void;
    let reject!: (error: Error) => void;
    const answer = new Promise<string | string[]>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // The question can be abandoned before anyone awaits the answer; that is not an unhandled rejection.
    answer.catch(() => {});
    // A recorded question nobody answered is open again, under its recorded uuid, so the
    // client's answer to it still matches.
    this.#questions.set(uuid, { question, frame: recorded ?? frame, resolve, reject });
    this.#progressed();
    if (!recorded) await this.#record(frame);
    return answer;
  }

  #emit<T extends ServerFrameType>(
    type: T,
    content: ContentOf<T>,
    options: WorkflowMessageOptions = {},
    mode: { bestEffort?: boolean } = {},
  ): Promise<void> {
    try {
      return this.#record(this.#frame(type, content, options), mode);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Builds and checks a message; a workflow passing bad values gets a TypeError, not a bad frame on the wire. */
  #frame<T extends ServerFrameType>(
    type: T,
    content: ContentOf<T>,
    options: WorkflowMessageOptions,
  ): WorkflowServerFrame {
    const frame = {
      type,
      workflow_uuid: this.workflowUuid,
      uuid: crypto.randomUUID(),
      // FastAgency's runtime names these for every message; its HTML client shows them.
      sender: options.sender ?? DEFAULT_SENDER,
      recipient: options.recipient ?? DEFAULT_RECIPIENT,
      auto_reply: options.autoReply ?? false,
      content,
    };
    const checked = validate.WorkflowServerFrame(frame);
    if (!checked.ok) {
      const where = checked.issue.param || "message";
      throw new TypeError(`invalid ${type} message: ${where} ${checked.issue.message}`);
    }
    return checked.value;
  }

  /**
   * While a recorded run is re-executed, matches the message a `ui` call is about to send with the
   * recorded one at the same position and returns that (it is stored and was delivered already);
   * undefined once the record is exhausted. Recorded `error` frames that match nothing are the
   * server's answers to bad client frames, not the run's own messages, and are passed over. A
   * mismatch ends the replay; it throws unless `lenient` (the error ending a failed run).
   */
  #replay(frame: WorkflowServerFrame, lenient = false): WorkflowServerFrame | undefined {
    if (this.#replayAt < this.#replayEnd) queueMicrotask(() => this.#progressed());
    while (this.#replayAt < this.#replayEnd) {
      const recorded = this.#log[this.#replayAt++]!;
      if (recorded.type === frame.type) {
        if (frame.type !== "error" || JSON.stringify(recorded.content) === JSON.stringify(frame.content)) {
          return recorded;
        }
      }
      if (recorded.type === "error") continue;
      const position = this.#replayAt - 1;
      // What follows is sent live, after the whole record.
      this.#replayAt = this.#replayEnd;
      if (lenient) return undefined;
      throw new ReplayError(
        `the run cannot be recovered: it sent ${frame.type} where its record has ${recorded.type} ` +
          `(message ${position}); a workflow must make the same ui calls in the same order`,
      );
    }
    return undefined;
  }

  /**
   * Passes over the record's re-asks of `asked` (an `error`, then the same question again; see
   * `reask`), so the workflow's next call meets its own next message; their uuids answer it.
   */
  #skipReasks(asked: WorkflowServerFrame): void {
    const same = (m: WorkflowServerFrame) =>
      m.type === asked.type && JSON.stringify(m.content) === JSON.stringify(asked.content);
    while (this.#replayAt + 1 < this.#replayEnd && this.#log[this.#replayAt]!.type === "error") {
      const again = this.#log[this.#replayAt + 1]!;
      if (!same(again)) return;
      this.#aliases.set(again.uuid, asked.uuid);
      this.#replayAt += 2;
    }
  }

  /**
   * `bestEffort`: the frame reports a failure, and is delivered even when it cannot be stored.
   * `outOfBand`: the server's own frame, not the workflow's (never matched with the record).
   */
  #record(frame: WorkflowServerFrame, mode: { bestEffort?: boolean; outOfBand?: boolean } = {}): Promise<void> {
    if (!mode.bestEffort) this.#throwIfAbandoned();
    if (!mode.outOfBand && this.#replay(frame, mode.bestEffort)) return Promise.resolve();
    this.#log.push(frame);
    return this.#enqueue(async () => {
      try {
        await this.#store.appendMessage(this.workflowUuid, frame);
      } catch (error) {
        // An error frame reporting a failure must still reach the client when the store is down.
        if (!mode.bestEffort) {
          this.#log.splice(this.#log.indexOf(frame), 1);
          throw error;
        }
      }
      // The outbox runs in log order, and a frame that failed was taken out of the log.
      this.#processed += 1;
      const attached = this.#attached;
      if (!attached) return;
      try {
        await attached.send(frame);
      } catch {
        this.detach(attached);
      }
    });
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const done = this.#outbox.then(task);
    this.#outbox = done.catch(() => {});
    return done;
  }

  #throwIfAbandoned(): void {
    if (this.#abort.signal.aborted) throw this.#abort.signal.reason;
  }

  #startGrace(): void {
    if (this.#final || this.#abort.signal.aborted) return;
    this.#clearGrace();
    this.#graceTimer = setTimeout(
      () => this.abandon(`no client resumed the run within ${Math.round(this.#graceMs / 1000)} s`),
      this.#graceMs,
    );
    this.#graceTimer.unref?.();
  }

  #clearGrace(): void {
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
    this.#graceTimer = undefined;
  }
}

function sameAnswer(previous: string | string[] | undefined, value: string | string[]): boolean {
  if (previous === undefined) return false;
  return JSON.stringify(previous) === JSON.stringify(value);
}

function resultText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === "string" ? error : "the workflow failed";
}
