// Shared by the store contract's parts: the harness each store supplies, and the data and waits they use.
import type {
  DispatchClaim,
  DispatchStoreOptions,
  InputItemsPage,
  ResponseStore,
  SessionStore,
  Store,
  WorkflowRunRecord,
  WorkflowStore,
} from "@switchboard/core";

type ResponseObject = Parameters<ResponseStore["putResponse"]>[0];
type Item = InputItemsPage["items"][number];
type StreamEvent = Parameters<ResponseStore["appendEvent"]>[1];
type ModelMessage = Parameters<SessionStore["append"]>[1][number];
export type AgentEvent = Parameters<SessionStore["appendStreamEvents"]>[3][number];
type WorkflowFrame = Parameters<WorkflowStore["appendMessage"]>[1];

export interface StoreHarness {
  /** A fresh, empty store. */
  open(options?: { dispatch?: DispatchStoreOptions }): Promise<Store>;
  /** A second store on the same data, as another process sees it; absent for single-process stores. */
  peer?(of: Store, options?: { dispatch?: DispatchStoreOptions }): Promise<Store>;
  /** Whether a session append made while processing a dispatch completes it in the same transaction. */
  atomicDispatchAppend: boolean;
  /** How many stream logs the store still holds, expired ones included (where it can be seen). */
  storedStreamLogs?(store: Store): Promise<number>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await sleep(20);
  }
}

export async function claimWhenDue(dispatch: Store["dispatch"], timeoutMs = 5_000): Promise<DispatchClaim> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const claim = await dispatch.claim();
    if (claim) return claim;
    if (Date.now() > deadline) throw new Error("nothing became due in time");
    await sleep(20);
  }
}

/** A minimal response object; the contract and other store tests build theirs from it. */
export function response(id: string, extra: Partial<ResponseObject> = {}): ResponseObject {
  return {
    id,
    object: "response",
    created_at: 1_700_000_000,
    status: "completed",
    error: null,
    incomplete_details: null,
    instructions: null,
    model: "echo",
    output: [],
    parallel_tool_calls: true,
    metadata: {},
    tool_choice: "auto",
    tools: [],
    temperature: 1,
    top_p: 1,
    ...extra,
  } as ResponseObject;
}

export function item(id: string, text: string): Item {
  return { id, type: "message", role: "user", status: "completed", content: [{ type: "input_text", text }] } as Item;
}

export function delta(seq: number, text: string): StreamEvent {
  return {
    type: "response.output_text.delta",
    sequence_number: seq,
    item_id: "msg_1",
    output_index: 0,
    content_index: 0,
    delta: text,
  } as StreamEvent;
}

export function userMessage(text: string): ModelMessage {
  return { role: "user", content: text } as ModelMessage;
}

export function tick(n: number): AgentEvent {
  return { type: "text_delta", text: `tick ${n} ` } as AgentEvent;
}

export function run(uuid: string, extra: Partial<WorkflowRunRecord> = {}): WorkflowRunRecord {
  return {
    workflowUuid: uuid,
    name: "ask",
    userId: "u1",
    params: { a: 1 },
    status: "initiated",
    result: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...extra,
  };
}

export function frame(uuid: string, body: string): WorkflowFrame {
  return {
    type: "text_message",
    workflow_uuid: uuid,
    uuid: crypto.randomUUID(),
    sender: "workflow",
    recipient: "user",
    auto_reply: false,
    content: { body },
  } as unknown as WorkflowFrame;
}

/** Text that JSON columns must keep exactly: non-ASCII, escapes, NUL, deep nesting, big numbers. */
export const TRICKY = {
  zeta: 'ünïcödé 😀 \u0000 \\ " \n end',
  alpha: [1.5, 0, -7, 1e300, 9007199254740991, null, true, { nested: { deeper: ["x"] } }],
  empty: {},
};

/** What each part of the contract gets: the harness, and openers whose stores are closed after each test. */
export interface ContractContext {
  harness: StoreHarness;
  /** A fresh, empty store. */
  open(options?: { dispatch?: DispatchStoreOptions }): Promise<Store>;
  /** A second store on the same data as `of` (only where `harness.peer` exists). */
  peer(of: Store, options?: { dispatch?: DispatchStoreOptions }): Promise<Store>;
}
