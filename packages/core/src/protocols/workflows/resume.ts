// What a resume frame does: attaches the connection to a run, wherever it is: live in this
// process, taken over from a process that died, executing in another live process (relayed, see
// follow-signals.ts), or ended (its history replayed, then the close it ended with). Apart from
// module.ts, which serves the protocol, so each frame's rules sit in one place (start.ts holds
// the init frame's).
import type { WorkflowResumeFrame } from "@switchboard/protocol/workflows";
import { closeCodeFor } from "../../runtime/workflow/ending.js";
import type { WorkflowRun } from "../../runtime/workflow/run.js";
import { CloseCode } from "../../ws/types.js";
import type { Connection } from "./connection.js";
import { canonicalUuid } from "./frames.js";
import { localLink, type Problem } from "./link.js";
import { authorized, type WorkflowsProtocolOptions } from "./options.js";
import { RemoteRun } from "./remote-run.js";
import type { LocalRuns } from "./runs.js";

/** Re-attaches a connection to a run; returns a problem to report (then close) or undefined. */
export async function resumeRun(
  runs: LocalRuns,
  options: WorkflowsProtocolOptions,
  connection: Connection,
  frame: WorkflowResumeFrame,
): Promise<Problem | undefined> {
  const { store } = runs;
  const workflowUuid = canonicalUuid(frame.workflow_uuid);
  const notFound: Problem = { short: "workflow_not_found", long: `workflow_uuid: no run ${workflowUuid}` };
  const live = runs.get(workflowUuid);
  const record = live ? undefined : await store.getRun(workflowUuid);
  const owner = live ? live.userId : record?.userId;
  const name = live ? live.definition.name : record?.name;
  if (name === undefined) return notFound;
  // A run of another user is reported as unknown, so a uuid cannot be probed for existence.
  if (connection.userId !== undefined && owner !== connection.userId) return notFound;
  if (!(await authorized(options, connection.request, name))) {
    return { short: "forbidden", long: `workflow_uuid: the caller may not resume workflow ${JSON.stringify(name)}` };
  }
  const badAfter = (): Problem => ({
    short: "validation_failed",
    long: `after_uuid: ${JSON.stringify(frame.after_uuid)} is not a message of run ${workflowUuid}`,
  });

  const attach = async (run: WorkflowRun): Promise<Problem | undefined> => {
    const afterIndex = frame.after_uuid === undefined ? -1 : run.indexOf(frame.after_uuid);
    if (afterIndex === -1 && frame.after_uuid !== undefined) return badAfter();
    connection.link = localLink(run, connection.attachment);
    await run.attach(connection.attachment, afterIndex);
    return undefined;
  };

  if (live && !live.finished) return attach(live);
  if (live) await live.start();
  let stored = record ?? (await store.getRun(workflowUuid));
  if (stored?.status === "running") {
    const taken = await runs.takeOver(stored);
    if (taken) return attach(taken);
    // It may have ended on its process meanwhile.
    stored = await store.getRun(workflowUuid);
    // A live process executes it: relay it from there.
    if (stored?.status === "running" && runs.bus && runs.workflows.has(stored.name) && !runs.closed) {
      return (await follow(runs, connection, workflowUuid, frame.after_uuid)) ? undefined : badAfter();
    }
  }
  if (!stored) return notFound;
  if (stored.status === "initiated") {
    return {
      short: "validation_failed",
      long: `workflow_uuid: run ${workflowUuid} has not started; send an init frame`,
    };
  }
  if (stored.status === "running") {
    return {
      short: "run_unavailable",
      long: `workflow_uuid: run ${workflowUuid} runs on another server process; resume it there`,
      close: CloseCode.internalError,
    };
  }
  const history = await store.listMessages(workflowUuid);
  const afterIndex = frame.after_uuid === undefined ? -1 : history.findIndex((m) => m.uuid === frame.after_uuid);
  if (afterIndex === -1 && frame.after_uuid !== undefined) return badAfter();
  for (const message of history.slice(afterIndex + 1)) await connection.send(message);
  connection.close(closeCodeFor(stored.status), `workflow ${stored.status}`);
  return undefined;
}

/**
 * Attaches `connection` to a run another live process executes (see remote-run.ts), replaying
 * what it missed after `after`; resolves false when `after` is not a message of the run. Should
 * the other process die, this one takes the run over once the store lets it claim the run.
 */
async function follow(
  runs: LocalRuns,
  connection: Connection,
  workflowUuid: string,
  after: string | undefined,
): Promise<boolean> {
  const remote = new RemoteRun({
    workflowUuid,
    bus: runs.bus!,
    store: runs.store,
    attachment: connection.attachment,
    heartbeatMs: runs.leaseMs / 3,
    takeOver: async (record, last) => {
      const run = await runs.takeOver(record);
      if (!run) return undefined;
      const link = localLink(run, connection.attachment);
      // A client gone meanwhile is not attached: the run waits for a resume, as a run taken over does.
      if (!connection.open) return link;
      connection.link = link;
      await run.attach(connection.attachment, last === undefined ? -1 : run.indexOf(last));
      return link;
    },
  });
  if (!(await remote.open(after))) return false;
  connection.link = remote;
  // The client may have left while the history was read; its close detached nothing then.
  if (!connection.open) remote.detach();
  else await remote.start();
  return true;
}
