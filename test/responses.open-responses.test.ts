/**
 * The HTTP scenarios of the Open Responses compliance suite (openresponses/openresponses,
 * `bin/compliance-test.ts`), written here from the published Open Responses specification: no
 * package of the suite is published on npm or PyPI. Each scenario posts a create body the suite
 * posts, checks every field the spec's `ResponseResource` marks required with its type, and for
 * streams every event's own required fields, against every adapter. The score is printed.
 */
import { responsesProtocol } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_KINDS, startServer, type TestServer } from "./support/index.js";

type Json = Record<string, unknown>;
type Kind = "string" | "integer" | "number" | "boolean" | "object" | "array" | "null";

const kindOf = (value: unknown): Kind[] => {
  if (value === null) return ["null"];
  if (Array.isArray(value)) return ["array"];
  if (typeof value === "number") return Number.isInteger(value) ? ["integer", "number"] : ["number"];
  return [typeof value as Kind];
};

/** Open Responses' `ResponseResource`: each required field and the JSON types it may take. */
const RESPONSE_RESOURCE: Record<string, Kind[]> = {
  id: ["string"],
  object: ["string"],
  created_at: ["integer"],
  completed_at: ["integer", "null"],
  status: ["string"],
  incomplete_details: ["object", "null"],
  model: ["string"],
  previous_response_id: ["string", "null"],
  instructions: ["string", "array", "null"],
  output: ["array"],
  error: ["object", "null"],
  tools: ["array"],
  tool_choice: ["string", "object"],
  truncation: ["string"],
  parallel_tool_calls: ["boolean"],
  text: ["object"],
  top_p: ["number"],
  presence_penalty: ["number"],
  frequency_penalty: ["number"],
  top_logprobs: ["integer"],
  temperature: ["number"],
  reasoning: ["object", "null"],
  user: ["string", "null"],
  usage: ["object", "null"],
  max_output_tokens: ["integer", "null"],
  max_tool_calls: ["integer", "null"],
  store: ["boolean"],
  background: ["boolean"],
  service_tier: ["string"],
  metadata: ["object"],
  safety_identifier: ["string", "null"],
  prompt_cache_key: ["string", "null"],
};

/** Required fields of the stream events the scenarios see (beyond `type` and `sequence_number`). */
const EVENT_FIELDS: Record<string, Record<string, Kind[]>> = {
  "response.created": { response: ["object"] },
  "response.in_progress": { response: ["object"] },
  "response.completed": { response: ["object"] },
  "response.failed": { response: ["object"] },
  "response.incomplete": { response: ["object"] },
  "response.output_item.added": { output_index: ["integer"], item: ["object"] },
  "response.output_item.done": { output_index: ["integer"], item: ["object"] },
  "response.content_part.added": {
    item_id: ["string"],
    output_index: ["integer"],
    content_index: ["integer"],
    part: ["object"],
  },
  "response.content_part.done": {
    item_id: ["string"],
    output_index: ["integer"],
    content_index: ["integer"],
    part: ["object"],
  },
  "response.output_text.delta": {
    item_id: ["string"],
    output_index: ["integer"],
    content_index: ["integer"],
    delta: ["string"],
    logprobs: ["array"],
  },
  "response.output_text.done": {
    item_id: ["string"],
    output_index: ["integer"],
    content_index: ["integer"],
    text: ["string"],
    logprobs: ["array"],
  },
  "response.function_call_arguments.delta": { item_id: ["string"], output_index: ["integer"], delta: ["string"] },
  "response.function_call_arguments.done": { item_id: ["string"], output_index: ["integer"], arguments: ["string"] },
};

function fieldErrors(value: Json, fields: Record<string, Kind[]>, where: string): string[] {
  const errors: string[] = [];
  for (const [name, kinds] of Object.entries(fields)) {
    if (!(name in value)) errors.push(`${where}.${name}: required`);
    else if (!kindOf(value[name]).some((kind) => kinds.includes(kind))) {
      errors.push(`${where}.${name}: expected ${kinds.join(" | ")}, got ${JSON.stringify(value[name])}`);
    }
  }
  return errors;
}

function resourceErrors(response: Json, where = "response"): string[] {
  const errors = fieldErrors(response, RESPONSE_RESOURCE, where);
  if (response.object !== "response") errors.push(`${where}.object: expected "response"`);
  for (const [i, tool] of ((response.tools as Json[]) ?? []).entries()) {
    if (tool.type === "function")
      errors.push(...fieldErrors(tool, { name: ["string"], strict: ["boolean"] }, `${where}.tools[${i}]`));
  }
  for (const [i, item] of ((response.output as Json[]) ?? []).entries()) {
    errors.push(
      ...fieldErrors(item, { type: ["string"], id: ["string"], status: ["string"] }, `${where}.output[${i}]`),
    );
  }
  return errors;
}

