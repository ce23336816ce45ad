import type { RecordedAnswer, WorkflowRunPatch, WorkflowRunRecord, WorkflowStore } from "@switchboard/core";
import type { Database } from "./database.js";
import { toJson } from "./json.js";
import type { ProcessLiveness } from "./liveness.js";

type WorkflowFrame = Awaited<ReturnType<WorkflowStore["listMessages"]>>[number];

interface RunRow {
  workflow_uuid: string;
  name: string;
  user_id: string | null;
  params: Record<string, unknown>;
  status: WorkflowRunRecord["status"];
  result: string | null;
  created_at: number | string;
  updated_at: number | string;
}

const RUN_COLUMNS = "workflow_uuid, name, user_id, params, status, result, created_at, updated_at";

function toRun(row: RunRow): WorkflowRunRecord {
  return {
    workflowUuid: row.workflow_uuid,
    name: row.name,
    userId: row.user_id,
    params: row.params,
    status: row.status,
    result: row.result,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** Which patch field goes to which column, and how its value is passed. */
const PATCH_COLUMNS: Record<
  keyof WorkflowRunPatch,
  { column: string; cast: string; encode?: (v: unknown) => unknown }
> = {
  name: { column: "name", cast: "text" },
  userId: { column: "user_id", cast: "text" },
  params: { column: "params", cast: "json", encode: toJson },
  status: { column: "status", cast: "text" },
  result: { column: "result", cast: "text" },
};

/**
 * Workflow runs, their message histories and answers in SQL (schema `s`, quoted).
 *
 * A run's holder is recorded with a lease and with its process key (`liveness.ts`): a process
 * killed while running workflows is seen as gone, and its runs can be taken over at once instead of
 * when their leases run out.
 */
export function sqlWorkflowStore(db: Database, s: string, liveness: ProcessLiveness): WorkflowStore {
  return {
    async createRun(run) {
      const rows = await db.query(
        `INSERT INTO ${s}.workflow_runs (${RUN_COLUMNS}) VALUES ($1, $2, $3, $4::json, $5, $6, $7, $8)
         ON CONFLICT (workflow_uuid) DO NOTHING RETURNING workflow_uuid`,
        [
          run.workflowUuid,
          run.name,
          run.userId,
          toJson(run.params),
          run.status,
          run.result,
          run.createdAt,
          run.updatedAt,
        ],
      );
      return rows.length > 0;
    },

    async getRun(workflowUuid) {
      const [row] = await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM ${s}.workflow_runs WHERE workflow_uuid = $1`, [
        workflowUuid,
      ]);
      return row && toRun(row);
    },

    async updateRun(workflowUuid, patch, fromStatuses) {
      const params: unknown[] = [workflowUuid, Date.now()];
      const sets = ["updated_at = greatest($2::bigint, updated_at)"];
      for (const [field, spec] of Object.entries(PATCH_COLUMNS)) {
        const value = patch[field as keyof WorkflowRunPatch];
        if (value === undefined) continue;
        params.push(value === null ? null : spec.encode ? spec.encode(value) : value);
        sets.push(`${spec.column} = $${params.length}::${spec.cast}`);
      }
      let where = "workflow_uuid = $1";
      if (fromStatuses) {
        params.push([...fromStatuses]);
        where += ` AND status = ANY($${params.length}::text[])`;
      }
      const rows = await db.query(
        `UPDATE ${s}.workflow_runs SET ${sets.join(", ")} WHERE ${where} RETURNING workflow_uuid`,
        params,
      );
      return rows.length > 0;
    },

    async appendMessage(workflowUuid, message) {
      await db.transaction(async (tx) => {
        // Counting on the run's row locks it, so concurrent appends take turns on the positions.
        const [row] = await tx.query<{ message_count: number }>(
          `UPDATE ${s}.workflow_runs SET message_count = message_count + 1 WHERE workflow_uuid = $1
           RETURNING message_count`,
          [workflowUuid],
        );
        if (!row) throw new Error(`workflow run ${workflowUuid} does not exist`);
        await tx.query(`INSERT INTO ${s}.workflow_messages (workflow_uuid, position, body) VALUES ($1, $2, $3::json)`, [
          workflowUuid,
          row.message_count - 1,
          toJson(message),
        ]);
      });
    },

    async listMessages(workflowUuid, from = 0) {
      const rows = await db.query<{ body: WorkflowFrame }>(
        `SELECT body FROM ${s}.workflow_messages WHERE workflow_uuid = $1 AND position >= $2 ORDER BY position`,
        [workflowUuid, Math.max(0, Math.floor(from))],
      );
      return rows.map((row) => row.body);
    },

    async recordAnswer(workflowUuid, questionUuid, answer) {
      await db.query(
        `INSERT INTO ${s}.workflow_answers (workflow_uuid, question_uuid, answer) VALUES ($1, $2, $3::json)
         ON CONFLICT (workflow_uuid, question_uuid) DO NOTHING`,
        [workflowUuid, questionUuid, answer === null ? null : toJson(answer)],
      );
    },

    async listAnswers(workflowUuid) {
      const rows = await db.query<{ question_uuid: string; answer: RecordedAnswer }>(
        `SELECT question_uuid, answer FROM ${s}.workflow_answers WHERE workflow_uuid = $1`,
        [workflowUuid],
      );
      return Object.fromEntries(rows.map((row) => [row.question_uuid, row.answer]));
    },

    async claimRun(workflowUuid, owner, leaseMs) {
      await liveness.register();
      const now = Date.now();
      const gone = liveness.gone("owner_key", 6);
      const rows = await db.query(
        `UPDATE ${s}.workflow_runs SET owner = $2, owner_key = $3::bigint, lease_until = $4::bigint + $5::bigint
         WHERE workflow_uuid = $1 AND status = 'running'
           AND (owner IS NULL OR owner = $2 OR lease_until < $4::bigint OR ${gone.sql})
         RETURNING workflow_uuid`,
        [workflowUuid, owner, liveness.key, now, Math.ceil(leaseMs), ...gone.params],
      );
      return rows.length > 0;
    },

    async renewRuns(owner, leaseMs) {
      await db.query(`UPDATE ${s}.workflow_runs SET lease_until = $2::bigint WHERE owner = $1 AND status = 'running'`, [
        owner,
        Date.now() + Math.ceil(leaseMs),
      ]);
    },
  };
}
