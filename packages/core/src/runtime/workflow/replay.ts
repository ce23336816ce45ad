// Re-executing a recorded run after a takeover: the cursor that matches each `ui` call with the
// message recorded at its position, and the recorded answers. Apart from run.ts because it is a
// concern of its own (see `defineWorkflow`): a run that was never taken over has no record.
import type { WorkflowServerFrame } from "@switchboard/protocol/workflows";
import type { RecordedAnswer } from "../../store/workflows.js";

/** A re-executed run that does not retrace its record; it cannot be recovered. */
export class ReplayError extends Error {
  override readonly name = "ReplayError";
}

/** What a run recorded before its process died (see `RunOptions.recorded`). */
export interface RunRecord {
  messages: WorkflowServerFrame[];
  answers: Record<string, RecordedAnswer>;
}

export class Replay {
  /** The recorded messages; `ui` calls past the end are live. */
  readonly #messages: readonly WorkflowServerFrame[];
  readonly #answers: ReadonlyMap<string, RecordedAnswer>;
  /** The next recorded message a `ui` call is matched with. */
  #at = 0;

  constructor(recorded: RunRecord | undefined) {
    this.#messages = [...(recorded?.messages ?? [])];
    this.#answers = new Map(Object.entries(recorded?.answers ?? {}));
  }

  /** True while `ui` calls are still matched with the record. */
  get replaying(): boolean {
    return this.#at < this.#messages.length;
  }

  /** Whether what is left of the record asks `questionUuid`, or any question when it is undefined. */
  asksLater(questionUuid: string | undefined): boolean {
    const asked = (m: WorkflowServerFrame) =>
      questionUuid === undefined ? m.type === "text_input" || m.type === "multiple_choice" : m.uuid === questionUuid;
    return this.#messages.slice(this.#at).some(asked);
  }

  /**
   * Matches the message a `ui` call is about to send with the recorded one at the same position
   * and returns that (it is stored and was delivered already); undefined once the record is
   * exhausted. Recorded `error` frames that match nothing are the server's answers to bad client
   * frames, not the run's own messages, and are passed over. A mismatch ends the replay; it throws
   * unless `lenient` (the error ending a failed run).
   */
  match(frame: WorkflowServerFrame, lenient: boolean): WorkflowServerFrame | undefined {
    const end = this.#messages.length;
    while (this.#at < end) {
      const recorded = this.#messages[this.#at++]!;
      if (recorded.type === frame.type) {
        if (frame.type !== "error" || JSON.stringify(recorded.content) === JSON.stringify(frame.content)) {
          return recorded;
        }
      }
      if (recorded.type === "error") continue;
      const position = this.#at - 1;
      // What follows is sent live, after the whole record.
      this.#at = end;
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
   * `WorkflowRun.reask`), so the workflow's next call meets its own next message. Returns the
   * re-asks' uuids, which answer `asked` too.
   */
  skipReasks(asked: WorkflowServerFrame): string[] {
    const same = (m: WorkflowServerFrame) =>
      m.type === asked.type && JSON.stringify(m.content) === JSON.stringify(asked.content);
    const reasks: string[] = [];
    while (this.#at + 1 < this.#messages.length && this.#messages[this.#at]!.type === "error") {
      const again = this.#messages[this.#at + 1]!;
      if (!same(again)) break;
      reasks.push(again.uuid);
      this.#at += 2;
    }
    return reasks;
  }

  /**
   * The recorded answer to the recorded question `uuid`; undefined when it was not answered (it is
   * open again). Throws when the answer was not stored (a password): the run cannot go on.
   */
  answerTo(uuid: string): string | string[] | undefined {
    if (!this.#answers.has(uuid)) return undefined;
    const answer = this.#answers.get(uuid);
    if (answer === null || answer === undefined) {
      throw new ReplayError(`the run cannot be recovered: the answer to question ${uuid} (a password) was not stored`);
    }
    return answer;
  }
}