interface Sse {
  events: Json[];
  errors: string[];
  final: Json | undefined;
}

async function readSse(res: Response): Promise<Sse> {
  const text = await res.text();
  const events: Json[] = [];
  const errors: string[] = [];
  let final: Json | undefined;
  let last = -1;
  for (const block of text.split("\n\n")) {
    const name = /^event: (.*)$/m.exec(block)?.[1];
    const data = block
      .split("\n")
      .filter((line) => line.startsWith("data: "))
      .map((line) => line.slice(6))
      .join("\n");
    if (!data || data === "[DONE]") continue;
    const event = JSON.parse(data) as Json;
    events.push(event);
    const type = String(event.type);
    if (name !== type) errors.push(`event name ${name} differs from type ${type}`);
    if (typeof event.sequence_number !== "number" || event.sequence_number <= last) {
      errors.push(`${type}: sequence_number ${event.sequence_number} does not increase`);
    } else last = event.sequence_number;
    errors.push(...fieldErrors(event, EVENT_FIELDS[type] ?? {}, type));
    if (event.response) {
      errors.push(...resourceErrors(event.response as Json, `${type}.response`));
      final = event.response as Json;
    }
  }
  return { events, errors, final };
}

interface Scenario {
  id: string;
  model: string;
  stream?: boolean;
  body: Json;
  check: (response: Json, sse?: Sse) => string[];
}

const hasOutput = (response: Json) => ((response.output as unknown[]).length > 0 ? [] : ["no output items"]);
const completed = (response: Json) => (response.status === "completed" ? [] : [`status ${String(response.status)}`]);
const hasOutputType = (type: string) => (response: Json) =>
  (response.output as Json[]).some((item) => item.type === type) ? [] : [`no ${type} output item`];

const weatherTool = {
  type: "function",
  name: "get_weather",
  description: "Get the current weather for a location",
  parameters: {
    type: "object",
    properties: { location: { type: "string", description: "A city" } },
    required: ["location"],
  },
};
const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const text = (role: string, content: string) => ({ type: "message", role, content });

