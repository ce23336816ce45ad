import type { WorkflowServerFrame } from "@switchboard/protocol/workflows";

/**
 * `initiated`: prepared by `initiate_workflow`, no socket yet. `running`: the workflow code runs.
 * The rest are final: `completed` (returned), `failed` (threw), `abandoned` (no client came back
 * within the grace period, or the server shut down).
 */
export type WorkflowRunStatus = "initiated" | "running" | "completed" | "failed" | "abandoned";

export const FINAL_WORKFLOW_STATUSES: readonly WorkflowRunStatus[] = ["completed", "failed", "abandoned"];

export interface WorkflowRunRecord {
  /** Canonical form: lower-case, hyphenated. */
  workflowUuid: string;
  name: string;
  userId: string | null;
  params: Record<string, unknown>;
  status: WorkflowRunStatus;
  /** The `workflow_completed` result, once completed. */
  result: string | null;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
}

export type WorkflowRunPatch = Partial<Pick<WorkflowRunRecord, "name" | "userId" | "params" | "status" | "result">>;

/** An answer as the run received it; null for an answer that is not stored (a `password`). */
export type RecordedAnswer = string | string[] | null;

/**
 * Where workflow runs, the messages they sent and the answers they received are kept. A run's
 * messages are its history: what a resuming client is replayed. Messages and answers together
 * let another process re-execute a run whose process died (see `defineWorkflow`).
 */
export interface WorkflowStore {
  /** Inserts a run; resolves false (and changes nothing) when the uuid is taken. */
  createRun(run: WorkflowRunRecord): Promise<boolean>;
  getRun(workflowUuid: string): Promise<WorkflowRunRecord | undefined>;
  /**
   * Applies `patch` (and bumps `updatedAt`) when the run exists and, if `fromStatuses` is given,
   * its status is one of them; resolves whether it applied. This is the compare-and-set that
   * stops two connections from starting the same prepared run.
   */
  updateRun(
    workflowUuid: string,
    patch: WorkflowRunPatch,
    fromStatuses?: readonly WorkflowRunStatus[],
  ): Promise<boolean>;
  /** Appends to the run's history, in call order. */
  appendMessage(workflowUuid: string, message: WorkflowServerFrame): Promise<void>;
  /**
   * The run's history from position `from` (default 0, the first message), oldest first; empty
   * when the run is unknown. A client following a run another process executes reads on from
   * where it is.
   */
  listMessages(workflowUuid: string, from?: number): Promise<WorkflowServerFrame[]>;
  /** Records the answer to the run's question `questionUuid`; a second answer to it is ignored. */
  recordAnswer(workflowUuid: string, questionUuid: string, answer: RecordedAnswer): Promise<void>;
  /** The run's recorded answers by question uuid (empty when the run is unknown). */
  listAnswers(workflowUuid: string): Promise<Record<string, RecordedAnswer>>;
  /**
   * Makes `owner` the holder of a `running` run for `leaseMs`, when the run has no holder, is
   * already `owner`'s, or its holder is gone: its lease ran out, or (where the store can tell)
   * the holder's process died. Resolves whether `owner` holds the run. Only the holder executes
   * a run; the others send resuming clients away.
   */
  claimRun(workflowUuid: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Extends, to `leaseMs` from now, the lease of every running run `owner` holds. */
  renewRuns(owner: string, leaseMs: number): Promise<void>;
}

export interface InMemoryWorkflowStoreOptions {
  /**
   * Runs kept at most (default 10 000). Beyond it the oldest runs that are not `running` are
   * dropped with their messages, so a long-lived demo server does not grow without bound.
   */
  maxRuns?: number;
}

interface MemoryRun {
  record: WorkflowRunRecord;
  messages: WorkflowServerFrame[];
  answers: Map<string, RecordedAnswer>;
  owner?: { id: string; until: number };
}

/** A process-local store; everything is lost on restart. */
export class InMemoryWorkflowStore implements WorkflowStore {
  readonly #runs = new Map<string, MemoryRun>();
  readonly #maxRuns: number;

  constructor(options: InMemoryWorkflowStoreOptions = {}) {
    this.#maxRuns = options.maxRuns ?? 10_000;
  }

  async createRun(run: WorkflowRunRecord): Promise<boolean> {
    if (this.#runs.has(run.workflowUuid)) return false;
    this.#runs.set(run.workflowUuid, { record: structuredClone(run), messages: [], answers: new Map() });
    this.#evict();
    return true;
  }

  async getRun(workflowUuid: string): Promise<WorkflowRunRecord | undefined> {
    const entry = this.#runs.get(workflowUuid);
    return entry ? structuredClone(entry.record) : undefined;
  }

  async updateRun(
    workflowUuid: string,
    patch: WorkflowRunPatch,
    fromStatuses?: readonly WorkflowRunStatus[],
  ): Promise<boolean> {
    const entry = this.#runs.get(workflowUuid);
    if (!entry) return false;
    if (fromStatuses && !fromStatuses.includes(entry.record.status)) return false;
    const updatedAt = Math.max(Date.now(), entry.record.updatedAt);
    entry.record = { ...entry.record, ...structuredClone(patch), updatedAt };
    return true;
  }

  async appendMessage(workflowUuid: string, message: WorkflowServerFrame): Promise<void> {
    const entry = this.#runs.get(workflowUuid);
    if (!entry) throw new Error(`workflow run ${workflowUuid} does not exist`);
    entry.messages.push(structuredClone(message));
  }

  async listMessages(workflowUuid: string, from = 0): Promise<WorkflowServerFrame[]> {
    return structuredClone(this.#runs.get(workflowUuid)?.messages.slice(Math.max(0, from)) ?? []);
  }

  async recordAnswer(workflowUuid: string, questionUuid: string, answer: RecordedAnswer): Promise<void> {
    const entry = this.#runs.get(workflowUuid);
    if (!entry) throw new Error(`workflow run ${workflowUuid} does not exist`);
    if (!entry.answers.has(questionUuid)) entry.answers.set(questionUuid, structuredClone(answer));
  }

  async listAnswers(workflowUuid: string): Promise<Record<string, RecordedAnswer>> {
    return structuredClone(Object.fromEntries(this.#runs.get(workflowUuid)?.answers ?? []));
  }

  async claimRun(workflowUuid: string, owner: string, leaseMs: number): Promise<boolean> {
    const entry = this.#runs.get(workflowUuid);
    if (entry?.record.status !== "running") return false;
    const now = Date.now();
    if (entry.owner && entry.owner.id !== owner && entry.owner.until >= now) return false;
    entry.owner = { id: owner, until: now + leaseMs };
    return true;
  }

  async renewRuns(owner: string, leaseMs: number): Promise<void> {
    const until = Date.now() + leaseMs;
    for (const entry of this.#runs.values()) {
      if (entry.record.status === "running" && entry.owner?.id === owner) entry.owner.until = until;
    }
  }

  #evict(): void {
    if (this.#runs.size <= this.#maxRuns) return;
    for (const [uuid, entry] of this.#runs) {
      if (this.#runs.size <= this.#maxRuns) return;
      if (entry.record.status !== "running") this.#runs.delete(uuid);
    }
  }
}
