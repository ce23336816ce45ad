/** `lastingSubscription`: a process-long bus subscription survives a store that is down when it is made. */
import { describe, expect, it, vi } from "vitest";
import type { SwitchboardLogger } from "../src/observability/logger.js";
import { type EventBus, lastingSubscription, memoryBus } from "../src/store/bus.js";
import { StoreUnavailableError } from "../src/store/errors.js";

/** A real in-memory bus whose first `failures` subscriptions fail with `error`. */
function failingFirst(failures: number, error: () => Error): { bus: EventBus; attempts: () => number } {
  const inner = memoryBus();
  let attempts = 0;
  return {
    bus: {
      publish: (topic, message) => inner.publish(topic, message),
      async subscribe(topic, listener) {
        attempts++;
        if (attempts <= failures) throw error();
        return inner.subscribe(topic, listener);
      },
    },
    attempts: () => attempts,
  };
}

function recordingLogger() {
  const lines: Array<{ level: string; message: string }> = [];
  const at = (level: string) => (first: unknown, second?: unknown) =>
    lines.push({ level, message: String(typeof first === "string" ? first : second) });
  const logger: SwitchboardLogger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, lines };
}

describe("lastingSubscription", () => {
  it("tries again while the store is unreachable, warns once, then delivers", async () => {
    const { bus, attempts } = failingFirst(2, () => new StoreUnavailableError());
    const { logger, lines } = recordingLogger();
    const got: unknown[] = [];
    const closing = new AbortController();
    const unsubscribe = await lastingSubscription(() => bus.subscribe("t", (message) => got.push(message)), {
      closing: closing.signal,
      logger,
      what: "agents",
    });
    expect(attempts()).toBe(3);
    expect(lines.filter((line) => line.level === "warn")).toHaveLength(1);
    expect(lines.filter((line) => line.level === "error")).toHaveLength(0);
    await bus.publish("t", "after the store came back");
    expect(got).toEqual(["after the store came back"]);
    unsubscribe?.();
    await bus.publish("t", "after unsubscribing");
    expect(got).toHaveLength(1);
  });

  it("gives up on a failure that is not the store being unreachable, and logs it as an error", async () => {
    const { bus, attempts } = failingFirst(1, () => new TypeError("a bug"));
    const { logger, lines } = recordingLogger();
    const result = await lastingSubscription(() => bus.subscribe("t", () => {}), {
      closing: new AbortController().signal,
      logger,
      what: "agents",
    });
    expect(result).toBeUndefined();
    expect(attempts()).toBe(1);
    expect(lines).toEqual([{ level: "error", message: "agents: bus subscription failed" }]);
  });

  it("stops trying once the process closes", async () => {
    const { bus, attempts } = failingFirst(Number.POSITIVE_INFINITY, () => new StoreUnavailableError());
    const { logger } = recordingLogger();
    const closing = new AbortController();
    const pending = lastingSubscription(() => bus.subscribe("t", () => {}), {
      closing: closing.signal,
      logger,
      what: "agents",
    });
    await vi.waitFor(() => expect(attempts()).toBeGreaterThanOrEqual(1));
    closing.abort();
    expect(await pending).toBeUndefined();
    const after = attempts();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(attempts()).toBe(after);
  });
});
