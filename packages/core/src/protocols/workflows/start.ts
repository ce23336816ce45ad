// What an init frame does: starts a run on the connection, from a run prepared over HTTP or from
// nothing. Apart from module.ts, which serves the protocol, so each frame's rules sit in one place
// (resume.ts holds the resume frame's).
import type { WorkflowInitFrame } from "@switchboard/protocol/workflows";
import type { Connection } from "./connection.js";
import { canonicalUuid } from "./frames.js";
import { localLink, type Problem } from "./link.js";
import { authorized, type WorkflowsProtocolOptions } from "./options.js";
import type { LocalRuns } from "./runs.js";

/** A new run from an init frame; returns a problem to report (then close 1008) or undefined. */
export async function startRun(
  runs: LocalRuns,
  options: WorkflowsProtocolOptions,
  connection: Connection,
  frame: WorkflowInitFrame,
): Promise<Problem | undefined> {
  if (!(await authorized(options, connection.request, frame.name))) {
    return { short: "forbidden", long: `name: the caller may not run workflow ${JSON.stringify(frame.name)}` };
  }
  const definition = runs.workflows.get(frame.name);
  if (!definition)
    return { short: "workflow_not_found", long: `name: no workflow named ${JSON.stringify(frame.name)}` };
  const { store } = runs;
  const workflowUuid = canonicalUuid(frame.workflow_uuid);
  const params = (frame.params ?? {}) as Record<string, unknown>;
  const inUse: Problem = {
    short: "workflow_uuid_in_use",
    long: `workflow_uuid: ${workflowUuid} already belongs to a started run; resume it or use a new uuid`,
  };
  const existing = await store.getRun(workflowUuid);
  let userId: string | null;
  if (existing) {
    if (existing.status !== "initiated") return inUse;
    if (existing.name !== frame.name) {
      return {
        short: "validation_failed",
        long: `name: run ${workflowUuid} was prepared for workflow ${JSON.stringify(existing.name)}`,
      };
    }
    if (connection.userId !== undefined && existing.userId !== connection.userId) {
      return { short: "forbidden", long: `workflow_uuid: run ${workflowUuid} was prepared for another user` };
    }
    userId = existing.userId;
    if (!(await store.updateRun(workflowUuid, { status: "running", params }, ["initiated"]))) return inUse;
  } else {
    userId = connection.userId !== undefined ? connection.userId : (frame.user_id ?? null);
    const now = Date.now();
    const created = await store.createRun({
      workflowUuid,
      name: frame.name,
      userId,
      params,
      status: "running",
      result: null,
      createdAt: now,
      updatedAt: now,
    });
    if (!created) return inUse;
  }
  const listening = await runs.listen(workflowUuid);
  // Another process asked to resume the run in this instant has taken it; it executes the run.
  if (!(await runs.claim(workflowUuid))) {
    listening?.stop();
    return inUse;
  }
  const run = runs.create({ workflowUuid, definition, userId, params }, listening);
  connection.link = localLink(run, connection.attachment);
  void run.attach(connection.attachment, -1);
  void run.start();
  return undefined;
}
