// The OpenAI-compatible provider on Chat Completions: mapping the request, streaming text, usage and tool calls.
import { http } from "msw";
import { describe, expect, it } from "vitest";
import { openAICompatible } from "../src/runtime/model/openai-compatible.js";
import { collect, finishChunk, request, textChunk } from "./model-chunks.js";
import { BASE, CHAT, sse, upstreamServer, usageChunk } from "./model-openai-setup.js";

const server = upstreamServer();

describe("openAICompatible (chat)", () => {
  it("maps the request to Chat Completions and streams text deltas, usage and finish", async () => {
    let sent: Record<string, unknown> | undefined;
    let auth: string | null = null;
    server.use(
      http.post(CHAT, async ({ request: upstream }) => {
        sent = (await upstream.json()) as Record<string, unknown>;
        auth = upstream.headers.get("authorization");
        return sse([textChunk("Hel"), textChunk("lo"), finishChunk("stop"), usageChunk(5, 2), "[DONE]"]);
      }),
    );
    const model = openAICompatible({ baseURL: `${BASE}/`, apiKey: "sk-test", model: "gpt-test" });
    expect(model.id).toBe("gpt-test");
    const events = await collect(
      model.stream(
        request({
          instructions: "Be brief.",
          messages: [
            { role: "developer", content: "Use tools." },
            { role: "user", content: "weather?" },
            {
              role: "assistant",
              content: "",
              toolCalls: [{ id: "call_1", name: "weather", arguments: '{"city":"Oslo"}' }],
            },
            { role: "tool", toolCallId: "call_1", content: "rainy" },
            { role: "assistant", content: "It is rainy." },
            { role: "user", content: "thanks" },
          ],
          tools: [{ name: "weather", description: "Weather by city", parameters: { type: "object" } }],
          toolChoice: { name: "weather" },
          parallelToolCalls: false,
          temperature: 0.2,
          topP: 0.9,
          maxOutputTokens: 100,
        }),
      ),
    );
    expect(events).toEqual([
      { type: "text", delta: "Hel" },
      { type: "text", delta: "lo" },
      { type: "usage", inputTokens: 5, outputTokens: 2 },
      { type: "finish", reason: "stop" },
    ]);
    expect(auth).toBe("Bearer sk-test");
    expect(sent).toEqual({
      model: "gpt-test",
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: "system", content: "Be brief." },
        { role: "system", content: "Use tools." },
        { role: "user", content: "weather?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } }],
        },
        { role: "tool", tool_call_id: "call_1", content: "rainy" },
        { role: "assistant", content: "It is rainy." },
        { role: "user", content: "thanks" },
      ],
      tools: [
        {
          type: "function",
          function: { name: "weather", description: "Weather by city", parameters: { type: "object" } },
        },
      ],
      tool_choice: { type: "function", function: { name: "weather" } },
      parallel_tool_calls: false,
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 100,
    });
  });

  it("leaves tool_choice and parallel_tool_calls out when there are no tools", async () => {
    let sent: Record<string, unknown> = {};
    server.use(
      http.post(CHAT, async ({ request: upstream }) => {
        sent = (await upstream.json()) as Record<string, unknown>;
        return sse([finishChunk("stop"), "[DONE]"]);
      }),
    );
    await collect(
      openAICompatible({ baseURL: BASE, model: "m" }).stream(request({ toolChoice: "auto", parallelToolCalls: true })),
    );
    expect(sent).not.toHaveProperty("tool_choice");
    expect(sent).not.toHaveProperty("parallel_tool_calls");
    expect(sent).not.toHaveProperty("tools");
  });

  it("assembles tool calls split across chunks, per index", async () => {
    server.use(
      http.post(CHAT, () =>
        sse([
          {
            choices: [
              {
                delta: {
                  role: "assistant",
                  tool_calls: [
                    { index: 0, id: "call_a", type: "function", function: { name: "lookup", arguments: "" } },
                  ],
                },
              },
            ],
          },
          { choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] } }] },
          {
            choices: [
              {
                delta: {
                  tool_calls: [
                    { index: 1, id: "call_b", type: "function", function: { name: "clock", arguments: "{}" } },
                  ],
                },
              },
            ],
          },
          { choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: '"cats"}' } }] } }] },
          finishChunk("tool_calls"),
          usageChunk(10, 7),
          "[DONE]",
        ]),
      ),
    );
    const events = await collect(openAICompatible({ baseURL: BASE, model: "m" }).stream(request()));
    expect(events).toEqual([
      { type: "tool_call_start", callId: "call_a", name: "lookup" },
      { type: "tool_call_delta", callId: "call_a", delta: '{"q":' },
      { type: "tool_call_start", callId: "call_b", name: "clock" },
      { type: "tool_call_delta", callId: "call_b", delta: "{}" },
      { type: "tool_call_delta", callId: "call_a", delta: '"cats"}' },
      { type: "tool_call_end", callId: "call_a" },
      { type: "tool_call_end", callId: "call_b" },
      { type: "usage", inputTokens: 10, outputTokens: 7 },
      { type: "finish", reason: "tool_calls" },
    ]);
  });
});
