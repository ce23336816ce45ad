// The signals between the process executing a workflow run and the processes relaying it to
// clients who resumed it there, on the bus. Apart from the two sides (followers.ts: the holder's,
// remote-run.ts: the follower's) because both speak it and it is the whole of what they share.
import type { WorkflowServerFrame } from "@switchboard/protocol/workflows";
import type { Problem } from "./link.js";

/**
 * A client may resume a run on any of the processes sharing a store and a bus. The process
 * executing the run (its holder) keeps executing it; the process the client reached (a follower)
 * relays: it replays the stored messages the client missed and then the ones the holder stores
 * next, and passes the client's answers and frame problems to the holder, which applies them as if
 * they had come over its own socket. What the two say to each other about one run travels on the
 * bus topic `workflows:<uuid>`; `follower` is one resuming connection's id.
 */
export type WorkflowSignal =
  // holder → followers
  | { kind: "messages" }
  | { kind: "close"; follower: string; code: number; reason: string }
  | { kind: "frame"; follower: string; frame: WorkflowServerFrame }
  | { kind: "answered"; follower: string; seq: number }
  // follower → holder; `attach` is repeated as a heartbeat while the client stays
  | { kind: "attach"; follower: string; after: string | null }
  | { kind: "detach"; follower: string }
  | {
      kind: "answer";
      follower: string;
      /** The follower's count of its answers, acknowledged by `answered` once applied or refused. */
      seq: number;
      questionUuid: string | null;
      value: string | string[];
      field: string;
    }
  | { kind: "report"; follower: string; problem: Problem };

export const workflowTopic = (workflowUuid: string) => `workflows:${workflowUuid}`;

export const TO_HOLDER = new Set(["attach", "detach", "answer", "report"]);

export function signalOf(message: unknown): WorkflowSignal | undefined {
  if (typeof message !== "object" || message === null) return undefined;
  return typeof (message as { kind?: unknown }).kind === "string" ? (message as WorkflowSignal) : undefined;
}
