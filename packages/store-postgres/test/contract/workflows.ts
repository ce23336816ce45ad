// The store contract's workflow part: runs, their messages and answers, and run leases.
import { describe, expect, it } from "vitest";
import { type ContractContext, frame, run, sleep, TRICKY } from "./fixtures.js";

export function workflowsContract({ open }: ContractContext): void {
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
}
