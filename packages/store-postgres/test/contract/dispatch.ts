// The store contract's dispatch part: durable jobs, claims and leases, retries, the worker.
import { activeDispatch, type DispatchClaim, startDispatchWorker } from "@switchboard/core";
import { describe, expect, it } from "vitest";
import { type ContractContext, claimWhenDue, eventually, sleep, TRICKY, userMessage } from "./fixtures.js";

export function dispatchContract({ open, harness }: ContractContext): void {
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
}