const SCENARIOS: Scenario[] = [
  {
    id: "basic-response",
    model: "echo",
    body: { input: [text("user", "Say hello in exactly 3 words.")] },
    check: (r) => [...hasOutput(r), ...completed(r)],
  },
  {
    id: "streaming-response",
    model: "echo",
    stream: true,
    body: { input: [text("user", "Count from 1 to 5.")] },
    check: (r, sse) => [...(sse!.events.length ? [] : ["no events"]), ...completed(r)],
  },
  {
    id: "system-prompt",
    model: "echo",
    body: { input: [text("system", "You are a pirate."), text("user", "Say hello.")] },
    check: (r) => [...hasOutput(r), ...completed(r)],
  },
  {
    id: "tool-calling",
    model: "tools",
    body: { input: [text("user", "What's the weather like in San Francisco?")], tools: [weatherTool] },
    check: (r) => [...hasOutput(r), ...hasOutputType("function_call")(r)],
  },
  {
    id: "tool-calling-streaming",
    model: "tools",
    stream: true,
    body: { input: [text("user", "What's the weather like in San Francisco?")], tools: [weatherTool] },
    check: (_r, sse) => {
      const types = sse!.events.map((event) => event.type);
      const errors: string[] = [];
      for (const type of ["response.function_call_arguments.delta", "response.function_call_arguments.done"]) {
        if (!types.includes(type)) errors.push(`missing ${type}`);
      }
      for (const type of ["response.output_item.added", "response.output_item.done"]) {
        if (!sse!.events.some((e) => e.type === type && (e.item as Json).type === "function_call")) {
          errors.push(`missing ${type} with a function_call item`);
        }
      }
      return errors;
    },
  },
  {
    id: "image-input",
    model: "echo",
    body: {
      input: [
        {
          type: "message",
          role: "user",
          content: [
            { type: "input_text", text: "What do you see in this image?" },
            { type: "input_image", image_url: PNG },
          ],
        },
      ],
    },
    check: (r) => [...hasOutput(r), ...completed(r)],
  },
  {
    id: "image-url-input",
    model: "echo",
    body: {
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "Describe it." },
            { type: "input_image", image_url: "https://example.com/logo.png", detail: "auto" },
          ],
        },
      ],
    },
    check: (r) => [...hasOutput(r), ...completed(r)],
  },
  {
    id: "file-input",
    model: "echo",
    body: {
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "Summarise the file." },
            { type: "input_file", filename: "notes.txt", file_data: "data:text/plain;base64,aGVsbG8=" },
          ],
        },
      ],
    },
    check: (r) => [...hasOutput(r), ...completed(r)],
  },
  {
    id: "multi-turn",
    model: "echo",
    body: {
      input: [text("user", "My name is Alice."), text("assistant", "Hello Alice!"), text("user", "What is my name?")],
    },
    check: (r) => [...hasOutput(r), ...completed(r)],
  },
  {
    id: "assistant-phase",
    model: "echo",
    body: {
      input: [
        text("user", "Hi"),
        {
          type: "message",
          role: "assistant",
          phase: "final_answer",
          content: [{ type: "output_text", text: "Hello", annotations: [] }],
        },
        text("user", "Again"),
      ],
    },
    check: (r) => [...hasOutput(r), ...completed(r)],
  },
  {
    id: "reasoning-input",
    model: "echo",
    body: {
      input: [
        text("user", "Hi"),
        { type: "reasoning", summary: [{ type: "summary_text", text: "Greeting." }] },
        text("assistant", "Hello"),
        text("user", "Again"),
      ],
    },
    check: (r) => [...hasOutput(r), ...completed(r)],
  },
  {
    id: "sampling-parameters",
    model: "echo",
    body: {
      input: "Hi there",
      temperature: 0.5,
      top_p: 0.9,
      presence_penalty: 0,
      frequency_penalty: 0,
      top_logprobs: 0,
      truncation: "disabled",
      service_tier: "auto",
      parallel_tool_calls: true,
      max_tool_calls: 3,
      reasoning: null,
      include: [],
    },
    check: (r) => [
      ...completed(r),
      ...(r.temperature === 0.5 && r.top_p === 0.9 && r.max_tool_calls === 3 ? [] : ["parameters not echoed"]),
    ],
  },
  {
    id: "structured-output",
    model: "structured",
    body: {
      input: "Ada",
      text: {
        format: {
          type: "json_schema",
          name: "person",
          strict: true,
          schema: {
            type: "object",
            properties: { name: { type: "string" } },
            required: ["name"],
            additionalProperties: false,
          },
        },
      },
    },
    check: (r) => {
      const message = (r.output as Json[]).find((item) => item.type === "message");
      const part = (message?.content as Json[] | undefined)?.[0];
      return [...completed(r), ...(part?.text === '{"name":"Ada"}' ? [] : [`unexpected text ${String(part?.text)}`])];
    },
  },
  {
    id: "previous-response",
    model: "echo",
    body: { input: "Second turn" },
    check: (r) => [...completed(r), ...(typeof r.previous_response_id === "string" ? [] : ["no previous_response_id"])],
  },
  {
    id: "streaming-structured",
    model: "structured",
    stream: true,
    body: { input: "Bo", text: { format: { type: "json_object" } } },
    check: (r) => completed(r),
  },
  {
    id: "max-output-tokens",
    model: "echo",
    body: { input: "one two three four five", max_output_tokens: 2 },
    check: (r) =>
      r.status === "incomplete" && (r.incomplete_details as Json | null)?.reason === "max_output_tokens"
        ? []
        : [`status ${String(r.status)}`],
  },
];

const results: Record<string, { passed: number; failed: string[] }> = {};

describe.each(SERVER_KINDS)("Open Responses compliance scenarios over %s", (adapter) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(adapter, { protocols: [responsesProtocol({ agents: fixtureAgents })] });
    results[adapter] = { passed: 0, failed: [] };
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (body: Json) =>
    fetch(`${server.url}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer test" },
      body: JSON.stringify(body),
    });

  it.each(SCENARIOS)("$id", async (scenario) => {
    const body: Json = { model: scenario.model, ...scenario.body, stream: scenario.stream ?? false };
    if (scenario.id === "previous-response") {
      const first = (await (await post({ model: "echo", input: "First turn" })).json()) as Json;
      body.previous_response_id = first.id;
    }
    const res = await post(body);
    const errors: string[] = [];
    let response: Json | undefined;
    let sse: Sse | undefined;
    if (!res.ok) errors.push(`HTTP ${res.status}: ${await res.text()}`);
    else if (scenario.stream) {
      sse = await readSse(res);
      errors.push(...sse.errors);
      response = sse.final;
      if (!response) errors.push("no final response in the stream");
    } else {
      response = (await res.json()) as Json;
      errors.push(...resourceErrors(response));
    }
    if (response) errors.push(...scenario.check(response, sse));
    if (errors.length === 0) results[adapter]!.passed++;
    else results[adapter]!.failed.push(scenario.id);
    expect(errors).toEqual([]);
  });

  it("reports the score", () => {
    const score = results[adapter]!;
    console.log(`Open Responses compliance over ${adapter}: ${score.passed}/${SCENARIOS.length} passed`);
    expect(score.failed).toEqual([]);
    expect(score.passed).toBe(SCENARIOS.length);
  });
});
