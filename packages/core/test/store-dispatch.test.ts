import { describe, expect, it } from "vitest";
import type { DispatchJob } from "../src/protocols/agents/dispatch.js";
import { memoryDispatchStore } from "../src/protocols/agents/dispatch-memory.js";
import type { DispatchClaim } from "../src/protocols/agents/dispatch-store.js";
import { activeDispatch, dispatchQueueFrom, startDispatchWorker } from "../src/protocols/agents/dispatch-worker.js";
import { memoryBus } from "../src/store/bus.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await sleep(10);
  }
}

const request = (dispatchId: string) => ({ dispatchId, agent: "echo", id: "i", session: "s", input: dispatchId });

describe("startDispatchWorker", () => {
  it("runs at most `concurrency` claims at once", async () => {
    const store = memoryDispatchStore();
    let running = 0;
    let peak = 0;
    const worker = startDispatchWorker(
      store,
      async () => {
        running++;
        peak = Math.max(peak, running);
        await sleep(30);
        running--;
      },
      { concurrency: 2, pollIntervalMs: 20 },
    );
    for (let n = 0; n < 6; n++) await store.enqueue(request(`c${n}`));
    await until(async () =>
      (await Promise.all([0, 1, 2, 3, 4, 5].map((n) => store.get(`c${n}`)))).every((r) => r?.status === "done"),
    );
    await worker.stop();
    expect(peak).toBe(2);
  });

  it("hands running claims back untouched when stopped, aborting their handlers", async () => {
    const store = memoryDispatchStore();
    let signal: AbortSignal | undefined;
    const worker = startDispatchWorker(
      store,
      (_claim, s) => {
        signal = s;
        return new Promise((_resolve, reject) => s.addEventListener("abort", () => reject(s.reason), { once: true }));
      },
      { pollIntervalMs: 20 },
    );
    await store.enqueue(request("held"));
    await until(() => signal !== undefined);
    await worker.stop();
    expect(signal!.aborted).toBe(true);
    expect(await store.get("held")).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("treats an AbortError from the handler as an interruption, not a failed attempt", async () => {
    const store = memoryDispatchStore();
    let calls = 0;
    const worker = startDispatchWorker(
      store,
      async () => {
        calls++;
        if (calls === 1) throw new DOMException("shutting down", "AbortError");
        return "ok";
      },
      { pollIntervalMs: 20 },
    );
    await store.enqueue(request("interrupted"));
    await until(async () => (await store.get("interrupted"))?.status === "done");
    await worker.stop();
    expect(await store.get("interrupted")).toMatchObject({ attempts: 1, result: "ok" });
    expect((await store.get("interrupted"))?.lastError).toBeUndefined();
  });

  it("aborts a handler whose lease another worker took over, without failing the record", async () => {
    const store = memoryDispatchStore({ visibilityTimeoutMs: 40 });
    const signals: AbortSignal[] = [];
    const worker = startDispatchWorker(
      store,
      (_claim, signal) => {
        signals.push(signal);
        return new Promise((_resolve, reject) =>
          signal.addEventListener("abort", () => reject(signal.reason), { once: true }),
        );
      },
      { pollIntervalMs: 5_000, renewIntervalMs: 150 },
    );
    await store.enqueue(request("stolen"));
    await until(() => signals.length === 1);
    await sleep(60);
    expect(await store.claim()).toMatchObject({ dispatchId: "stolen", attempts: 2 });
    await until(() => signals[0]!.aborted);
    await worker.stop();
    expect((await store.get("stolen"))?.lastError).toBeUndefined();
  });
});

describe("dispatchQueueFrom", () => {
  it("admits jobs once, delivers them with the claim active, and retries a rejected job", async () => {
    const store = memoryDispatchStore({ backoffMs: 10 });
    const queue = dispatchQueueFrom(store, { pollIntervalMs: 20 });
    const delivered: Array<{ job: DispatchJob; claim: DispatchClaim | undefined }> = [];
    queue.start(async (job) => {
      delivered.push({ job, claim: activeDispatch.getStore() });
      if (delivered.length === 1) throw new Error("first attempt fails");
    });
    const job: DispatchJob = { ...request("q1"), acceptedAt: "2026-01-02T03:04:05.678Z" };
    expect(await queue.enqueue(job)).toEqual({ acceptedAt: "2026-01-02T03:04:05.678Z" });
    expect(await queue.enqueue({ ...job, acceptedAt: new Date().toISOString() })).toEqual({
      acceptedAt: "2026-01-02T03:04:05.678Z",
    });
    await until(async () => (await store.get("q1"))?.status === "done");
    await queue.close();
    expect(delivered).toHaveLength(2);
    expect(delivered[1]!.job).toEqual(job);
    expect(delivered[1]!.claim).toMatchObject({ dispatchId: "q1", attempts: 2, status: "running" });
    expect(await store.get("q1")).toMatchObject({ lastError: "first attempt fails" });
  });
});

describe("memoryBus", () => {
  it("counts one function subscribed twice as two subscriptions, each ended on its own", async () => {
    const bus = memoryBus();
    const got: unknown[] = [];
    const listener = (message: unknown) => got.push(message);
    const first = await bus.subscribe("t", listener);
    await bus.subscribe("t", listener);
    await bus.publish("t", 1);
    first();
    first();
    await bus.publish("t", 2);
    expect(got).toEqual([1, 1, 2]);
  });

  it("keeps delivering to the others when a listener throws", async () => {
    const bus = memoryBus();
    const got: unknown[] = [];
    await bus.subscribe("t", () => {
      throw new Error("listener bug");
    });
    await bus.subscribe("t", (message) => got.push(message));
    const errors = console.error;
    console.error = () => {};
    try {
      await bus.publish("t", "still delivered");
    } finally {
      console.error = errors;
    }
    expect(got).toEqual(["still delivered"]);
  });
});
