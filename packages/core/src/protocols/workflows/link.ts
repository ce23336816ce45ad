import type { WorkflowErrorCode, WorkflowServerFrame } from "@switchboard/protocol/workflows";
import { DEFAULT_RECIPIENT, DEFAULT_SENDER } from "../../runtime/workflow/messages.js";
import type { RunAttachment } from "../../runtime/workflow/outbox.js";
import type { AnswerOutcome, WorkflowRun } from "../../runtime/workflow/run.js";

/** A refusal or a problem with a client's frame: the `error` frame's `short` and `long`. */
export interface Problem {
  short: WorkflowErrorCode;
  long: string;
  /** Close code after the error frame, when the problem ends the connection (default 1008). */
  close?: number;
}

/**
 * Where an attached connection's answers and frame problems go: a run executing in this process
 * (`localLink`), or one another process executes (`RemoteRun`, remote-run.ts).
 */
export interface RunLink {
  readonly workflowUuid: string;
  /** True once the run has ended for this connection (keep-alives stop). */
  readonly finished: boolean;
  /** Applies the client's answer; a problem with it reaches the client as an `error` frame. */
  answer(questionUuid: string | undefined, value: string | string[], field: string): Promise<void>;
  /** Tells the client about a problem with one of its frames, as an `error` frame. */
  report(problem: Problem): Promise<void>;
  /** The connection went away. */
  detach(): void;
}

/**
 * An error about a client's frame joins the run's history, so its uuid is a valid `after_uuid`
 * like any other message's; once the run has ended it goes to the client through `direct`.
 */
export async function reportProblem(
  run: WorkflowRun,
  problem: Problem,
  direct: (frame: WorkflowServerFrame) => Promise<void>,
): Promise<void> {
  if (await run.notify(problem.short, problem.long)) return;
  await direct(serverFrame("error", { short: problem.short, long: problem.long }, run.workflowUuid));
}

/**
 * Reports a refused answer, then, when the question itself refused it, asks the question again:
 * the `error` comes first, as a client reading one message at a time expects.
 */
export async function reportAnswer(
  run: WorkflowRun,
  outcome: Extract<AnswerOutcome, { ok: false }>,
  direct: (frame: WorkflowServerFrame) => Promise<void>,
): Promise<void> {
  await reportProblem(run, outcome.problem, direct);
  if (outcome.reask !== undefined) await run.reask(outcome.reask);
}

/** A frame of the server's own (an error, a keep-alive), outside any workflow's `ui` calls. */
export function serverFrame<T extends "error" | "keep_alive">(
  type: T,
  content: Extract<WorkflowServerFrame, { type: T }>["content"],
  workflowUuid: string,
): WorkflowServerFrame {
  return {
    type,
    workflow_uuid: workflowUuid,
    uuid: crypto.randomUUID(),
    sender: DEFAULT_SENDER,
    recipient: DEFAULT_RECIPIENT,
    auto_reply: false,
    content,
  } as WorkflowServerFrame;
}

/** The link of a connection attached to a run executing in this process. */
export function localLink(run: WorkflowRun, attachment: RunAttachment): RunLink {
  // The connection may be gone by the time a problem is reported; there is no one left to tell.
  const direct = (frame: WorkflowServerFrame) => attachment.send(frame).catch(() => {});
  return {
    workflowUuid: run.workflowUuid,
    get finished() {
      return run.finished;
    },
    async answer(questionUuid, value, field) {
      const outcome = await run.answer(questionUuid, value, field);
      if (!outcome.ok) await reportAnswer(run, outcome, direct);
    },
    report: (problem) => reportProblem(run, problem, direct),
    detach: () => run.detach(attachment),
  };
}
