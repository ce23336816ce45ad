import type { ChatCompletionChunk, CreateChatCompletion, ResponseStreamEvent } from "@switchboard/protocol/responses";
import { describe, expect, it } from "vitest";
import { type ChatPiece, chatChunks } from "../src/protocols/responses/chat-answer.js";
import { chatParam, toChatRun } from "../src/protocols/responses/chat-request.js";
import { ResponsesApiError } from "../src/protocols/responses/errors.js";

const chat = (extra: Partial<CreateChatCompletion>): CreateChatCompletion => ({
  model: "echo",
  messages: [{ role: "user", content: "hi" }],
  ...extra,
});

describe("Chat Completions → Responses create body", () => {
  it("maps messages of every role, in order, with the message each item came from", () => {
    const run = toChatRun(
      chat({
        messages: [
          { role: "system", content: "Be brief." },
          { role: "developer", content: [{ type: "text", text: "Dev." }] },
          {
            role: "user",
            content: [
              { type: "text", text: "look " },
              { type: "text", text: "up" },
            ],
          },
          {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: "{}" } }],
          },
          { role: "tool", tool_call_id: "call_1", content: "found" },
          { role: "assistant", content: "It is found." },
        ],
      }),
    );
    expect(run.body.input).toEqual([
      { type: "message", role: "system", content: "Be brief." },
      { type: "message", role: "developer", content: "Dev." },
      {
        type: "message",
        role: "user",
        content: [
          { type: "input_text", text: "look " },
          { type: "input_text", text: "up" },
        ],
      },
      { type: "function_call", call_id: "call_1", name: "lookup", arguments: "{}" },
      { type: "function_call_output", call_id: "call_1", output: "found" },
      { type: "message", role: "assistant", content: "It is found." },
    ]);
    expect(run.origin).toEqual([0, 1, 2, 3, 4, 5]);
    expect(run.body.store).toBe(false);
  });

  it("maps tools, tool_choice, limits and response_format onto their Responses names", () => {
    const run = toChatRun(
      chat({
        tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object" }, strict: true } }],
        tool_choice: { type: "function", function: { name: "lookup" } },
        parallel_tool_calls: false,
        max_tokens: 5,
        max_completion_tokens: 7,
        response_format: {
          type: "json_schema",
          json_schema: { name: "answer", schema: { type: "object" }, strict: true },
        },
        stop: "END",
        stream: true,
        stream_options: { include_usage: true },
        temperature: null,
        store: true,
      }),
    );
    expect(run.body).toMatchObject({
      tools: [{ type: "function", name: "lookup", parameters: { type: "object" }, strict: true }],
      tool_choice: { type: "function", name: "lookup" },
      parallel_tool_calls: false,
      max_output_tokens: 7,
      text: { format: { type: "json_schema", name: "answer", schema: { type: "object" }, strict: true } },
      store: true,
    });
    expect(run.body).not.toHaveProperty("temperature");
    expect(run).toMatchObject({ stop: ["END"], stream: true, includeUsage: true });
    expect(toChatRun(chat({ response_format: { type: "json_object" } })).body.text).toEqual({
      format: { type: "json_object" },
    });
    expect(toChatRun(chat({ response_format: { type: "text" } })).body).not.toHaveProperty("text");
  });

  it("accepts defaults and refuses values no agent honours, naming them", () => {
    expect(() => toChatRun(chat({ n: 1, logprobs: false, frequency_penalty: 0, modalities: ["text"] }))).not.toThrow();
    for (const [extra, param] of [
      [{ n: 3 }, "n"],
      [{ logprobs: true }, "logprobs"],
      [{ modalities: ["audio"] }, "modalities"],
      [{ stream_options: { include_usage: true } }, "stream_options"],
      [{ stop: ["a", "b", "c", "d", "e"] }, "stop"],
      [{ functions: [{}] }, "functions"],
    ] as const) {
      const error = (() => {
        try {
          toChatRun(chat(extra as Partial<CreateChatCompletion>));
        } catch (e) {
          return e;
        }
      })();
      expect(error, param).toBeInstanceOf(ResponsesApiError);
      expect((error as ResponsesApiError).param).toBe(param);
    }
  });

  it("names the Chat Completions field of a refused Responses field", () => {
    const origin = [0, 1, 1, 2];
    expect(chatParam("input[2].call_id", origin)).toBe("messages[1].tool_call_id");
    expect(chatParam("input[3].content[0].text", origin)).toBe("messages[2].content[0].text");
    expect(chatParam("tools[0].name", origin)).toBe("tools[0].function.name");
    expect(chatParam("tool_choice.name", origin)).toBe("tool_choice.function.name");
    expect(chatParam("max_output_tokens", origin)).toBe("max_completion_tokens");
    expect(chatParam("text.format.schema", origin)).toBe("response_format.json_schema.schema");
    expect(chatParam("text.format.type", origin)).toBe("response_format.type");
    expect(chatParam("reasoning.effort", origin)).toBe("reasoning_effort");
    expect(chatParam("temperature", origin)).toBe("temperature");
  });
});

describe("response events → chunks", () => {
  const response = { id: "resp_abc", created_at: 1, model: "echo", status: "in_progress", output: [], usage: null };
  const text = (delta: string) =>
    ({ type: "response.output_text.delta", delta, item_id: "msg", output_index: 0, content_index: 0 }) as never;
  async function* events(...list: ResponseStreamEvent[]) {
    yield* list;
  }
  async function collect(source: AsyncIterable<ChatPiece>) {
    const out: ChatCompletionChunk[] = [];
    for await (const piece of source) if ("chunk" in piece) out.push(piece.chunk);
    return out;
  }

  it("ends the text before a stop sequence split across deltas, and stops reading", async () => {
    let read = 0;
    async function* source() {
      for (const event of [
        { type: "response.created", response } as never,
        text("alpha be"),
        text("ta ST"),
        text("OP gamma"),
        text(" never read"),
      ] as ResponseStreamEvent[]) {
        read++;
        yield event;
      }
    }
    const chunks = await collect(chatChunks(source(), { stop: ["STOP"], includeUsage: false }));
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("alpha beta ");
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    expect(read).toBe(4);
  });

  it("releases a held-back prefix that did not become a stop sequence", async () => {
    const chunks = await collect(
      chatChunks(
        events({ type: "response.created", response } as never, text("one ST"), text("ART two"), {
          type: "response.completed",
          response: { ...response, status: "completed" },
        } as never),
        { stop: ["STOP"], includeUsage: true },
      ),
    );
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("one START two");
    expect(chunks.at(-1)).toMatchObject({ id: "chatcmpl-abc", choices: [], usage: { total_tokens: 0 } });
  });
});
