// Shared by the responses.parity.*.test.ts files (Responses parity with OpenAI through the official
// openai SDK on every server kind): a stub upstream model, a server per kind, tool and image fixtures.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAgent, openAICompatible, responsesProtocol } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import OpenAI, { BadRequestError } from "openai";
import { expect } from "vitest";
import { type ServerKind, startServer } from "./support/index.js";

export type Json = Record<string, unknown>;

/** A stand-in for a hosted model: records each Chat Completions / Responses body and answers "ok". */
export function startUpstream(): Promise<{ url: string; bodies: Json[]; close(): Promise<void> }> {
  const bodies: Json[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const body = JSON.parse(raw) as Json;
      bodies.push(body);
      res.writeHead(200, { "content-type": "text/event-stream" });
      const format = (body.response_format ?? (body.text as Json | undefined)?.format) as Json | undefined;
      const text = format && format.type !== "text" ? '{"answer":"ok"}' : "ok";
      if (req.url?.endsWith("/chat/completions")) {
        const chunk = (delta: Json, finish: string | null, logprobs?: Json) =>
          `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish, ...(logprobs ? { logprobs } : {}) }] })}\n\n`;
        const logprobs = body.logprobs
          ? { content: [{ token: text, logprob: -0.25, bytes: null, top_logprobs: [{ token: text, logprob: -0.25 }] }] }
          : undefined;
        res.write(chunk({ role: "assistant", content: text }, null, logprobs));
        res.write(chunk({}, "stop"));
        res.write(
          `data: ${JSON.stringify({ id: "c1", choices: [], usage: { prompt_tokens: 3, completion_tokens: 1 } })}\n\n`,
        );
        res.end("data: [DONE]\n\n");
      } else {
        const logprobs = (body.include as string[] | undefined)?.includes("message.output_text.logprobs")
          ? [{ token: text, logprob: -0.5, bytes: [111, 107], top_logprobs: [] }]
          : undefined;
        res.write(
          `data: ${JSON.stringify({ type: "response.output_text.delta", item_id: "m1", delta: text, ...(logprobs ? { logprobs } : {}) })}\n\n`,
        );
        res.write(
          `data: ${JSON.stringify({ type: "response.completed", response: { status: "completed", usage: { input_tokens: 3, output_tokens: 1 } } })}\n\n`,
        );
        res.end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
        bodies,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

export const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

export const weather = {
  type: "function" as const,
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { input: { type: "string" } }, required: ["input"] },
  strict: false,
};
export const clock = { ...weather, name: "get_time", description: "Time in a city" };

export type Upstream = Awaited<ReturnType<typeof startUpstream>>;

/**
 * A stub upstream and a server on `adapter` serving the fixture agents plus `chat` and `upstream`,
 * two OpenAI-compatible agents on the stub (Chat Completions and Responses), with an SDK client.
 */
export async function startParity(
  adapter: ServerKind,
): Promise<{ client: OpenAI; upstream: Upstream; close(): Promise<void> }> {
  const upstream = await startUpstream();
  const chat = createAgent(() => ({
    model: openAICompatible({ baseURL: upstream.url, model: "gpt-4o-mini", retries: 0 }),
  }));
  const responsesApi = createAgent(() => ({
    model: openAICompatible({ baseURL: upstream.url, model: "gpt-4o-mini", api: "responses", retries: 0 }),
  }));
  const server = await startServer(adapter, {
    protocols: [responsesProtocol({ agents: { ...fixtureAgents, chat, upstream: responsesApi } })],
  });
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "test", maxRetries: 0 });
  return {
    client,
    upstream,
    close: async () => {
      await server.close();
      await upstream.close();
    },
  };
}

/** The 400 the SDK raised, or fails. */
export async function rejection(promise: Promise<unknown>): Promise<InstanceType<typeof BadRequestError>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadRequestError);
  return error as InstanceType<typeof BadRequestError>;
}
