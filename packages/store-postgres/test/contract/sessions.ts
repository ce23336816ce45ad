// The store contract's session part: per-session histories and session locks.
import type { SessionKey } from "@switchboard/core";
import { describe, expect, it } from "vitest";
import { type ContractContext, sleep, TRICKY, userMessage } from "./fixtures.js";

export function sessionsContract({ open }: ContractContext): void {
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
}
