// Responses parity, the OpenAI-compatible provider: parameters and log-probabilities passed on to a Chat Completions or Responses upstream (a local stub).
import type OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Json, PNG, rejection, startParity, type Upstream } from "./responses.parity.helpers.js";
import { SERVER_KINDS } from "./support/index.js";

describe.each(SERVER_KINDS)("Responses parity over %s with the openai SDK", (adapter) => {
  let client: OpenAI;
  let upstream: Upstream;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ client, upstream, close } = await startParity(adapter));
  });

  afterAll(async () => {
    await close();
  });

  describe("the OpenAI-compatible provider passes parameters on", () => {
    it("to Chat Completions", async () => {
      const before = upstream.bodies.length;
      const response = await client.responses.create({
        model: "chat",
        input: [
          {
            role: "user",
            content: [
              { type: "input_text", text: "look" },
              { type: "input_image", image_url: PNG, detail: "low" },
              { type: "input_file", filename: "a.txt", file_data: "data:text/plain;base64,aGk=" },
            ],
          },
        ],
        reasoning: { effort: "low" },
        service_tier: "flex",
        text: { verbosity: "low", format: { type: "json_object" } },
        prompt_cache_key: "k",
        safety_identifier: "s",
        temperature: 0.2,
        presence_penalty: 0.5,
      } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
      expect(response.status).toBe("completed");
      const body = upstream.bodies[before]!;
      expect(body).toMatchObject({
        reasoning_effort: "low",
        service_tier: "flex",
        verbosity: "low",
        response_format: { type: "json_object" },
        prompt_cache_key: "k",
        safety_identifier: "s",
        temperature: 0.2,
        presence_penalty: 0.5,
      } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
      const user = (body.messages as Json[]).find((m) => m.role === "user")!;
      expect(user.content).toEqual([
        { type: "text", text: "look" },
        { type: "image_url", image_url: { url: PNG, detail: "low" } },
        { type: "file", file: { filename: "a.txt", file_data: "data:text/plain;base64,aGk=" } },
      ]);
    });

    it("a penalty the Responses API has no field for is a 400 on a Responses upstream", async () => {
      const error = await rejection(
        client.responses.create({
          model: "upstream",
          input: "x",
          presence_penalty: 0.5,
        } as OpenAI.Responses.ResponseCreateParamsNonStreaming),
      );
      expect(error.param).toBe("presence_penalty");
    });

    it("to a Responses upstream, with reasoning items and phase", async () => {
      const before = upstream.bodies.length;
      const response = await client.responses.create({
        model: "upstream",
        input: [
          { role: "user", content: [{ type: "input_image", image_url: "https://example.com/a.png" }] },
          {
            type: "reasoning",
            id: "rs_1",
            summary: [{ type: "summary_text", text: "thinking" }],
            encrypted_content: "e",
          },
          { role: "assistant", content: "seen", phase: "final_answer" } as never,
          { role: "user", content: "again" },
        ],
        reasoning: { effort: "high", summary: "auto" },
        text: {
          format: {
            type: "json_schema",
            name: "a",
            schema: { type: "object", properties: { answer: { type: "string" } } },
            strict: true,
          },
        },
      } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
      expect(response.status).toBe("completed");
      const body = upstream.bodies[before]!;
      expect(body).toMatchObject({
        reasoning: { effort: "high", summary: "auto" },
        text: { format: { type: "json_schema", name: "a", strict: true } },
      });
      expect(body.input).toEqual([
        {
          type: "message",
          role: "user",
          content: [{ type: "input_image", image_url: "https://example.com/a.png", detail: "auto" }],
        },
        {
          type: "reasoning",
          id: "rs_1",
          summary: [{ type: "summary_text", text: "thinking" }],
          encrypted_content: "e",
        },
        { type: "message", role: "assistant", content: "seen", phase: "final_answer" },
        { type: "message", role: "user", content: "again" },
      ]);
    });
  });

  it("log-probabilities: asked of a provider that reports them, relayed in the deltas and the output", async () => {
    const before = upstream.bodies.length;
    const events: Json[] = [];
    const stream = await client.responses.create({
      model: "chat",
      input: "x",
      top_logprobs: 1,
      include: ["message.output_text.logprobs"],
      stream: true,
    });
    for await (const event of stream) events.push(event as unknown as Json);
    expect(upstream.bodies[before]).toMatchObject({ logprobs: true, top_logprobs: 1 });
    const delta = events.find((event) => event.type === "response.output_text.delta")!;
    const expected = {
      token: "ok",
      logprob: -0.25,
      bytes: [111, 107],
      top_logprobs: [{ token: "ok", logprob: -0.25, bytes: [111, 107] }],
    };
    expect(delta.logprobs).toEqual([expected]);
    const completed = events.at(-1)!.response as OpenAI.Responses.Response;
    expect(completed.output[0]).toMatchObject({ content: [{ text: "ok", logprobs: [expected] }] });
  });

  it("log-probabilities from a Responses upstream", async () => {
    const before = upstream.bodies.length;
    const response = await client.responses.create({ model: "upstream", input: "x", top_logprobs: 2 });
    expect(upstream.bodies[before]).toMatchObject({ top_logprobs: 2, include: ["message.output_text.logprobs"] });
    expect(response.output[0]).toMatchObject({
      content: [{ text: "ok", logprobs: [{ token: "ok", logprob: -0.5, bytes: [111, 107], top_logprobs: [] }] }],
    });
  });
});
