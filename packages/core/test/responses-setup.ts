// Shared by the Responses protocol's tests: scripted agents, an app per test, and request and SSE helpers.
import type { ResponseObject, ResponseStreamEvent } from "@switchboard/protocol/responses";
import { validate } from "@switchboard/protocol/responses";
import { afterEach, beforeEach, expect } from "vitest";
import { createSwitchboard, type Switchboard } from "../src/app.js";
import { fromFetchRequest, toFetchResponse } from "../src/fetch.js";
import { responsesProtocol } from "../src/protocols/responses/module.js";
import { createAgent } from "../src/runtime/agent/define.js";
import type { Agent, AgentConfig } from "../src/runtime/agent/types.js";
import { delay } from "../src/runtime/model/abort.js";
import { ModelError } from "../src/runtime/model/errors.js";
import { scriptedModel, textReply, toolCallReply } from "../src/runtime/model/scripted.js";
import type { ModelEvent, ModelRequest } from "../src/runtime/model/types.js";
import { defineTool } from "../src/runtime/tools/define.js";
import { memoryResponseStore } from "../src/store/memory-responses.js";
import type { ResponseStore } from "../src/store/responses.js";

const lastUserText = (request: ModelRequest) => {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i]!;
    if (message.role === "user") return message.content;
  }
  return "";
};

const words = (text: string) => text.match(/\S+\s*/g) ?? [];

/** Observations of the scripted models, reset per test. */
export let seen: { requests: ModelRequest[]; aborted: boolean; produced: number };

export const agent = (config: AgentConfig): Agent => createAgent(() => config);

export const agents: Record<string, Agent> = {
  echo: agent({
    model: scriptedModel("echo", (request) => {
      seen.requests.push(request);
      const text = lastUserText(request);
      const parts = words(text);
      if (request.maxOutputTokens !== undefined && parts.length > request.maxOutputTokens) {
        return [
          ...parts.slice(0, request.maxOutputTokens).map((delta): ModelEvent => ({ type: "text", delta })),
          { type: "usage", inputTokens: parts.length, outputTokens: request.maxOutputTokens },
          { type: "finish", reason: "length" },
        ];
      }
      return textReply(parts, { inputTokens: parts.length, outputTokens: parts.length });
    }),
  }),
  tools: agent({
    model: scriptedModel("tools", (request) => {
      seen.requests.push(request);
      const last = request.messages[request.messages.length - 1];
      if (last?.role === "tool") return textReply(`Tool said: ${last.content}`, { inputTokens: 3, outputTokens: 3 });
      const tool = request.tools?.[0];
      if (!tool) return textReply("no tools");
      return toolCallReply(
        [{ name: tool.name, arguments: ['{"input":', JSON.stringify(lastUserText(request)), "}"] }],
        {
          inputTokens: 2,
          outputTokens: 1,
        },
      );
    }),
  }),
  // Calls its own server-side tool, then answers with the result: two model turns, one response.
  reverser: agent({
    model: scriptedModel("reverser", (request) => {
      const last = request.messages[request.messages.length - 1];
      if (last?.role === "tool") return textReply(last.content, { inputTokens: 5, outputTokens: 2 });
      return [
        { type: "text", delta: "Reversing." },
        ...toolCallReply([{ name: "reverse", arguments: JSON.stringify({ text: lastUserText(request) }) }], {
          inputTokens: 4,
          outputTokens: 3,
        }),
      ];
    }),
    tools: [
      defineTool<{ text: string }, string>({
        name: "reverse",
        parameters: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
        execute: ({ text }) => [...text].reverse().join(""),
      }),
    ],
  }),
  slow: agent({
    model: scriptedModel("slow", async function* (request) {
      try {
        for (let i = 1; i <= 50; i++) {
          await delay(20, request.signal);
          yield { type: "text", delta: i === 1 ? "tick 1" : ` tick ${i}` } satisfies ModelEvent;
        }
        yield { type: "finish", reason: "stop" } satisfies ModelEvent;
      } finally {
        seen.aborted ||= request.signal.aborted;
      }
    }),
  }),
  // Names its calls the way some upstream servers do, not `call_…`.
  oddids: agent({
    model: scriptedModel("oddids", (request) => {
      seen.requests.push(request);
      const last = request.messages[request.messages.length - 1];
      if (last?.role === "tool") return textReply(`got ${last.content}`);
      return toolCallReply([{ id: "chatcmpl-tool-7", name: request.tools![0]!.name, arguments: "{}" }]);
    }),
  }),
  // Produces as fast as it is asked to, counting what it produced.
  firehose: agent({
    model: scriptedModel("firehose", function* () {
      for (let i = 0; i < 100_000; i++) {
        seen.produced++;
        yield { type: "text", delta: "x" } satisfies ModelEvent;
      }
      yield { type: "finish", reason: "stop" } satisfies ModelEvent;
    }),
  }),
  buggy: agent({
    model: scriptedModel("buggy", () => {
      throw new TypeError("secret internals");
    }),
  }),
  broken: agent({
    model: scriptedModel("broken", async function* () {
      yield { type: "text", delta: "partial" } satisfies ModelEvent;
      throw new ModelError("the model fell over", { code: "model_error", retryable: false });
    }),
  }),
};

let sb: Switchboard;
export let store: ResponseStore;

/** Registers the hooks that give each test a fresh store, fresh observations and a fresh app on them. */
export function useResponsesApp(): void {
  beforeEach(() => {
    seen = { requests: [], aborted: false, produced: 0 };
    store = memoryResponseStore();
    sb = createSwitchboard({ protocols: [responsesProtocol({ agents, store })], limits: { maxBodyBytes: 64 * 1024 } });
  });

  afterEach(async () => {
    await sb.close();
  });
}

export async function call(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<Response> {
  const request = new Request(`http://switchboard.test${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
  const response = await sb.handle(fromFetchRequest(request));
  if (!response) throw new Error(`no protocol owns ${path}`);
  return toFetchResponse(response);
}

export async function create(body: Record<string, unknown>): Promise<ResponseObject> {
  const response = await call("POST", "/v1/responses", body);
  expect(response.status).toBe(200);
  return expectValid((await response.json()) as ResponseObject);
}

export function expectValid(response: ResponseObject): ResponseObject {
  const checked = validate.ResponseObject(response);
  if (!checked.ok) throw new Error(`invalid response object: ${JSON.stringify(checked.issue)}`);
  return response;
}

/** Parses an SSE body into frames, checking the framing rules on the way. */
export async function frames(response: Response): Promise<ResponseStreamEvent[]> {
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const text = await response.text();
  const blocks = text.split("\n\n").filter((block) => block !== "");
  expect(blocks[blocks.length - 1]).toBe("data: [DONE]");
  return blocks.slice(0, -1).map((block) => {
    const lines = block.split("\n");
    const event = lines.find((line) => line.startsWith("event: "))!.slice(7);
    const data = JSON.parse(lines.find((line) => line.startsWith("data: "))!.slice(6)) as ResponseStreamEvent;
    expect(event).toBe(data.type);
    const checked = validate.ResponseStreamEvent(data);
    if (!checked.ok) throw new Error(`invalid event ${block}: ${JSON.stringify(checked.issue)}`);
    return data;
  });
}

export async function error(response: Response, status: number) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as {
    error: { type: string; message: string; param: string | null; code: string | null };
  };
  expect(validate.ResponsesErrorEnvelope(body).ok).toBe(true);
  return body.error;
}

export async function until(predicate: () => Promise<boolean>, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await delay(5);
  }
}
