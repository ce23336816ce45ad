// The in-memory session store: appending and loading copies, session locks.
import { describe, expect, it } from "vitest";
import { memorySessionStore } from "../src/store/memory-sessions.js";

describe("memory session store", () => {
  const key = { agent: "a", id: "i", session: "s" };

  it("appends and loads copies", async () => {
    const store = memorySessionStore();
    const message = { role: "user" as const, content: "hi" };
    await store.append(key, [message]);
    message.content = "changed";
    const loaded = await store.load(key);
    expect(loaded).toEqual([{ role: "user", content: "hi" }]);
    loaded.push({ role: "user", content: "local" });
    expect(await store.load(key)).toHaveLength(1);
    expect(await store.load({ ...key, session: "other" })).toEqual([]);
  });

  it("locks one holder at a time, hands over in order, and stops waiting on abort", async () => {
    const store = memorySessionStore();
    const first = await store.lock(key, { wait: false });
    expect(first).toBeDefined();
    expect(await store.lock(key, { wait: false })).toBeUndefined();
    expect(await store.lock({ ...key, id: "other" }, { wait: false })).toBeDefined();

    const order: string[] = [];
    const second = store.lock(key, { wait: true }).then((lock) => {
      order.push("second");
      return lock!;
    });
    const gaveUp = new AbortController();
    const abandoned = store.lock(key, { wait: true, signal: gaveUp.signal });
    const third = store.lock(key, { wait: true }).then((lock) => {
      order.push("third");
      return lock!;
    });
    gaveUp.abort(new Error("gave up"));
    await expect(abandoned).rejects.toThrow("gave up");
    await first!.release();
    await first!.release();
    (await second).release();
    await (await third).release();
    expect(order).toEqual(["second", "third"]);
    expect(await store.lock(key, { wait: false })).toBeDefined();
  });
});
