// One live execution of a workflow: running its code, its open questions and the answers to them.
// Its neighbours hold the rest: outbox.ts the history and its delivery to a connection, replay.ts
// re-execution against a record, ui.ts the `ui` object, messages.ts building a message,
// ending.ts how a run ends.
import type { WorkflowErrorCode, WorkflowServerFrame } from "@switchboard/protocol/workflows";
import { defaultLogger } from "../../observability/logger.js";
import type { WorkflowStore } from "../../store/workflows.js";
import { checkAnswer, type Question } from "./answers.js";
import type { WorkflowDefinition, WorkflowMessageOptions } from "./define.js";
import { describe, FAILED_RESULT_PREFIX, type FinalStatus, resultText, WorkflowAbandonedError } from "./ending.js";
import { buildFrame, type ContentOf, type ServerFrameType } from "./messages.js";
import { type RunAttachment, RunOutbox } from "./outbox.js";
import { Replay, type RunRecord } from "./replay.js";
import { createUI } from "./ui.js";

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
  recorded?: RunRecord;
  /** Called once the run has reached a final status and its history is stored. */
  onSettled(run: WorkflowRun): void;
}

/**
 * One live execution of a workflow. Its messages go through its outbox (outbox.ts), which also
 * attaches connections, so a resuming client gets exactly the messages it missed, once, followed
 * by the live ones.
 */
export class WorkflowRun {
  readonly workflowUuid: string;
  readonly definition: WorkflowDefinition;
  readonly userId: string | null;
  readonly params: Record<string, unknown>;
  readonly #store: WorkflowStore;
  readonly #onSettled: (run: WorkflowRun) => void;
  readonly #abort = new AbortController();
  readonly #outbox: RunOutbox;
  /** While re-executing a recorded run: matches `ui` calls with the record. */
  readonly #replay: Replay;
  /** Insertion order is question order: the first entry is the oldest open question. */
  readonly #questions = new Map<string, OpenQuestion>();
  /** Questions asked again after a refused answer: the repeat's uuid → the question's uuid. */
  readonly #aliases = new Map<string, string>();
  /** What each answered question was answered with, as sent, so a repeated answer is recognised. */
  readonly #answered = new Map<string, string | string[]>();
  /** Answers waiting for a re-executed run to reach their question (`#untilAsked`). */
  #waiting: Array<() => void> = [];
  #final: FinalStatus | undefined;
  #settled: Promise<void> | undefined;

  constructor(options: RunOptions) {
    this.workflowUuid = options.workflowUuid;
    this.definition = options.definition;
    this.userId = options.userId;
    this.params = options.params;
    this.#store = options.store;
    this.#onSettled = options.onSettled;
    this.#replay = new Replay(options.recorded);
    this.#outbox = new RunOutbox({
      workflowUuid: options.workflowUuid,
      store: options.store,
      graceMs: options.graceMs,
      recorded: options.recorded?.messages,
      final: () => this.#final,
      signal: this.#abort.signal,
      abandon: (reason) => this.abandon(reason),
    });
    if (options.recorded) {
      for (const [uuid, answer] of Object.entries(options.recorded.answers)) {
        if (answer !== null) this.#answered.set(uuid, answer);
      }
      // Nobody is attached to a run taken over until its resuming client is.
      this.#outbox.startGrace();
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
    return this.#outbox.indexOf(messageUuid);
  }

  /**
   * Makes `attachment` the run's connection: it first receives every message after position
   * `afterIndex` already sent, then the live ones. A previous connection is closed. On a finished
   * run the replay is followed by the close the run ended with.
   */
  attach(attachment: RunAttachment, afterIndex: number): Promise<void> {
    return this.#outbox.attach(attachment, afterIndex);
  }

  /** The connection went away; the run carries on and waits for a resume during the grace period. */
  detach(attachment: RunAttachment): void {
    this.#outbox.detach(attachment);
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
    while (!this.#final && !this.#abort.signal.aborted && this.#replay.replaying) {
      if (questionUuid === undefined ? this.#questions.size > 0 : this.#questions.has(questionUuid)) return;
      if (!this.#replay.asksLater(questionUuid)) return;
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
    const frame = buildFrame(this.workflowUuid, "error", { short, long }, {});
    await this.#record(frame, { bestEffort: true, outOfBand: true });
    return true;
  }

  /**
   * Asks the open question `uuid` again, as a fresh message (its own uuid, either of which answers
   * it), after a refused answer: FastAgency's clients answer each question message once, so
   * without it they would wait forever. Recorded as the server's own message: a re-executed run
   * passes over it (`Replay.skipReasks`).
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
    this.#outbox.clearGrace();
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
    this.#outbox.clearGrace();
    const error = new WorkflowAbandonedError(`the run ${status}`);
    for (const open of this.#questions.values()) open.reject(error);
    this.#questions.clear();
    this.#answered.clear();
    this.#progressed();
    await this.#outbox.end(status, result);
    this.#onSettled(this);
  }

  #ui() {
    return createUI({
      workflowUuid: this.workflowUuid,
      userId: this.userId,
      signal: this.#abort.signal,
      emit: (type, content, options) => this.#emit(type, content, options),
      ask: (question, options) => this.#ask(question, options),
    });
  }

  async #ask(question: Question, options: WorkflowMessageOptions): Promise<string | string[]> {
    this.#throwIfAbandoned();
    const frame = buildFrame(this.workflowUuid, question.kind, question.content, options);
    const recorded = this.#replayed(frame);
    if (recorded) for (const reask of this.#replay.skipReasks(recorded)) this.#aliases.set(reask, recorded.uuid);
    const uuid = recorded?.uuid ?? frame.uuid;
    if (recorded) {
      const answer = this.#replay.answerTo(uuid);
      if (answer !== undefined) return answer;
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
      return this.#record(buildFrame(this.workflowUuid, type, content, options), mode);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The recorded message `frame` retraces, while re-executing a recorded run (`Replay.match`). */
  #replayed(frame: WorkflowServerFrame, lenient = false): WorkflowServerFrame | undefined {
    if (this.#replay.replaying) queueMicrotask(() => this.#progressed());
    return this.#replay.match(frame, lenient);
  }

  /**
   * `bestEffort`: the frame reports a failure, and is delivered even when it cannot be stored.
   * `outOfBand`: the server's own frame, not the workflow's (never matched with the record).
   */
  #record(frame: WorkflowServerFrame, mode: { bestEffort?: boolean; outOfBand?: boolean } = {}): Promise<void> {
    if (!mode.bestEffort) this.#throwIfAbandoned();
    if (!mode.outOfBand && this.#replayed(frame, mode.bestEffort)) return Promise.resolve();
    return this.#outbox.append(frame, mode.bestEffort);
  }

  #throwIfAbandoned(): void {
    if (this.#abort.signal.aborted) throw this.#abort.signal.reason;
  }
}

function sameAnswer(previous: string | string[] | undefined, value: string | string[]): boolean {
  if (previous === undefined) return false;
  return JSON.stringify(previous) === JSON.stringify(value);
}
