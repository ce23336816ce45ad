// The store contract's bus part: publish/subscribe within one store.
import { describe, expect, it } from "vitest";
import { type ContractContext, eventually, sleep, TRICKY } from "./fixtures.js";

export function busContract({ open }: ContractContext): void {
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
}
