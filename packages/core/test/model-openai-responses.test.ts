// The OpenAI-compatible provider on the Responses API: mapping the request, parsing events, failures.
import { http } from "msw";
import { describe, expect, it } from "vitest";
import { openAICompatible } from "../src/runtime/model/openai-compatible.js";
import { collect, request } from "./model-chunks.js";
import { BASE, sse, upstreamServer } from "./model-openai-setup.js";

const server = upstreamServer();

describe("openAICompatible (responses)", () => {
  it("maps the request to the Responses API and parses its events", async () => {
    let sent: Record<string, unknown> = {};
    server.use(
      http.post(`${BASE}/responses`, async ({ request: upstream }) => {
        sent = (await upstream.json()) as Record<string, unknown>;
        return sse([
          { type: "response.created", response: {} },
          { type: "response.output_text.delta", item_id: "msg_1", delta: "Let me check. " },
          {
            type: "response.output_item.added",
            item: { type: "function_call", id: "fc_1", call_id: "call_1", name: "weather", arguments: "" },
          },
          { type: "response.function_call_arguments.delta", item_id: "fc_1", delta: '{"city":' },
          { type: "response.function_call_arguments.delta", item_id: "fc_1", delta: '"Oslo"}' },
          {
            type: "response.output_item.done",
            item: {
              type: "function_call",
              id: "fc_1",
              call_id: "call_1",
              name: "weather",
              arguments: '{"city":"Oslo"}',
            },
          },
          { type: "response.completed", response: { usage: { input_tokens: 9, output_tokens: 4 } } },
        ]);
      }),
    );
    const model = openAICompatible({ baseURL: BASE, model: "gpt-r", api: "responses", id: "shown-id" });
    expect(model.id).toBe("shown-id");
    const events = await collect(
      model.stream(
        request({
          instructions: "Be brief.",
          messages: [
            { role: "user", content: "weather?" },
            { role: "assistant", content: "", toolCalls: [{ id: "call_0", name: "weather", arguments: "{}" }] },
            { role: "tool", toolCallId: "call_0", content: "need a city" },
          ],
          tools: [{ name: "weather", parameters: { type: "object" } }],
          toolChoice: "required",
          maxOutputTokens: 50,
        }),
      ),
    );
    expect(events).toEqual([
      { type: "text", delta: "Let me check. " },
      { type: "tool_call_start", callId: "call_1", name: "weather" },
      { type: "tool_call_delta", callId: "call_1", delta: '{"city":' },
      { type: "tool_call_delta", callId: "call_1", delta: '"Oslo"}' },
      { type: "tool_call_end", callId: "call_1" },
      { type: "usage", inputTokens: 9, outputTokens: 4 },
      { type: "finish", reason: "tool_calls" },
    ]);
    expect(sent).toEqual({
      model: "gpt-r",
      stream: true,
      store: false,
      instructions: "Be brief.",
      input: [
        { type: "message", role: "user", content: "weather?" },
        { type: "function_call", call_id: "call_0", name: "weather", arguments: "{}" },
        { type: "function_call_output", call_id: "call_0", output: "need a city" },
      ],
      tools: [{ type: "function", name: "weather", parameters: { type: "object" }, strict: false }],
      tool_choice: "required",
      max_output_tokens: 50,
    });
  });

  it("maps response.incomplete to finish length and response.failed to a ModelError", async () => {
    server.use(
      http.post(`${BASE}/responses`, () =>
        sse([
          { type: "response.output_text.delta", delta: "abc" },
          { type: "response.incomplete", response: { incomplete_details: { reason: "max_output_tokens" } } },
        ]),
      ),
    );
    const model = openAICompatible({ baseURL: BASE, model: "m", api: "responses", retries: 0 });
    expect(await collect(model.stream(request()))).toEqual([
      { type: "text", delta: "abc" },
      { type: "finish", reason: "length" },
    ]);
    server.use(
      http.post(`${BASE}/responses`, () =>
        sse([{ type: "response.failed", response: { error: { code: "server_error", message: "boom" } } }]),
      ),
    );
    await expect(collect(model.stream(request()))).rejects.toMatchObject({ code: "server_error", message: "boom" });
  });
});
