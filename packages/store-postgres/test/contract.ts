/**
 * The store contract: one suite every Store implementation passes (memory, PGlite, Postgres).
 * Each test opens a fresh, empty store; `peer` opens a second handle on the same data the way a
 * second server process would (only where the implementation is shared between processes).
 */
import {
  activeDispatch,
  type DispatchClaim,
  type DispatchStoreOptions,
  type InputItemsPage,
  type ResponseStore,
  type SessionKey,
  type SessionStore,
  type Store,
  startDispatchWorker,
  type WorkflowRunRecord,
  type WorkflowStore,
} from "@switchboard/core";
import { afterEach, describe, expect, it } from "vitest";

type ResponseObject = Parameters<ResponseStore["putResponse"]>[0];
type Item = InputItemsPage["items"][number];
type StreamEvent = Parameters<ResponseStore["appendEvent"]>[1];
type ModelMessage = Parameters<SessionStore["append"]>[1][number];
type AgentEvent = Parameters<SessionStore["appendStreamEvents"]>[3][number];
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await sleep(20);
  }
}

async function claimWhenDue(dispatch: Store["dispatch"], timeoutMs = 5_000): Promise<DispatchClaim> {
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

function item(id: string, text: string): Item {
  return { id, type: "message", role: "user", status: "completed", content: [{ type: "input_text", text }] } as Item;
}

function delta(seq: number, text: string): StreamEvent {
  return {
    type: "response.output_text.delta",
    sequence_number: seq,
    item_id: "msg_1",
    output_index: 0,
    content_index: 0,
    delta: text,
  } as StreamEvent;
}

function userMessage(text: string): ModelMessage {
  return { role: "user", content: text } as ModelMessage;
}

function tick(n: number): AgentEvent {
  return { type: "text_delta", text: `tick ${n} ` } as AgentEvent;
}

function run(uuid: string, extra: Partial<WorkflowRunRecord> = {}): WorkflowRunRecord {
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

function frame(uuid: string, body: string): WorkflowFrame {
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
const TRICKY = {
  zeta: 'ünïcödé 😀 \u0000 \\ " \n end',
  alpha: [1.5, 0, -7, 1e300, 9007199254740991, null, true, { nested: { deeper: ["x"] } }],
  empty: {},
};

export function storeContract(name: string, harness: StoreHarness): void {
  describe(`store contract: ${name}`, () => {
    const opened: Store[] = [];
    const open = async (options?: { dispatch?: DispatchStoreOptions }) => {
      const store = await harness.open(options);
      opened.push(store);
      return store;
    };
    const peer = async (of: Store, options?: { dispatch?: DispatchStoreOptions }) => {
      const store = await harness.peer!(of, options);
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describe("responses", () => {
      it("stores, replaces and returns responses as JSON, key order included", async () => {
        const { responses } = await open();
        expect(await responses.getResponse("resp_missing")).toBeUndefined();
        const first = response("resp_1", { metadata: { note: "first" }, status: "in_progress" });
        await responses.putResponse(first);
        expect(await responses.getResponse("resp_1")).toEqual(first);
        const second = response("resp_1", { metadata: TRICKY as never, status: "completed" });
        await responses.putResponse(second);
        const got = await responses.getResponse("resp_1");
        expect(got).toEqual(second);
        expect(Object.keys(got!)).toEqual(Object.keys(second));
        expect(Object.keys(got!.metadata as object)).toEqual(["zeta", "alpha", "empty"]);
      });

      it("deletes a response with its input items and events", async () => {
        const { responses } = await open();
        await responses.putResponse(response("resp_1"));
        await responses.putInputItems("resp_1", [item("msg_a", "hi")]);
        await responses.appendEvent("resp_1", delta(0, "x"));
        expect(await responses.deleteResponse("resp_1")).toBe(true);
        expect(await responses.deleteResponse("resp_1")).toBe(false);
        expect(await responses.getResponse("resp_1")).toBeUndefined();
        expect(await responses.getInputItems("resp_1")).toEqual([]);
        expect(await responses.readEvents("resp_1", -1)).toEqual([]);
        // Recreated under the same id, it starts empty.
        await responses.putResponse(response("resp_1"));
        expect(await responses.getInputItems("resp_1")).toEqual([]);
      });

      it("stores new finished responses with their input items in one step, many at once", async () => {
        const { responses } = await open();
        const puts = Array.from({ length: 40 }, (_, i) => ({
          response: response(`resp_${i}`, { status: "completed", metadata: i === 0 ? (TRICKY as never) : {} }),
          items: Array.from({ length: i % 3 }, (_, j) => item(`msg_${i}_${j}`, j === 0 ? TRICKY.zeta : `text ${j}`)),
        }));
        // Concurrent, as the requests of a busy server: a database store writes them in batches.
        await Promise.all(puts.map((put) => responses.putFinished!(put.response, put.items)));
        for (const put of puts) {
          expect(await responses.getResponse(put.response.id)).toEqual(put.response);
          expect(await responses.getInputItems(put.response.id)).toEqual(put.items);
          expect(await responses.readEvents(put.response.id, -1)).toEqual([]);
        }
        expect(await responses.findItem?.("msg_2_1")).toEqual(puts[2]!.items[1]);
        // An id already stored is refused, in a batch too, and only that write fails.
        const results = await Promise.allSettled([
          responses.putFinished!(response("resp_2", { status: "incomplete" }), [item("msg_new", "only")]),
          responses.putFinished!(response("resp_new", { status: "completed" }), [item("msg_other", "fine")]),
        ]);
        expect(results.map((result) => result.status)).toEqual(["rejected", "fulfilled"]);
        expect(await responses.getResponse("resp_2")).toEqual(puts[2]!.response);
        expect(await responses.getInputItems("resp_2")).toEqual(puts[2]!.items);
        expect(await responses.getInputItems("resp_new")).toEqual([item("msg_other", "fine")]);
        expect(await responses.deleteResponse("resp_2")).toBe(true);
        expect(await responses.getInputItems("resp_2")).toEqual([]);
      });

      it("keeps input items in sending order and ignores items of an unknown response", async () => {
        const { responses } = await open();
        await responses.putInputItems("resp_none", [item("msg_x", "lost")]);
        expect(await responses.getInputItems("resp_none")).toEqual([]);
        await responses.putResponse(response("resp_1"));
        const items = [item("msg_c", "third?"), item("msg_a", "no, first"), item("msg_b", TRICKY.zeta)];
        await responses.putInputItems("resp_1", items);
        expect(await responses.getInputItems("resp_1")).toEqual(items);
        // Putting them again replaces the list, a shorter one included.
        await responses.putInputItems("resp_1", items.slice(1));
        expect(await responses.getInputItems("resp_1")).toEqual(items.slice(1));
        await responses.putInputItems("resp_1", []);
        expect(await responses.getInputItems("resp_1")).toEqual([]);
      });

      it("pages input items in both orders with `after` and `hasMore`", async () => {
        const { responses } = await open();
        await responses.putResponse(response("resp_1"));
        const items = ["a", "b", "c", "d", "e"].map((x) => item(`msg_${x}`, x));
        await responses.putInputItems("resp_1", items);
        const ids = (page: InputItemsPage | undefined) => page?.items.map((i) => i.id);

        const first = await responses.listInputItems("resp_1", { limit: 2, order: "asc" });
        expect(ids(first)).toEqual(["msg_a", "msg_b"]);
        expect(first?.hasMore).toBe(true);
        const next = await responses.listInputItems("resp_1", { limit: 2, order: "asc", after: "msg_b" });
        expect(ids(next)).toEqual(["msg_c", "msg_d"]);
        expect(next?.hasMore).toBe(true);
        const last = await responses.listInputItems("resp_1", { limit: 2, order: "asc", after: "msg_d" });
        expect(ids(last)).toEqual(["msg_e"]);
        expect(last?.hasMore).toBe(false);

        const desc = await responses.listInputItems("resp_1", { limit: 3, order: "desc" });
        expect(ids(desc)).toEqual(["msg_e", "msg_d", "msg_c"]);
        expect(desc?.hasMore).toBe(true);
        const descNext = await responses.listInputItems("resp_1", { limit: 3, order: "desc", after: "msg_c" });
        expect(ids(descNext)).toEqual(["msg_b", "msg_a"]);
        expect(descNext?.hasMore).toBe(false);

        const exact = await responses.listInputItems("resp_1", { limit: 5, order: "asc" });
        expect(exact?.hasMore).toBe(false);
        expect(await responses.listInputItems("resp_1", { limit: 2, order: "asc", after: "msg_zz" })).toBeUndefined();
        expect(await responses.listInputItems("resp_none", { limit: 2, order: "asc" })).toEqual({
          items: [],
          hasMore: false,
        });
      });

      it("logs stream events and reads them after a sequence number", async () => {
        const { responses } = await open();
        await responses.appendEvent("resp_none", delta(0, "lost"));
        expect(await responses.readEvents("resp_none", -1)).toEqual([]);
        await responses.putResponse(response("resp_1"));
        const events = [0, 1, 2, 3].map((n) => delta(n, `w${n} `));
        for (const event of events) await responses.appendEvent("resp_1", event);
        expect(await responses.readEvents("resp_1", -1)).toEqual(events);
        expect(await responses.readEvents("resp_1", 1)).toEqual(events.slice(2));
        expect(await responses.readEvents("resp_1", 3)).toEqual([]);
        // Replacing the response (status updates) keeps its log.
        await responses.putResponse(response("resp_1", { status: "completed" }));
        expect(await responses.readEvents("resp_1", -1)).toHaveLength(4);
      });

      it("never takes over a response of its own, a finished one or an unknown one", async () => {
        const { responses } = await open();
        await responses.putResponse(response("resp_running", { status: "in_progress" }));
        await responses.putResponse(response("resp_done", { status: "completed" }));
        expect(await responses.takeOver("resp_running")).toBe(false);
        expect(await responses.takeOver("resp_done")).toBe(false);
        expect(await responses.takeOver("resp_none")).toBe(false);
      });

      it("keeps each response's events and latest state when many append at once", async () => {
        const { responses } = await open();
        const ids = Array.from({ length: 40 }, (_, i) => `resp_${i}`);
        // Every fifth one does not exist (never created, or deleted before its appends).
        for (const [i, id] of ids.entries()) if (i % 5 !== 0) await responses.putResponse(response(id));
        await responses.putResponse(response("resp_0"));
        expect(await responses.deleteResponse("resp_0")).toBe(true);
        await Promise.all(
          ids.map(async (id) => {
            for (let step = 0; step < 4; step++) {
              const events = [0, 1].map((k) => delta(step * 2 + k, `${id}:${step}:${k}`));
              const latest =
                step % 2 === 1 ? response(id, { status: step === 3 ? "completed" : "in_progress" }) : undefined;
              await responses.appendEvents(id, events, latest);
            }
          }),
        );
        for (const [i, id] of ids.entries()) {
          const texts = (await responses.readEvents(id, -1)).map((event) => (event as { delta: string }).delta);
          if (i % 5 === 0) {
            expect(texts).toEqual([]);
            expect(await responses.getResponse(id)).toBeUndefined();
            continue;
          }
          expect(texts).toEqual([0, 1, 2, 3].flatMap((step) => [`${id}:${step}:0`, `${id}:${step}:1`]));
          expect((await responses.getResponse(id))?.status).toBe("completed");
        }
      });

      it("appends a batch of events with or without the response, and nothing for an unknown response", async () => {
        const { responses } = await open();
        await responses.appendEvents("resp_none", [delta(0, "lost")], response("resp_none"));
        expect(await responses.getResponse("resp_none")).toBeUndefined();
        expect(await responses.readEvents("resp_none", -1)).toEqual([]);

        await responses.putResponse(response("resp_1", { status: "in_progress" }));
        const events = [0, 1, 2, 3, 4].map((n) => delta(n, `w${n} ${TRICKY.zeta}`));
        await responses.appendEvents("resp_1", events.slice(0, 3));
        expect(await responses.readEvents("resp_1", -1)).toEqual(events.slice(0, 3));
        expect((await responses.getResponse("resp_1"))?.status).toBe("in_progress");
        // A milestone: the response is replaced together with the events.
        const completed = response("resp_1", { status: "completed", metadata: TRICKY as never });
        await responses.appendEvents("resp_1", events.slice(3), completed);
        expect(await responses.readEvents("resp_1", -1)).toEqual(events);
        expect(await responses.readEvents("resp_1", 2)).toEqual(events.slice(3));
        const got = await responses.getResponse("resp_1");
        expect(got).toEqual(completed);
        expect(Object.keys(got!.metadata as object)).toEqual(["zeta", "alpha", "empty"]);
        // The same response again, and one event appended alone after a batch, keep the order.
        await responses.appendEvents("resp_1", [], completed);
        await responses.appendEvent("resp_1", delta(5, "tail"));
        expect(await responses.readEvents("resp_1", 3)).toEqual([...events.slice(4), delta(5, "tail")]);
        expect(await responses.getResponse("resp_1")).toEqual(completed);
        // Deleted, the response and its log stay gone: a late batch does not bring them back.
        expect(await responses.deleteResponse("resp_1")).toBe(true);
        await responses.appendEvents("resp_1", [delta(6, "late")], completed);
        expect(await responses.getResponse("resp_1")).toBeUndefined();
        expect(await responses.readEvents("resp_1", -1)).toEqual([]);
      });
    });

    describe("sessions", () => {
      const key: SessionKey = { agent: "echo", id: 'user/1 "quoted"', session: "default" };

      it("appends histories per session, oldest first", async () => {
        const { sessions } = await open();
        expect(await sessions.load(key)).toEqual([]);
        await sessions.append(key, [userMessage("one"), userMessage("two")]);
        await sessions.append(key, []);
        await sessions.append(key, [userMessage(TRICKY.zeta)]);
        expect(await sessions.load(key)).toEqual([userMessage("one"), userMessage("two"), userMessage(TRICKY.zeta)]);
        expect(await sessions.load({ ...key, session: "other" })).toEqual([]);
        expect(await sessions.load({ ...key, id: "user/2" })).toEqual([]);
        // The key's parts cannot bleed into each other.
        expect(await sessions.load({ agent: "echo", id: "user", session: '1 "quoted"/default' })).toEqual([]);
      });

      it("keeps concurrent appends whole and in one order", async () => {
        const { sessions } = await open();
        await Promise.all(
          Array.from({ length: 8 }, (_, n) => sessions.append(key, [userMessage(`${n}a`), userMessage(`${n}b`)])),
        );
        const texts = (await sessions.load(key)).map((m) => (m as { content: string }).content);
        expect(texts).toHaveLength(16);
        for (let i = 0; i < 16; i += 2) expect(texts[i + 1]).toBe(texts[i]!.replace("a", "b"));
      });

      it("locks a session exclusively; waiters queue in order; aborting a wait rejects it", async () => {
        const { sessions } = await open();
        const first = await sessions.lock(key, { wait: false });
        expect(first).toBeDefined();
        expect(await sessions.lock(key, { wait: false })).toBeUndefined();
        const other = await sessions.lock({ ...key, session: "other" }, { wait: false });
        expect(other).toBeDefined();
        await other!.release();

        const order: string[] = [];
        const second = sessions.lock(key, { wait: true }).then((lock) => {
          order.push("second");
          return lock!;
        });
        const third = sessions.lock(key, { wait: true }).then((lock) => {
          order.push("third");
          return lock!;
        });
        const abort = new AbortController();
        const abandoned = sessions.lock(key, { wait: true, signal: abort.signal });
        abort.abort(new DOMException("gave up", "AbortError"));
        await expect(abandoned).rejects.toThrow("gave up");
        await sleep(30);
        expect(order).toEqual([]);
        await first!.release();
        await first!.release();
        const secondLock = await second;
        expect(order).toEqual(["second"]);
        await secondLock.release();
        await (await third).release();
        expect(order).toEqual(["second", "third"]);
        expect(await sessions.lock(key, { wait: false })).toBeDefined();
      });
    });

    describe("stream logs", () => {
      const key: SessionKey = { agent: "slow", id: 'user/1 "quoted"', session: "s" };
      const keep = { ended: false, keepMs: 60_000 };

      it("stores batches in order and reads the events after an index with the session and the end mark", async () => {
        const { sessions } = await open();
        expect(await sessions.readStreamEvents("s_1", -1)).toBeUndefined();
        await sessions.appendStreamEvents("s_1", key, 0, [], keep);
        expect(await sessions.readStreamEvents("s_1", -1)).toEqual({
          key,
          events: [],
          length: 0,
          ended: false,
          abandoned: false,
        });
        const start = { type: "turn_start" } as AgentEvent;
        const tricky = { type: "text_delta", text: TRICKY.zeta } as AgentEvent;
        await sessions.appendStreamEvents("s_1", key, 0, [start, tick(1)], keep);
        await sessions.appendStreamEvents("s_1", key, 2, [tricky], keep);
        expect(await sessions.readStreamEvents("s_1", -1)).toEqual({
          key,
          events: [start, tick(1), tricky],
          length: 3,
          ended: false,
          abandoned: false,
        });
        expect(await sessions.readStreamEvents("s_1", 0)).toMatchObject({ events: [tick(1), tricky], length: 3 });
        expect(await sessions.readStreamEvents("s_1", 2)).toMatchObject({ events: [], length: 3, ended: false });
        expect(await sessions.readStreamEvents("s_1", 7)).toMatchObject({ events: [], length: 3 });

        const end = [{ type: "result", result: { text: "done" } }, { type: "idle" }] as AgentEvent[];
        await sessions.appendStreamEvents("s_1", key, 3, end, { ended: true, keepMs: 60_000 });
        expect(await sessions.readStreamEvents("s_1", 1)).toEqual({
          key,
          events: [tricky, ...end],
          length: 5,
          ended: true,
          abandoned: false,
        });
        // A later refresh does not reopen an ended log.
        await sessions.appendStreamEvents("s_1", key, 5, [], keep);
        expect((await sessions.readStreamEvents("s_1", 4))?.ended).toBe(true);
        expect(await sessions.readStreamEvents("s_2", -1)).toBeUndefined();
      });

      it("keeps a retried batch once and the events it first stored as they were", async () => {
        const { sessions } = await open();
        await sessions.appendStreamEvents("s_r", key, 0, [tick(0), tick(1), tick(2)], keep);
        // The writer did not learn that this landed and writes it again with what came since.
        await sessions.appendStreamEvents("s_r", key, 1, [tick(91), tick(92), tick(3)], keep);
        expect(await sessions.readStreamEvents("s_r", -1)).toMatchObject({
          events: [tick(0), tick(1), tick(2), tick(3)],
          length: 4,
        });
      });

      it("hands out copies", async () => {
        const { sessions } = await open();
        const event = tick(1) as { text: string };
        await sessions.appendStreamEvents("s_c", key, 0, [event as AgentEvent], keep);
        event.text = "changed";
        const read = await sessions.readStreamEvents("s_c", -1);
        (read!.events[0] as { text: string }).text = "local";
        read!.key.session = "local";
        expect(await sessions.readStreamEvents("s_c", -1)).toMatchObject({ key, events: [tick(1)] });
      });

      it("expires a log keepMs after its last write; each write extends it", async () => {
        const { sessions } = await open();
        // Sleeps of 500 ms against a window of 800: each check holds with 300 ms of slack.
        const short = { ended: false, keepMs: 800 };
        await sessions.appendStreamEvents("s_e", key, 0, [tick(1)], short);
        await sleep(500);
        // A running stream's writer refreshes its log with an empty batch.
        await sessions.appendStreamEvents("s_e", key, 1, [], short);
        await sleep(500);
        expect((await sessions.readStreamEvents("s_e", -1))?.events).toEqual([tick(1)]);
        await sessions.appendStreamEvents("s_e", key, 1, [tick(2)], { ended: true, keepMs: 800 });
        await sleep(500);
        expect((await sessions.readStreamEvents("s_e", -1))?.length).toBe(2);
        await sleep(500);
        expect(await sessions.readStreamEvents("s_e", -1)).toBeUndefined();
      });

      // Only where the stored logs can be counted (SQL); memory sweeps its map the same way.
      if (harness.storedStreamLogs) {
        it("deletes expired logs as new ones are written", async () => {
          const store = await open();
          const short = { ended: true, keepMs: 50 };
          for (let n = 0; n < 5; n++) await store.sessions.appendStreamEvents(`s_old${n}`, key, 0, [tick(n)], short);
          await sleep(120);
          // The next write (a window after the last sweep) sweeps: only the live log is left.
          await store.sessions.appendStreamEvents("s_new", key, 0, [tick(9)], short);
          expect(await harness.storedStreamLogs!(store)).toBe(1);
          expect((await store.sessions.readStreamEvents("s_new", -1))?.events).toEqual([tick(9)]);
        });
      }
    });

    describe("workflows", () => {
      it("creates runs once and returns them", async () => {
        const { workflows } = await open();
        expect(await workflows.getRun("0000-none")).toBeUndefined();
        const record = run("11111111-1111-4111-8111-111111111111", { params: TRICKY as never, userId: null });
        expect(await workflows.createRun(record)).toBe(true);
        expect(await workflows.createRun({ ...record, name: "other" })).toBe(false);
        expect(await workflows.getRun(record.workflowUuid)).toEqual(record);
      });

      it("updates with compare-and-set on the status and keeps updatedAt monotonic", async () => {
        const { workflows } = await open();
        const uuid = "22222222-2222-4222-8222-222222222222";
        const future = Date.now() + 60_000;
        await workflows.createRun(run(uuid, { updatedAt: future }));
        expect(await workflows.updateRun(uuid, { status: "running" }, ["initiated"])).toBe(true);
        expect(await workflows.updateRun(uuid, { status: "running" }, ["initiated"])).toBe(false);
        expect(await workflows.updateRun(uuid, { status: "completed", result: "ann:red" })).toBe(true);
        expect(await workflows.updateRun("33333333-0000-4000-8000-000000000000", { status: "failed" })).toBe(false);
        const got = await workflows.getRun(uuid);
        expect(got).toMatchObject({
          status: "completed",
          result: "ann:red",
          name: "ask",
          userId: "u1",
          params: { a: 1 },
        });
        expect(got!.updatedAt).toBe(future);
        expect(await workflows.updateRun(uuid, { userId: null, params: { b: [2] } })).toBe(true);
        expect(await workflows.getRun(uuid)).toMatchObject({ userId: null, params: { b: [2] } });
      });

      it("appends messages in call order and refuses unknown runs", async () => {
        const { workflows } = await open();
        const uuid = "44444444-4444-4444-8444-444444444444";
        await workflows.createRun(run(uuid));
        const frames = ["Hello", TRICKY.zeta, "bye"].map((body) => frame(uuid, body));
        for (const f of frames) await workflows.appendMessage(uuid, f);
        expect(await workflows.listMessages(uuid)).toEqual(frames);
        expect(await workflows.listMessages(uuid, 1)).toEqual(frames.slice(1));
        expect(await workflows.listMessages(uuid, 3)).toEqual([]);
        await expect(workflows.appendMessage("55555555-0000-4000-8000-000000000000", frames[0]!)).rejects.toThrow();
        expect(await workflows.listMessages("55555555-0000-4000-8000-000000000000")).toEqual([]);
      });

      it("records the first answer to each question, withheld ones as null", async () => {
        const { workflows } = await open();
        const uuid = "66666666-0000-4000-8000-000000000001";
        await workflows.createRun(run(uuid, { status: "running" }));
        await workflows.recordAnswer(uuid, "q1", TRICKY.zeta);
        await workflows.recordAnswer(uuid, "q1", "second thoughts");
        await workflows.recordAnswer(uuid, "q2", ["red", "blue"]);
        await workflows.recordAnswer(uuid, "q3", null);
        expect(await workflows.listAnswers(uuid)).toEqual({ q1: TRICKY.zeta, q2: ["red", "blue"], q3: null });
        expect(await workflows.listAnswers("66666666-0000-4000-8000-00000000ffff")).toEqual({});
      });

      it("lets one holder claim a running run until its lease runs out unrenewed", async () => {
        const { workflows } = await open();
        const uuid = "77777777-0000-4000-8000-000000000001";
        await workflows.createRun(run(uuid));
        expect(await workflows.claimRun(uuid, "A", 60_000)).toBe(false);
        await workflows.updateRun(uuid, { status: "running" });
        expect(await workflows.claimRun(uuid, "A", 150)).toBe(true);
        expect(await workflows.claimRun(uuid, "B", 60_000)).toBe(false);
        expect(await workflows.claimRun(uuid, "A", 150)).toBe(true);
        await workflows.renewRuns("A", 60_000);
        await sleep(200);
        expect(await workflows.claimRun(uuid, "B", 150)).toBe(false);
        expect(await workflows.claimRun(uuid, "A", 50)).toBe(true);
        await sleep(100);
        expect(await workflows.claimRun(uuid, "B", 60_000)).toBe(true);
        expect(await workflows.claimRun(uuid, "A", 60_000)).toBe(false);
        await workflows.updateRun(uuid, { status: "completed" });
        expect(await workflows.claimRun(uuid, "B", 60_000)).toBe(false);
        expect(await workflows.claimRun("77777777-0000-4000-8000-00000000ffff", "B", 60_000)).toBe(false);
      });
    });

    describe("dispatch", () => {
      const fast = { visibilityTimeoutMs: 400, backoffMs: 150, maxBackoffMs: 1_000, maxAttempts: 3 };
      const job = (dispatchId: string, input: unknown = { n: 1 }) => ({
        dispatchId,
        agent: "echo",
        id: "i1",
        session: "default",
        input,
      });

      it("accepts a dispatchId once and reports the first acceptance", async () => {
        const { dispatch } = await open();
        const first = await dispatch.enqueue(job("d1", TRICKY));
        expect(first.duplicate).toBe(false);
        expect(Math.abs(first.acceptedAt - Date.now())).toBeLessThan(5_000);
        const again = await dispatch.enqueue(job("d1", { other: true }));
        expect(again).toEqual({ dispatchId: "d1", acceptedAt: first.acceptedAt, duplicate: true });
        expect(await dispatch.get("d1")).toMatchObject({
          dispatchId: "d1",
          input: TRICKY,
          status: "pending",
          attempts: 0,
          acceptedAt: first.acceptedAt,
        });
        expect(await dispatch.get("nope")).toBeUndefined();
        const dated = await dispatch.enqueue({ ...job("d2"), acceptedAt: 1_700_000_000_123 });
        expect(dated.acceptedAt).toBe(1_700_000_000_123);
      });

      it("claims oldest first, one holder per record, and completes under the lease only", async () => {
        const { dispatch } = await open({ dispatch: fast });
        expect(await dispatch.claim()).toBeUndefined();
        await dispatch.enqueue(job("a"));
        await dispatch.enqueue(job("b"));
        const a = await dispatch.claim();
        const b = await dispatch.claim();
        expect([a?.dispatchId, b?.dispatchId]).toEqual(["a", "b"]);
        expect(a).toMatchObject({ status: "running", attempts: 1, maxAttempts: 3 });
        expect(await dispatch.claim()).toBeUndefined();
        expect(await dispatch.complete({ ...a!, lease: "forged" })).toBe(false);
        expect(await dispatch.complete(a!, { answer: 42 })).toBe(true);
        expect(await dispatch.complete(a!)).toBe(false);
        expect(await dispatch.get("a")).toMatchObject({ status: "done", result: { answer: 42 }, attempts: 1 });
      });

      it("gives concurrent claimers distinct records", async () => {
        const { dispatch } = await open();
        for (let n = 0; n < 12; n++) await dispatch.enqueue(job(`c${n}`));
        const claims = await Promise.all(Array.from({ length: 16 }, () => dispatch.claim()));
        const ids = claims.filter((c): c is DispatchClaim => c !== undefined).map((c) => c.dispatchId);
        expect(ids.sort()).toEqual(Array.from({ length: 12 }, (_, n) => `c${n}`).sort());
      });

      it("retries a failure after a backoff, then dead-letters it after the last attempt", async () => {
        const { dispatch } = await open({ dispatch: fast });
        await dispatch.enqueue(job("f"));
        const first = await dispatch.claim();
        expect(await dispatch.fail(first!, "boom 1")).toBe("retry");
        expect(await dispatch.fail(first!, "again")).toBe("lost");
        expect(await dispatch.claim()).toBeUndefined();
        await eventually(async () => (await dispatch.get("f"))!.status === "pending");
        const second = await claimWhenDue(dispatch);
        expect(second).toMatchObject({ attempts: 2, lastError: "boom 1" });
        expect(await dispatch.fail(second!, "boom 2")).toBe("retry");
        const third = await claimWhenDue(dispatch);
        expect(third!.attempts).toBe(3);
        expect(await dispatch.fail(third!, "boom 3")).toBe("dead");
        await sleep(fast.backoffMs * 3);
        expect(await dispatch.claim()).toBeUndefined();
        expect(await dispatch.get("f")).toMatchObject({ status: "dead", attempts: 3, lastError: "boom 3" });
      });

      it("redelivers a claim whose lease ran out, and only the new holder can settle it", async () => {
        const { dispatch } = await open({ dispatch: fast });
        await dispatch.enqueue(job("v"));
        const lost = await dispatch.claim();
        expect(await dispatch.claim()).toBeUndefined();
        await sleep(fast.visibilityTimeoutMs + 100);
        const retaken = await dispatch.claim();
        expect(retaken).toMatchObject({ dispatchId: "v", attempts: 2 });
        expect(retaken!.lease).not.toBe(lost!.lease);
        expect(await dispatch.renew(lost!)).toBe(false);
        expect(await dispatch.complete(lost!)).toBe(false);
        expect(await dispatch.complete(retaken!)).toBe(true);
      });

      it("keeps a renewed claim hidden past the visibility timeout", async () => {
        const { dispatch } = await open({ dispatch: fast });
        await dispatch.enqueue(job("r"));
        const claim = await dispatch.claim();
        for (let n = 0; n < 4; n++) {
          await sleep(fast.visibilityTimeoutMs / 2);
          expect(await dispatch.renew(claim!)).toBe(true);
        }
        expect(await dispatch.claim()).toBeUndefined();
        expect(await dispatch.complete(claim!)).toBe(true);
      });

      it("dead-letters a record whose last attempt's lease ran out", async () => {
        const { dispatch } = await open({ dispatch: { ...fast, maxAttempts: 1 } });
        await dispatch.enqueue(job("x"));
        expect(await dispatch.claim()).toBeDefined();
        await sleep(fast.visibilityTimeoutMs + 100);
        expect(await dispatch.claim()).toBeUndefined();
        expect(await dispatch.get("x")).toMatchObject({ status: "dead", attempts: 1 });
      });

      it("takes a released claim back at once without spending an attempt", async () => {
        const { dispatch } = await open({ dispatch: fast });
        await dispatch.enqueue(job("h"));
        const claim = await dispatch.claim();
        expect(await dispatch.release(claim!)).toBe(true);
        expect(await dispatch.release(claim!)).toBe(false);
        const again = await dispatch.claim();
        expect(again).toMatchObject({ dispatchId: "h", attempts: 1 });
      });

      it("wakes listeners on enqueue", async () => {
        const { dispatch } = await open();
        let woken = 0;
        const stop = await dispatch.onAvailable(() => woken++);
        await dispatch.enqueue(job("w"));
        await eventually(() => woken > 0);
        stop();
      });

      it("wakes a listener for work enqueued right after onAvailable resolves, also under load", async () => {
        const { dispatch } = await open();
        // Busy connections and event loop: the LISTEN must still be in place when onAvailable resolves.
        const load = Array.from({ length: 40 }, (_, n) => dispatch.get(`load-${n}`));
        for (let round = 0; round < 5; round++) {
          let woken = false;
          const stop = await dispatch.onAvailable(() => {
            woken = true;
          });
          await dispatch.enqueue(job(`race-${round}`));
          await eventually(() => woken);
          stop();
        }
        await Promise.all(load);
      });

      it("runs every record once through a worker, retrying failures", async () => {
        const { dispatch } = await open({ dispatch: fast });
        const seen = new Map<string, number>();
        let failedOnce = false;
        const worker = startDispatchWorker(
          dispatch,
          async (claim) => {
            seen.set(claim.dispatchId, (seen.get(claim.dispatchId) ?? 0) + 1);
            if (claim.dispatchId === "k3" && !failedOnce) {
              failedOnce = true;
              throw new Error("transient");
            }
            return { ok: claim.dispatchId };
          },
          { concurrency: 3, pollIntervalMs: 50 },
        );
        try {
          for (let n = 0; n < 6; n++) await dispatch.enqueue(job(`k${n}`));
          await eventually(async () => {
            const records = await Promise.all(Array.from({ length: 6 }, (_, n) => dispatch.get(`k${n}`)));
            return records.every((r) => r?.status === "done");
          });
        } finally {
          await worker.stop();
        }
        expect([...seen.entries()].sort()).toEqual([
          ["k0", 1],
          ["k1", 1],
          ["k2", 1],
          ["k3", 2],
          ["k4", 1],
          ["k5", 1],
        ]);
        expect(await dispatch.get("k3")).toMatchObject({ attempts: 2, result: { ok: "k3" }, lastError: "transient" });
      });

      if (harness.atomicDispatchAppend) {
        it("completes a dispatch in the transaction that appends its turn, and appends it once", async () => {
          const { dispatch, sessions } = await open({ dispatch: fast });
          const key = { agent: "echo", id: "i1", session: "default" };
          await dispatch.enqueue(job("atomic"));
          const claim = (await dispatch.claim())!;
          await activeDispatch.run(claim, () => sessions.append(key, [userMessage("turn")]));
          expect(await dispatch.get("atomic")).toMatchObject({ status: "done" });
          // A second delivery (say its lease had run out) finishes the same work: nothing is added.
          await activeDispatch.run(claim, () => sessions.append(key, [userMessage("turn again")]));
          expect(await sessions.load(key)).toEqual([userMessage("turn")]);
          // Appends elsewhere are not tied to the dispatch.
          await activeDispatch.run(claim, () => sessions.append({ ...key, session: "s2" }, [userMessage("x")]));
          expect(await sessions.load({ ...key, session: "s2" })).toEqual([userMessage("x")]);
        });
      }
    });

    describe("bus", () => {
      it("delivers copies of published messages to the topic's subscribers until they leave", async () => {
        const { bus } = await open();
        const got: unknown[] = [];
        const other: unknown[] = [];
        const stop = await bus.subscribe("responses:r1", (m) => got.push(m));
        const stopOther = await bus.subscribe("responses:r2", (m) => other.push(m));
        const message = { type: "delta", n: 1, tricky: TRICKY };
        await bus.publish("responses:r1", message);
        message.n = 2;
        await bus.publish("responses:r1", "second");
        await eventually(() => got.length === 2);
        expect(got).toEqual([{ type: "delta", n: 1, tricky: TRICKY }, "second"]);
        stop();
        await bus.publish("responses:r1", "after");
        await sleep(50);
        expect(got).toHaveLength(2);
        expect(other).toEqual([]);
        stopOther();
      });

      it("carries messages larger than a NOTIFY payload", async () => {
        const { bus } = await open();
        const got: unknown[] = [];
        await bus.subscribe("big", (m) => got.push(m));
        const big = { text: "x".repeat(20_000), tail: "ü" };
        await bus.publish("big", big);
        await eventually(() => got.length === 1);
        expect(got[0]).toEqual(big);
      });
    });

    if (!harness.peer) return;
    describe("shared by several stores (processes, for a server)", () => {
      it("delivers bus messages to subscribers in another process, in order, large ones included", async () => {
        const a = await open();
        const b = await peer(a);
        const got: unknown[] = [];
        await b.bus.subscribe("workflows:w1", (m) => got.push(m));
        await a.bus.publish("workflows:w1", { n: 1 });
        await a.bus.publish("workflows:w1", { n: 2, big: "y".repeat(10_000) });
        await a.bus.publish("workflows:w1", { n: 3 });
        await eventually(() => got.length === 3);
        expect(got.map((m) => (m as { n: number }).n)).toEqual([1, 2, 3]);
      });

      it("reads in one process the stream log another one writes", async () => {
        const a = await open();
        const b = await peer(a);
        const key = { agent: "slow", id: "shared", session: "default" };
        await a.sessions.appendStreamEvents("s_shared", key, 0, [tick(1), tick(2)], { ended: false, keepMs: 60_000 });
        expect(await b.sessions.readStreamEvents("s_shared", 0)).toEqual({
          key,
          events: [tick(2)],
          length: 2,
          ended: false,
          abandoned: false,
        });
        await a.sessions.appendStreamEvents("s_shared", key, 2, [{ type: "idle" } as AgentEvent], {
          ended: true,
          keepMs: 60_000,
        });
        expect(await b.sessions.readStreamEvents("s_shared", 1)).toMatchObject({
          events: [{ type: "idle" }],
          ended: true,
        });
      });

      it("delivers every one of many messages published at once, in publishing order per topic", async () => {
        const a = await open();
        const b = await peer(a);
        const got: Record<string, number[]> = { "t:x": [], "t:y": [], "t:z": [] };
        for (const topic of Object.keys(got))
          await b.bus.subscribe(topic, (m) => got[topic]!.push((m as { n: number }).n));
        // Published together they share NOTIFYs; a payload holds ~7 kB, so 300 of them take several.
        const sent = Array.from({ length: 300 }, (_, n) => ({ topic: ["t:x", "t:y", "t:z"][n % 3]!, n }));
        await Promise.all(sent.map(({ topic, n }) => a.bus.publish(topic, { n, pad: "p".repeat(60) })));
        await a.bus.publish("t:x", { n: 300, big: "y".repeat(10_000) });
        await eventually(() => got["t:x"]!.length + got["t:y"]!.length + got["t:z"]!.length === 301);
        expect(got["t:x"]).toEqual([...sent.filter((m) => m.topic === "t:x").map((m) => m.n), 300]);
        expect(got["t:y"]).toEqual(sent.filter((m) => m.topic === "t:y").map((m) => m.n));
        expect(got["t:z"]).toEqual(sent.filter((m) => m.topic === "t:z").map((m) => m.n));
      });

      it("holds a session lock against another process and hands it over on release", async () => {
        const a = await open();
        const b = await peer(a);
        const key = { agent: "echo", id: "shared", session: "default" };
        const held = await a.sessions.lock(key, { wait: false });
        expect(held).toBeDefined();
        expect(await b.sessions.lock(key, { wait: false })).toBeUndefined();
        let taken = false;
        const waiting = b.sessions.lock(key, { wait: true }).then((lock) => {
          taken = true;
          return lock!;
        });
        await sleep(100);
        expect(taken).toBe(false);
        await held!.release();
        const lock = await waiting;
        expect(await a.sessions.lock(key, { wait: false })).toBeUndefined();
        await lock.release();
      });

      it("reports a stream log abandoned once its writer's process went away, until it is ended", async () => {
        const a = await open();
        const b = await peer(a);
        const key: SessionKey = { agent: "slow", id: "crash", session: "s" };
        const keep = { ended: false, keepMs: 60_000 };
        await b.sessions.appendStreamEvents("s_dies", key, 0, [tick(1)], keep);
        await b.sessions.appendStreamEvents("s_ends", key, 0, [tick(1)], { ended: true, keepMs: 60_000 });
        expect(await a.sessions.readStreamEvents("s_dies", -1)).toMatchObject({ ended: false, abandoned: false });
        await b.close();
        await eventually(async () => (await a.sessions.readStreamEvents("s_dies", -1))?.abandoned === true);
        expect(await a.sessions.readStreamEvents("s_ends", -1)).toMatchObject({ ended: true, abandoned: false });
        // Whoever ends it for the dead writer makes it an ordinary ended log.
        await a.sessions.appendStreamEvents("s_dies", key, 1, [tick(1)], { ended: true, keepMs: 60_000 });
        expect(await a.sessions.readStreamEvents("s_dies", -1)).toMatchObject({
          length: 2,
          ended: true,
          abandoned: false,
        });
      });

      it("lets exactly one process take over an unfinished response once its process went away", async () => {
        const a = await open();
        const b = await peer(a);
        const c = await peer(a);
        await b.responses.putResponse(response("resp_orphan", { status: "queued" }));
        await b.responses.putResponse(response("resp_orphan", { status: "in_progress" }));
        await b.responses.putResponse(response("resp_finished", { status: "in_progress" }));
        await b.responses.putResponse(response("resp_finished", { status: "failed" }));
        // Its process is alive: nobody may conclude it.
        expect(await a.responses.takeOver("resp_orphan")).toBe(false);
        await b.close();
        let winners: boolean[] = [];
        await eventually(async () => {
          winners = await Promise.all([a.responses.takeOver("resp_orphan"), c.responses.takeOver("resp_orphan")]);
          return winners.includes(true);
        });
        expect(winners.filter(Boolean)).toHaveLength(1);
        // The winner now holds it, alive: no further takeover, by anyone.
        expect(await a.responses.takeOver("resp_orphan")).toBe(false);
        expect(await c.responses.takeOver("resp_orphan")).toBe(false);
        expect(await a.responses.takeOver("resp_finished")).toBe(false);
        // A response the winner put back unfinished is its own again; finished, it has no owner.
        const winner = winners[0] ? a : c;
        await winner.responses.putResponse(response("resp_orphan", { status: "cancelled" }));
        expect(await a.responses.takeOver("resp_orphan")).toBe(false);
        expect((await c.responses.getResponse("resp_orphan"))?.status).toBe("cancelled");
      });

      it("records as owner the process whose appendEvents last wrote the response unfinished", async () => {
        const a = await open();
        const b = await peer(a);
        await a.responses.putResponse(response("resp_moved", { status: "in_progress" }));
        await a.responses.putResponse(response("resp_ended", { status: "in_progress" }));
        // b's milestone writes make it the owner of one and leave the other finished, without owner.
        await b.responses.appendEvents(
          "resp_moved",
          [delta(0, "b")],
          response("resp_moved", { status: "in_progress", metadata: { by: "b" } }),
        );
        await b.responses.appendEvents("resp_ended", [delta(0, "b")], response("resp_ended", { status: "completed" }));
        expect(await a.responses.takeOver("resp_moved")).toBe(false);
        await b.close();
        await eventually(() => a.responses.takeOver("resp_moved"));
        expect(await a.responses.takeOver("resp_ended")).toBe(false);
        expect((await a.responses.getResponse("resp_ended"))?.status).toBe("completed");
      });

      it("releases the locks of a process that goes away", async () => {
        const a = await open();
        const b = await peer(a);
        const key = { agent: "echo", id: "crash", session: "default" };
        expect(await b.sessions.lock(key, { wait: false })).toBeDefined();
        expect(await a.sessions.lock(key, { wait: false })).toBeUndefined();
        await b.close();
        const lock = await a.sessions.lock(key, { wait: false });
        expect(lock).toBeDefined();
        await lock!.release();
      });

      it("takes over at once the claims of a store that went away, with the attempt counted", async () => {
        const slow = { visibilityTimeoutMs: 60_000 };
        const a = await open({ dispatch: slow });
        const b = await peer(a, { dispatch: slow });
        await a.dispatch.enqueue({ dispatchId: "orphan", agent: "e", id: "i", session: "s", input: null });
        const lost = await b.dispatch.claim();
        expect(lost).toMatchObject({ dispatchId: "orphan", attempts: 1 });
        expect(await a.dispatch.claim()).toBeUndefined();
        await b.close();
        const taken = await a.dispatch.claim();
        expect(taken).toMatchObject({ dispatchId: "orphan", attempts: 2 });
        expect(await a.dispatch.complete(taken!)).toBe(true);
      });

      it("hands over at once the workflow runs of a store that went away", async () => {
        const a = await open();
        const b = await peer(a);
        const uuid = "88888888-0000-4000-8000-000000000001";
        await a.workflows.createRun(run(uuid, { status: "running" }));
        expect(await b.workflows.claimRun(uuid, "B", 60_000)).toBe(true);
        expect(await a.workflows.claimRun(uuid, "A", 60_000)).toBe(false);
        await b.close();
        expect(await a.workflows.claimRun(uuid, "A", 60_000)).toBe(true);
      });

      it("shares data and dispatch records: each record is claimed by one process", async () => {
        const a = await open();
        const b = await peer(a);
        await a.responses.putResponse(response("resp_shared"));
        expect(await b.responses.getResponse("resp_shared")).toEqual(response("resp_shared"));
        let woken = false;
        await b.dispatch.onAvailable(() => {
          woken = true;
        });
        for (let n = 0; n < 10; n++)
          await a.dispatch.enqueue({ dispatchId: `s${n}`, agent: "e", id: "i", session: "s", input: n });
        await eventually(() => woken);
        const claims = await Promise.all(Array.from({ length: 12 }, (_, n) => (n % 2 ? a : b).dispatch.claim()));
        const ids = claims.filter((c) => c !== undefined).map((c) => c!.dispatchId);
        expect(ids.sort()).toEqual(Array.from({ length: 10 }, (_, n) => `s${n}`).sort());
      });
    });
  });
}
