// runAgent: the model → tools → model loop, client tools, limits, abort and errors.
import { describe, expect, it } from "vitest";
import { AgentInputError, runAgent } from "../src/runtime/agent/run.js";
import { delay, isAbortError } from "../src/runtime/model/abort.js";
import { ModelError } from "../src/runtime/model/errors.js";
import { scriptedModel, textReply, toolCallReply } from "../src/runtime/model/scripted.js";
import type { Model } from "../src/runtime/model/types.js";
import { defineTool } from "../src/runtime/tools/define.js";
import { add, done, run, turns } from "./agent-setup.js";

describe("runAgent", () => {
  it("answers in one turn when the model calls no tools", async () => {
    const model = turns(textReply(["Hi", " there"], { inputTokens: 3, outputTokens: 2 }));
    const events = await run({ config: { model, instructions: "Be nice." }, instructions: "Be brief." });
    expect(events).toEqual([
      { type: "turn_start", turn: 1 },
      { type: "text_delta", text: "Hi" },
      { type: "text_delta", text: " there" },
      { type: "turn_end", turn: 1, usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } },
      {
        type: "done",
        text: "Hi there",
        messages: [{ role: "assistant", content: "Hi there" }],
        usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
        pendingClientCalls: [],
        finishReason: "stop",
      },
    ]);
    expect(model.requests[0]).toMatchObject({ instructions: "Be nice.\n\nBe brief." });
    expect(model.requests[0]).not.toHaveProperty("tools");
  });

  it("loops model → server tools → model, feeding results back", async () => {
    const model = turns(
      toolCallReply(
        [
          { id: "c1", name: "add", arguments: ['{"a":2,', '"b":3}'] },
          { id: "c2", name: "add", arguments: '{"a":"x"}' },
        ],
        { inputTokens: 10, outputTokens: 5 },
      ),
      textReply("5", { inputTokens: 20, outputTokens: 1 }),
    );
    const events = await run({ config: { model, tools: [add] }, temperature: 0.3 });
    expect(events.map((event) => event.type)).toEqual([
      "turn_start",
      "tool_call_start",
      "tool_call_delta",
      "tool_call_delta",
      "tool_call_end",
      "tool_call_start",
      "tool_call_delta",
      "tool_call_end",
      "turn_end",
      "tool_start",
      "tool_start",
      "tool_result",
      "tool_result",
      "turn_start",
      "text_delta",
      "turn_end",
      "done",
    ]);
    expect(events).toContainEqual({
      type: "tool_call_end",
      callId: "c1",
      name: "add",
      arguments: '{"a":2,"b":3}',
      client: false,
    });
    expect(events).toContainEqual({ type: "tool_start", toolName: "add", toolCallId: "c1", args: { a: 2, b: 3 } });
    expect(events).toContainEqual(
      expect.objectContaining({ type: "tool_result", toolCallId: "c1", isError: false, result: 5 }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        type: "tool_result",
        toolCallId: "c2",
        isError: true,
        result: "Invalid arguments for tool add: b is required; a must be number",
      }),
    );
    const result = done(events);
    expect(result).toMatchObject({
      text: "5",
      finishReason: "stop",
      usage: { inputTokens: 30, outputTokens: 6, totalTokens: 36 },
    });
    expect(result.messages).toEqual([
      {
        role: "assistant",
        content: "",
        toolCalls: [
          { id: "c1", name: "add", arguments: '{"a":2,"b":3}' },
          { id: "c2", name: "add", arguments: '{"a":"x"}' },
        ],
      },
      { role: "tool", toolCallId: "c1", name: "add", content: "5" },
      {
        role: "tool",
        toolCallId: "c2",
        name: "add",
        content: "Invalid arguments for tool add: b is required; a must be number",
      },
      { role: "assistant", content: "5" },
    ]);
    // The second call sees the first turn and the tool results.
    expect(model.requests[1]!.messages).toEqual([{ role: "user", content: "go" }, ...result.messages.slice(0, 3)]);
    expect(model.requests[1]).toMatchObject({ temperature: 0.3, tools: [{ name: "add" }] });
  });

  it("ends with the calls pending when the model calls a client tool", async () => {
    const model = turns(
      toolCallReply([
        { id: "s1", name: "add", arguments: '{"a":1,"b":1}' },
        { id: "k1", name: "lookup", arguments: '{"q":"x"}' },
      ]),
    );
    const lookup = { name: "lookup", description: "client side", parameters: { type: "object" } };
    const events = await run({
      config: { model, tools: [add] },
      clientTools: [lookup],
      toolChoice: "required",
    });
    expect(events).toContainEqual({ type: "tool_call_start", callId: "k1", name: "lookup", client: true });
    expect(events).toContainEqual({ type: "tool_call_start", callId: "s1", name: "add", client: false });
    expect(events.filter((event) => event.type === "tool_start")).toEqual([
      { type: "tool_start", toolName: "add", toolCallId: "s1", args: { a: 1, b: 1 } },
    ]);
    const result = done(events);
    expect(result.finishReason).toBe("tool_calls");
    expect(result.pendingClientCalls).toEqual([{ id: "k1", name: "lookup", arguments: '{"q":"x"}' }]);
    expect(result.messages.at(-1)).toEqual({ role: "tool", toolCallId: "s1", name: "add", content: "2" });
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]!.tools?.map((tool) => tool.name)).toEqual(["add", "lookup"]);
    expect(model.requests[0]!.toolChoice).toBe("required");
  });

  it("applies toolChoice to the first model call only", async () => {
    const model = turns(toolCallReply([{ name: "add", arguments: '{"a":1,"b":2}' }]), textReply("3"));
    await run({ config: { model, tools: [add] }, toolChoice: { name: "add" } });
    expect(model.requests[0]!.toolChoice).toEqual({ name: "add" });
    expect(model.requests[1]).not.toHaveProperty("toolChoice");
  });

  it("rejects a client tool that shadows a server tool", async () => {
    const model = turns(textReply("unused"));
    const error = await run({
      config: { model, tools: [add] },
      clientTools: [
        { name: "other", parameters: {} },
        { name: "add", parameters: {} },
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentInputError);
    expect(error).toMatchObject({ param: "tools[1].name" });
    expect(model.requests).toHaveLength(0);
  });

  it("answers an unknown tool with an error result and lets the model recover", async () => {
    const model = turns(toolCallReply([{ id: "u1", name: "nope", arguments: "{}" }]), textReply("sorry"));
    const events = await run({ config: { model, tools: [add] } });
    expect(events).toContainEqual(
      expect.objectContaining({ type: "tool_result", toolCallId: "u1", isError: true, result: "Unknown tool: nope" }),
    );
    expect(done(events).text).toBe("sorry");
  });

  it("stops after maxTurns model calls, with the last tool results recorded", async () => {
    let calls = 0;
    const model = scriptedModel("loop", () => {
      calls++;
      return toolCallReply([{ name: "add", arguments: '{"a":1,"b":1}' }]);
    });
    const events = await run({ config: { model, tools: [add], maxTurns: 3 } });
    const result = done(events);
    expect(calls).toBe(3);
    expect(result.finishReason).toBe("max_turns");
    expect(result.messages).toHaveLength(6);
    expect(result.messages.at(-1)).toMatchObject({ role: "tool", content: "2" });
  });

  it("stops the model and running tools on abort and throws the abort", async () => {
    let toolSawAbort = false;
    const wait = defineTool({
      name: "wait",
      parameters: { type: "object" },
      execute: async (_args, { signal: toolSignal }) => {
        await delay(10_000, toolSignal).catch((error: unknown) => {
          toolSawAbort = true;
          throw error;
        });
      },
    });
    const model = turns(toolCallReply([{ name: "wait", arguments: "{}" }]));
    const controller = new AbortController();
    const seen: string[] = [];
    const started = Date.now();
    const error = await (async () => {
      for await (const event of runAgent({
        config: { model, tools: [wait] },
        messages: [{ role: "user", content: "go" }],
        signal: controller.signal,
      })) {
        seen.push(event.type);
        if (event.type === "tool_start") setTimeout(() => controller.abort(), 10);
      }
    })().catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(toolSawAbort).toBe(true);
    expect(seen).not.toContain("done");

    const slowModel = scriptedModel("slow", async function* (request) {
      yield { type: "text", delta: "a" } as const;
      await delay(10_000, request.signal);
    });
    const second = new AbortController();
    const reason = new Error("client went away");
    const thrown = await (async () => {
      for await (const event of runAgent({ config: { model: slowModel }, messages: [], signal: second.signal })) {
        if (event.type === "text_delta") second.abort(reason);
      }
    })().catch((e: unknown) => e);
    expect(thrown).toBe(reason);
  });

  it("closes tool calls the model never ended", async () => {
    const model = turns([
      { type: "tool_call_start", callId: "open", name: "lookup" },
      { type: "tool_call_delta", callId: "open", delta: "{}" },
      { type: "finish", reason: "tool_calls" },
    ]);
    const events = await run({ config: { model }, clientTools: [{ name: "lookup", parameters: {} }] });
    expect(events.map((event) => event.type)).toEqual([
      "turn_start",
      "tool_call_start",
      "tool_call_delta",
      "tool_call_end",
      "turn_end",
      "done",
    ]);
    expect(done(events).pendingClientCalls).toEqual([{ id: "open", name: "lookup", arguments: "{}" }]);
  });

  it("throws model errors from the iterator", async () => {
    const failing: Model = {
      id: "failing",
      // biome-ignore lint/correctness/useYield: a model that fails before producing anything
      async *stream() {
        throw new ModelError("upstream down", { status: 503, code: "server_error", retryable: true });
      },
    };
    await expect(run({ config: { model: failing } })).rejects.toMatchObject({ name: "ModelError", status: 503 });
  });

  it("passes the agent context to tools", async () => {
    let seen: unknown;
    const whoami = defineTool({
      name: "whoami",
      parameters: { type: "object" },
      execute: (_args, toolCtx) => {
        seen = toolCtx.agent;
        return "ok";
      },
    });
    const model = turns(toolCallReply([{ name: "whoami", arguments: "" }]), textReply("done"));
    const agent = { name: "bot", id: "7", session: "s" };
    await run({ config: { model, tools: [whoami] }, context: { agent } });
    expect(seen).toEqual(agent);
  });
});
