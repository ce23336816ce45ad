import { describe, expect, it } from "vitest";
import { memoryBus } from "../src/store/bus.js";
import { Wakeup } from "../src/store/wakeup.js";
import { followLog, type LogRead } from "../src/streaming/follow-log.js";
import { withHeartbeat } from "../src/streaming/heartbeat.js";

/** A promise and the function that settles it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe("withHeartbeat", () => {
  it("sends keep-alive comments while the source is quiet, then its frames in order, then ends", async () => {
    const first = gate();
    let returned = false;
    async function* source() {
      try {
        await first.opened;
        yield "data: 1\n\n";
        yield "data: 2\n\n";
      } finally {
        returned = true;
      }
    }
    const stream = withHeartbeat(source(), 1)[Symbol.asyncIterator]();
    // The source waits for `first`, which only opens once a keep-alive has been seen.
    expect(await stream.next()).toEqual({ value: ": keep-alive\n\n", done: false });
    first.open();
    const rest: string[] = [];
    for (let step = await stream.next(); !step.done; step = await stream.next()) rest.push(step.value);
    expect(rest.filter((frame) => !frame.startsWith(":"))).toEqual(["data: 1\n\n", "data: 2\n\n"]);
    expect(returned).toBe(true);
  });

  it("passes a busy source through without keep-alives and stops the source when the reader stops", async () => {
    let returned = false;
    async function* source() {
      try {
        for (let i = 0; ; i++) yield `data: ${i}\n\n`;
      } finally {
        returned = true;
      }
    }
    const seen: string[] = [];
    for await (const frame of withHeartbeat(source(), 60_000)) {
      seen.push(frame);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(["data: 0\n\n", "data: 1\n\n", "data: 2\n\n"]);
    expect(returned).toBe(true);
  });

  it("keeps waiting for the same frame across several keep-alives, and sends none while the reader is busy", async () => {
    const first = gate();
    let nexts = 0;
    const source = {
      [Symbol.asyncIterator]: () => ({
        next: async (): Promise<IteratorResult<string>> => {
          nexts++;
          if (nexts === 1) {
            await first.opened;
            return { value: "data: 1\n\n", done: false };
          }
          return { value: undefined, done: true };
        },
      }),
    };
    const stream = withHeartbeat(source, 1)[Symbol.asyncIterator]();
    for (let beat = 0; beat < 3; beat++)
      expect(await stream.next()).toEqual({ value: ": keep-alive\n\n", done: false });
    // Three quiet periods, one request for the source's next frame.
    expect(nexts).toBe(1);
    first.open();
    expect(await stream.next()).toEqual({ value: "data: 1\n\n", done: false });
    // The reader takes its time: the timer fires with nobody waiting, and no keep-alive is queued.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it("passes the source's failure on", async () => {
    async function* source(): AsyncGenerator<string> {
      yield "data: 1\n\n";
      throw new Error("broken source");
    }
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const frame of withHeartbeat(source(), 60_000)) seen.push(frame);
      })(),
    ).rejects.toThrow("broken source");
    expect(seen).toEqual(["data: 1\n\n"]);
  });
});

describe("followLog", () => {
  it("reads until the log is done, waking on the bus topic, and unsubscribes at the end", async () => {
    const bus = memoryBus();
    const log: number[] = [1, 2];
    let cursor = 0;
    let reads = 0;
    const read = async (): Promise<LogRead<number>> => {
      reads++;
      const items = log.slice(cursor);
      cursor = log.length;
      return { items, done: items.includes(99) };
    };
    const batches: number[][] = [];
    // A long poll: only the bus can wake the follower in time.
    for await (const batch of followLog({
      wakeOn: { bus, topic: "t" },
      signal: new AbortController().signal,
      pollMs: 60_000,
      read,
    })) {
      batches.push(batch);
      if (batches.length === 1) {
        log.push(3);
        await bus.publish("t", {});
      } else if (batches.length === 2) {
        log.push(4, 99);
        await bus.publish("t", {});
      }
    }
    expect(batches).toEqual([[1, 2], [3], [4, 99]]);
    expect(reads).toBe(3);
    // Unsubscribed: a publish now reaches nobody (and fails nothing).
    await bus.publish("t", {});
    await bus.close?.();
  });

  it("reads again at once when asked, waits first when asked, and stops when the signal aborts", async () => {
    const wakeup = new Wakeup();
    const stop = new AbortController();
    const answers: Array<LogRead<string>> = [{ items: ["a"], again: true }, { items: ["b"] }];
    const batches: string[][] = [];
    const follow = followLog({
      wakeOn: wakeup,
      signal: stop.signal,
      pollMs: 60_000,
      waitFirst: true,
      read: async () => answers.shift() ?? { items: [] },
    });
    const reading = (async () => {
      for await (const batch of follow) {
        batches.push(batch);
        // After "b" (read without a wake-up thanks to `again`), the follower waits again: stop it.
        if (batch.includes("b")) stop.abort();
      }
    })();
    // waitFirst: nothing is read before a wake-up (a notification before the wait is kept for it).
    expect(batches).toEqual([]);
    wakeup.notify();
    await reading;
    expect(batches).toEqual([["a"], ["b"]]);
  });
});
