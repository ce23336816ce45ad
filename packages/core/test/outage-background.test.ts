/** A store outage met by work outside a request's own path (a prompt saving its history) is logged as the outage, once. */
import { describe, expect, it } from "vitest";
import type { SwitchboardLogger } from "../src/observability/logger.js";
import { StoreUnavailableError } from "../src/store/errors.js";
import { memorySessionStore } from "../src/store/memory-sessions.js";
import { app, parse, request } from "./agents-setup.js";

describe("a store outage seen by a running prompt", () => {
  it("answers service_unavailable, logs one outage line and no unexpected error, and tells no onError hook", async () => {
    const lines: Array<{ level: string; message: string }> = [];
    const at = (level: string) => (first: unknown, second?: unknown) =>
      lines.push({ level, message: String(typeof first === "string" ? first : second) });
    const logger: SwitchboardLogger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
    const hooked: unknown[] = [];
    const sessions = memorySessionStore();
    // The history loads, then the store goes away before the answer is saved.
    const failing = {
      ...sessions,
      append: async () => {
        throw new StoreUnavailableError("the store went away");
      },
    };
    const sb = app({ sessions: failing }, { logger, onError: (error) => hooked.push(error) });
    try {
      for (const id of ["a", "b"]) {
        const answer = await sb.handle(request("POST", `/agents/echo/${id}`, { body: { message: "hello" } }));
        expect(answer?.status).toBe(503);
        expect(parse(answer).error.type).toBe("service_unavailable");
      }
      const errors = lines.filter((line) => line.level === "error");
      expect(errors.map((line) => line.message)).toEqual(["store unreachable: answering 503 until it is back"]);
      expect(hooked).toEqual([]);
    } finally {
      await sb.close();
    }
  });
});
