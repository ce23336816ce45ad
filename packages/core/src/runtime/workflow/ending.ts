// How a workflow run ends: its final statuses, the close code a connection gets, the result text
// and the errors that end a run from outside. Apart from run.ts because the protocol's modules
// (a resume of a finished run, a relayed run) need these without the run itself.
import type { WorkflowRunStatus } from "../../store/workflows.js";
import { CloseCode } from "../../ws/types.js";

export type FinalStatus = Extract<WorkflowRunStatus, "completed" | "failed" | "abandoned">;

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

/** Thrown into a run that nobody came back to, and by `ui.*` calls made after that. */
export class WorkflowAbandonedError extends Error {
  override readonly name = "AbortError";
}

/** `workflow_completed.result` for what the workflow returned: a string as is, anything else as JSON. */
export function resultText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** What went wrong, in one line for the `error` frame and the log. */
export function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === "string" ? error : "the workflow failed";
}
