// The store contract's stream-log part: agent event logs that readers resume, and their expiry.
import type { SessionKey } from "@switchboard/core";
import { describe, expect, it } from "vitest";
import { type AgentEvent, type ContractContext, sleep, TRICKY, tick } from "./fixtures.js";

export function streamLogsContract({ open, harness }: ContractContext): void {
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
}
