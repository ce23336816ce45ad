/**
 * The parts of Responses parity that only show inside the core: what the model is given under
 * `truncation: "auto"`, `max_tool_calls`, `text.format` and the provider options, and the
 * parameter policy as a function.
 */
import type { CreateResponse, ResponseObject } from "@switchboard/protocol/responses";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSwitchboard, type Switchboard } from "../src/app.js";
import { fromFetchRequest, toFetchResponse } from "../src/fetch.js";
import { responsesProtocol } from "../src/protocols/responses/module.js";
import { resolveParameters } from "../src/protocols/responses/parameters.js";
import { createAgent } from "../src/runtime/agent/define.js";
import { scriptedModel, textReply } from "../src/runtime/model/scripted.js";
import type { ModelOption, ModelRequest } from "../src/runtime/model/types.js";

let seen: ModelRequest[];
let app: Switchboard;

/** Echoes the last user text; its context window is 12 words. */
const windowed = createAgent(() => ({
  model: scriptedModel(
    "windowed",
    (request) => {
      seen.push(request);
      const last = request.messages.filter((m) => m.role === "user").at(-1)?.content ?? "";
      return textReply(last, { inputTokens: 1, outputTokens: 1 });
    },
    { contextWindow: 12 },
  ),
}));

beforeEach(() => {
  seen = [];
  app = createSwitchboard({ protocols: [responsesProtocol({ agents: { windowed } })] });
});
afterEach(async () => {
  await app.close();
});

async function create(body: Record<string, unknown>): Promise<ResponseObject> {
  const request = new Request("http://local/v1/responses", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "windowed", ...body }),
  });
  const response = await toFetchResponse((await app.handle(fromFetchRequest(request)))!);
  expect(response.status).toBe(200);
  return (await response.json()) as ResponseObject;
}

const history = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "one two three four" },
  { role: "assistant", content: "five six seven eight" },
  { role: "user", content: "nine ten" },
  { role: "assistant", content: "eleven" },
  { role: "user", content: "last" },
];

describe("truncation", () => {
  it("disabled (the default) sends the whole history", async () => {
    await create({ input: history });
    expect(seen[0]!.messages).toHaveLength(6);
  });

  it("auto drops the oldest turns until the history fits the window, keeping instructions", async () => {
    const response = await create({ input: history, truncation: "auto" });
    expect(response.truncation).toBe("auto");
    expect(seen[0]!.messages.map((m) => m.content)).toEqual(["Be brief.", "nine ten", "eleven", "last"]);
  });
});

describe("the parameter policy as a function", () => {
  const base: CreateResponse = { model: "x" };
  const all = new Set<ModelOption>([
    "reasoningEffort",
    "reasoningSummary",
    "serviceTier",
    "verbosity",
    "promptCacheKey",
  ]);

  it("passes provider settings on only to a model that takes them", () => {
    const request: CreateResponse = {
      ...base,
      reasoning: { effort: "low", summary: "auto" },
      service_tier: "priority",
      text: { verbosity: "high" },
      prompt_cache_key: "k",
    };
    expect(resolveParameters(request, { options: all }).providerOptions).toEqual({
      reasoningEffort: "low",
      reasoningSummary: "auto",
      serviceTier: "priority",
      verbosity: "high",
      promptCacheKey: "k",
    });
    expect(() => resolveParameters(request, {})).toThrow(/reasoning\.effort/);
    // Hints are accepted without a taker, and not passed.
    expect(resolveParameters({ ...base, prompt_cache_key: "k" }, {}).providerOptions).toEqual({});
  });

  it("maps allowed_tools onto the offered tools and the mode", () => {
    const tool = (name: string) => ({ type: "function" as const, name });
    const parameters = resolveParameters({
      ...base,
      tools: [tool("a"), tool("b"), tool("c")],
      tool_choice: { type: "allowed_tools", mode: "auto", tools: [tool("c"), tool("a")] },
    });
    expect(parameters.clientTools.map((t) => t.name)).toEqual(["a", "c"]);
    expect(parameters.toolChoice).toBe("auto");
  });

  it("a json_schema format becomes the model's response format with strict", () => {
    const schema = { type: "object" };
    const parameters = resolveParameters({ ...base, text: { format: { type: "json_schema", name: "n", schema } } });
    expect(parameters.responseFormat).toEqual({ type: "json_schema", name: "n", schema, strict: false });
  });
});
