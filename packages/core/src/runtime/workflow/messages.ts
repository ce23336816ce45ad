// A run's messages as they go on the wire: who they are from and to by default, and building one
// checked against the protocol's schema. Apart from run.ts because the protocol's own frames
// (errors, keep-alives: protocols/workflows/link.ts) share the defaults.
import { validate, type WorkflowServerFrame } from "@switchboard/protocol/workflows";
import type { WorkflowMessageOptions } from "./define.js";

/** Who a message is from and to when the workflow does not say (FastAgency's runtime's words). */
export const DEFAULT_SENDER = "Workflow";
export const DEFAULT_RECIPIENT = "User";

export type ServerFrameType = WorkflowServerFrame["type"];
export type ContentOf<T extends ServerFrameType> = Extract<WorkflowServerFrame, { type: T }>["content"];

/** Builds and checks a message; a workflow passing bad values gets a TypeError, not a bad frame on the wire. */
export function buildFrame<T extends ServerFrameType>(
  workflowUuid: string,
  type: T,
  content: ContentOf<T>,
  options: WorkflowMessageOptions,
): WorkflowServerFrame {
  const frame = {
    type,
    workflow_uuid: workflowUuid,
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
