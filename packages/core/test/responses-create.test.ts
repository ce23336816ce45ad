// Creating responses with POST /v1/responses: objects, streams, tools, errors, store: false, backpressure, aborts.
import { describe, expect, it } from "vitest";
import { delay } from "../src/runtime/model/abort.js";
import { call, create, error, frames, seen, until, useResponsesApp } from "./responses-setup.js";

useResponsesApp();

describe("POST /v1/responses", () => {
  it("answers with a complete response object", async () => {
    const response = await create({ model: "echo", input: "hello there world", metadata: { k: "v" }, user: "u1" });
    expect(response).toMatchObject({
      object: "response",
      status: "completed",
      model: "echo",
      error: null,
      incomplete_details: null,
      instructions: null,
      metadata: { k: "v" },
      user: "u1",
      background: false,
      previous_response_id: null,
      usage: { input_tokens: 3, output_tokens: 3, total_tokens: 6, input_tokens_details: { cached_tokens: 0 } },
    });
    expect(response.id).toMatch(/^resp_[0-9a-f]+$/);
    expect(Number.isInteger(response.created_at) && Number.isInteger(response.completed_at)).toBe(true);
    expect(response.output).toEqual([
      {
        type: "message",
        id: expect.stringMatching(/^msg_[0-9a-f]+$/),
        role: "assistant",
        status: "completed",
        content: [{ type: "output_text", text: "hello there world", annotations: [], logprobs: [] }],
      },
    ]);
  });

  it("passes instructions and sampling parameters to the model", async () => {
    await create({ model: "echo", input: "x", instructions: "be brief", temperature: 0.5, top_p: 0.9 });
    expect(seen.requests[0]).toMatchObject({ instructions: "be brief", temperature: 0.5, topP: 0.9 });
  });

  it("streams the full event sequence with real indices", async () => {
    const events = await frames(await call("POST", "/v1/responses", { model: "echo", input: "a b", stream: true }));
    expect(events.map((e) => e.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const done = events.find((e) => e.type === "response.output_text.done");
    expect(done).toMatchObject({ text: "a b", output_index: 0, content_index: 0 });
  });

  it("keeps one message across server-side tool turns, one content part per turn, usage summed", async () => {
    const events = await frames(await call("POST", "/v1/responses", { model: "reverser", input: "abc", stream: true }));
    const parts = events.filter((e) => e.type === "response.content_part.done");
    expect(parts.map((e) => [e.output_index, e.content_index, e.part])).toEqual([
      [0, 0, { type: "output_text", text: "Reversing.", annotations: [], logprobs: [] }],
      [0, 1, { type: "output_text", text: "cba", annotations: [], logprobs: [] }],
    ]);
    const completed = events[events.length - 1]!;
    if (completed.type !== "response.completed") throw new Error(completed.type);
    expect(completed.response.usage).toMatchObject({ input_tokens: 9, output_tokens: 5, total_tokens: 14 });
  });

  it("ends with status incomplete when max_output_tokens is reached", async () => {
    const response = await create({ model: "echo", input: "one two three four", max_output_tokens: 2 });
    expect(seen.requests[0]?.maxOutputTokens).toBe(2);
    expect(response).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });
    expect(response.output[0]).toMatchObject({ status: "incomplete" });
  });

  it("sends the flat error event then response.failed when the model fails mid-stream", async () => {
    const events = await frames(await call("POST", "/v1/responses", { model: "broken", input: "x", stream: true }));
    const tail = events.slice(-2);
    expect(tail[0]).toEqual({
      type: "error",
      code: "model_error",
      message: "the model fell over",
      param: null,
      sequence_number: events.length - 2,
    });
    expect(tail[1]).toMatchObject({
      type: "response.failed",
      response: { status: "failed", error: { code: "model_error" } },
    });
  });

  it("answers a failed run without stream as a response with status failed, hiding internal errors", async () => {
    const failed = await create({ model: "broken", input: "x" });
    expect(failed).toMatchObject({ status: "failed", error: { code: "model_error", message: "the model fell over" } });
    const buggy = await create({ model: "buggy", input: "x" });
    expect(buggy).toMatchObject({ status: "failed", error: { code: "server_error" } });
    expect(buggy.error?.message).not.toContain("secret");
  });

  it("gives the model prev.input + prev.output + input with previous_response_id", async () => {
    const first = await create({ model: "echo", input: "first", instructions: "only once" });
    await create({ model: "echo", input: "second", previous_response_id: first.id });
    expect(seen.requests[1]?.messages).toEqual([
      { role: "user", content: "first" },
      { role: "assistant", content: "first" },
      { role: "user", content: "second" },
    ]);
    expect(seen.requests[1]?.instructions).toBeUndefined();
  });

  it("round-trips a client function call", async () => {
    const tools = [{ type: "function", name: "lookup", parameters: { type: "object" } }];
    const first = await create({ model: "tools", input: "what is up", tools });
    expect(first.output).toEqual([
      {
        type: "function_call",
        id: expect.stringMatching(/^fc_/),
        call_id: expect.stringMatching(/^call_/),
        name: "lookup",
        arguments: '{"input":"what is up"}',
        status: "completed",
      },
    ]);
    const call = first.output[0]!;
    if (call.type !== "function_call") throw new Error(call.type);
    const second = await create({
      model: "tools",
      previous_response_id: first.id,
      input: [{ type: "function_call_output", call_id: call.call_id, output: "sunny" }],
      tools,
    });
    expect(second.output[0]).toMatchObject({ type: "message", content: [{ text: "Tool said: sunny" }] });
    expect(seen.requests[1]?.messages.slice(-2)).toEqual([
      { role: "assistant", content: "", toolCalls: [{ id: call.call_id, name: "lookup", arguments: call.arguments }] },
      { role: "tool", toolCallId: call.call_id, name: "lookup", content: "sunny" },
    ]);
  });

  it("gives calls OpenAI's call_ ids even when the model names them otherwise", async () => {
    const tools = [{ type: "function", name: "f" }];
    const first = await create({ model: "oddids", input: "x", tools });
    const call = first.output[0]!;
    if (call.type !== "function_call") throw new Error(call.type);
    expect(call.call_id).toMatch(/^call_[0-9a-f]+$/);
    const second = await create({
      model: "oddids",
      previous_response_id: first.id,
      input: [{ type: "function_call_output", call_id: call.call_id, output: "42" }],
      tools,
    });
    expect(second.output[0]).toMatchObject({ content: [{ text: "got 42" }] });
  });

  it("streams function call arguments as deltas", async () => {
    const tools = [{ type: "function", name: "lookup" }];
    const events = await frames(
      await call("POST", "/v1/responses", { model: "tools", input: "q", tools, stream: true }),
    );
    expect(events.map((e) => e.type).slice(2)).toEqual([
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
  });

  it("refuses a function_call_output that answers no call, and a call left unanswered", async () => {
    const orphan = await call("POST", "/v1/responses", {
      model: "tools",
      input: [{ type: "function_call_output", call_id: "call_x", output: "1" }],
    });
    expect(await error(orphan, 400)).toMatchObject({ param: "input[0].call_id" });
    const unanswered = await call("POST", "/v1/responses", {
      model: "tools",
      input: [
        { role: "user", content: "hi" },
        { type: "function_call", call_id: "call_y", name: "f", arguments: "{}" },
      ],
    });
    expect(await error(unanswered, 400)).toMatchObject({ param: "input[1].call_id" });
  });

  it("does not store a response created with store: false", async () => {
    const response = await create({ model: "echo", input: "x", store: false });
    expect(response.store).toBe(false);
    expect(await error(await call("GET", `/v1/responses/${response.id}`), 404)).toMatchObject({
      code: "response_not_found",
    });
    const next = await call("POST", "/v1/responses", { model: "echo", input: "y", previous_response_id: response.id });
    expect(await error(next, 404)).toMatchObject({ param: "previous_response_id" });
  });

  it("pulls from the model only as fast as the client reads", async () => {
    const response = await call("POST", "/v1/responses", { model: "firehose", input: "x", stream: true });
    const reader = response.body!.getReader();
    for (let i = 0; i < 5; i++) await reader.read();
    await delay(50);
    expect(seen.produced).toBeLessThan(10);
    await reader.cancel();
  });

  it("aborts the model call when the client goes away", async () => {
    const controller = new AbortController();
    const response = await call(
      "POST",
      "/v1/responses",
      { model: "slow", input: "x", stream: true },
      {
        signal: controller.signal,
      },
    );
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    while (!received.includes("tick 2")) received += decoder.decode((await reader.read()).value);
    controller.abort();
    await reader.cancel().catch(() => {});
    await until(async () => seen.aborted);
  });
});
