import { threadId } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { isAbortError } from "../src/runtime/model/abort.js";
import { defineTool, ToolDefinitionError, toolSpec, validateToolArguments } from "../src/runtime/tools/define.js";
import { executeTool, toolResultContent } from "../src/runtime/tools/execute.js";
import type { Tool, ToolContext } from "../src/runtime/tools/types.js";
import { workerTool } from "../src/runtime/tools/worker.js";

const FIXTURE = new URL("./tools-worker-fixture.mjs", import.meta.url);
const ctx = (signal = new AbortController().signal): ToolContext => ({ signal });

const add = defineTool<{ a: number; b: number }, number>({
  name: "add",
  description: "Adds two numbers",
  parameters: {
    type: "object",
    properties: { a: { type: "number" }, b: { type: "number" } },
    required: ["a", "b"],
    additionalProperties: false,
  },
  execute: ({ a, b }) => a + b,
});

describe("defineTool", () => {
  it("runs sync and async tools on valid arguments", async () => {
    expect(await executeTool(add, '{"a":2,"b":3}', ctx())).toMatchObject({ isError: false, result: 5 });
    const later = defineTool({
      name: "later",
      parameters: { type: "object" },
      execute: async () => ({ done: true }),
    });
    expect(await executeTool(later, "", ctx())).toMatchObject({ isError: false, result: { done: true } });
  });

  it("answers invalid arguments with an error result naming the fields, without executing", async () => {
    let executed = false;
    const tool = defineTool({
      name: "book",
      parameters: {
        type: "object",
        properties: {
          when: { type: "string", format: "date-time" },
          guests: { type: "array", items: { type: "object", properties: { age: { type: "integer" } } } },
        },
        required: ["when", "room"],
        additionalProperties: false,
      },
      execute: () => {
        executed = true;
      },
    });
    const outcome = await executeTool(tool, '{"when":"tomorrow","guests":[{"age":"old"}],"extra":1}', ctx());
    expect(outcome.isError).toBe(true);
    expect(outcome.result).toBe(
      'Invalid arguments for tool book: room is required; extra is not allowed; when must match format "date-time"; guests[0].age must be integer',
    );
    expect(executed).toBe(false);
  });

  it("reports malformed JSON and thrown errors as error results", async () => {
    expect(await executeTool(add, '{"a":', ctx())).toMatchObject({
      isError: true,
      result: expect.stringContaining("not valid JSON"),
    });
    const failing = defineTool({
      name: "failing",
      parameters: { type: "object" },
      execute: () => {
        throw new Error("disk full");
      },
    });
    const outcome = await executeTool(failing, "{}", ctx());
    expect(outcome).toMatchObject({ isError: true, result: "Tool failing failed: disk full" });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("rejects bad names and schemas when the tool is defined", () => {
    expect(() => defineTool({ name: "has space", parameters: {}, execute: () => 1 })).toThrow(ToolDefinitionError);
    expect(() =>
      defineTool({
        name: "bad_schema",
        parameters: { type: "object", properties: { x: { type: 12 } } },
        execute: () => 1,
      }),
    ).toThrow(/bad_schema: invalid parameters schema/);
  });

  it("accepts draft-07 schemas that declare their dialect", async () => {
    const tool = defineTool({
      name: "legacy",
      parameters: {
        $schema: "http://json-schema.org/draft-07/schema#",
        type: "object",
        properties: { q: { type: "string" } },
        required: ["q"],
      },
      execute: ({ q }) => q,
    });
    expect(validateToolArguments(tool, {})).toEqual({ ok: false, message: "q is required" });
    expect(await executeTool(tool, '{"q":"x"}', ctx())).toMatchObject({ isError: false, result: "x" });
  });

  it("validates plain Tool objects too, compiling their schema on first use", async () => {
    const plain: Tool = {
      name: "plain",
      parameters: { type: "object", properties: { n: { type: "number" } }, required: ["n"] },
      execute: (args) => args.n,
    };
    expect(await executeTool(plain, "{}", ctx())).toMatchObject({
      isError: true,
      result: "Invalid arguments for tool plain: n is required",
    });
  });

  it("stops waiting for a tool that ignores the signal when the run is aborted", async () => {
    const stuck = defineTool({ name: "stuck", parameters: { type: "object" }, execute: () => new Promise(() => {}) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await expect(executeTool(stuck, "{}", ctx(controller.signal))).rejects.toSatisfy(isAbortError);
  });

  it("describes itself to a model and renders results as text", () => {
    expect(toolSpec(add)).toEqual({ name: "add", description: "Adds two numbers", parameters: add.parameters });
    expect(toolResultContent("plain")).toBe("plain");
    expect(toolResultContent({ a: [1] })).toBe('{"a":[1]}');
    expect(toolResultContent(undefined)).toBe("");
  });
});

describe("workerTool", () => {
  const busy = workerTool({
    name: "busy",
    parameters: { type: "object", properties: { ms: { type: "integer" } }, required: ["ms"] },
    module: FIXTURE,
    exportName: "busyFor",
  });

  it("runs CPU-bound work off the event loop", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const outcome = await executeTool(busy, '{"ms":300}', ctx());
      expect(outcome.isError).toBe(false);
      const result = outcome.result as { spins: number; threadId: number };
      expect(result.spins).toBeGreaterThan(0);
      expect(result.threadId).not.toBe(threadId);
      // Blocked for 300 ms the interval could not have fired at all; free, it fires every 5 ms.
      expect(ticks).toBeGreaterThanOrEqual(10);
    } finally {
      clearInterval(timer);
    }
  });

  it("validates arguments before starting a worker", async () => {
    expect(await executeTool(busy, '{"ms":"long"}', ctx())).toMatchObject({
      isError: true,
      result: "Invalid arguments for tool busy: ms must be integer",
    });
  });

  it("returns an error thrown in the worker as a tool error", async () => {
    const explode = workerTool({
      name: "explode",
      parameters: { type: "object" },
      module: FIXTURE,
      exportName: "explode",
    });
    expect(await executeTool(explode, '{"message":"out of range"}', ctx())).toMatchObject({
      isError: true,
      result: "Tool explode failed: out of range",
    });
    const missing = workerTool({
      name: "missing",
      parameters: { type: "object" },
      module: FIXTURE,
      exportName: "nope",
    });
    expect(await executeTool(missing, "{}", ctx())).toMatchObject({
      isError: true,
      result: expect.stringContaining('has no function export "nope"'),
    });
  });

  it("loads a TypeScript implementation when tsx is installed", async () => {
    const square = workerTool({
      name: "square",
      parameters: { type: "object", properties: { n: { type: "number" } } },
      module: new URL("./tools-worker-fixture-ts.ts", import.meta.url),
      exportName: "square",
    });
    expect(await executeTool(square, '{"n":12}', ctx())).toMatchObject({ isError: false, result: 144 });
  });

  it("calls an exported tool object's execute with the agent context", async () => {
    const doubler = workerTool({
      name: "doubler",
      parameters: { type: "object" },
      module: FIXTURE,
      exportName: "doubler",
    });
    const agent = { name: "a", id: "1", session: "default" };
    expect(await executeTool(doubler, '{"n":21}', { signal: new AbortController().signal, agent })).toMatchObject({
      isError: false,
      result: { doubled: 42, agent },
    });
  });

  it("terminates a running worker on abort", async () => {
    const spin = workerTool({ name: "spin", parameters: { type: "object" }, module: FIXTURE, exportName: "spin" });
    const channel = new BroadcastChannel("switchboard-spin-tool");
    let ticks = 0;
    channel.onmessage = () => ticks++;
    try {
      const controller = new AbortController();
      const running = executeTool(spin, "{}", ctx(controller.signal));
      while (ticks === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      controller.abort();
      await expect(running).rejects.toSatisfy(isAbortError);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const afterTermination = ticks;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(ticks).toBe(afterTermination);
    } finally {
      channel.close();
    }
  });
});
