// Responses parity with OpenAI and Open Responses (DESIGN §3): the parameter policy, the full
// response object, multimodal and reasoning input, structured output, conversations, input token
// counts and compaction. Each requirement says whose rule it is: `core` ones name the anchor
// profiles whose specification states it, `extension` ones are Switchboard's own policy.
import type { ResponseObject } from "@switchboard/protocol/responses";
import { show, type TestContext } from "../../context.js";
import { defineRequirements, isObject } from "../define.js";
import {
  call,
  createOk,
  expectError,
  expectStatus,
  LOOKUP_TOOL,
  outputText,
  SECOND_TOOL,
  streamCreate,
} from "./client.js";

const S3 = "DESIGN §3";
const BOTH = ["openai", "open-responses"] as const;
const core = <T extends object>(r: T, profiles: readonly ("openai" | "open-responses")[] = BOTH) => ({
  ...r,
  kind: "core" as const,
  profiles,
});
const extension = <T extends object>(r: T) => ({ ...r, kind: "extension" as const });

const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/** The fields Open Responses' ResponseResource requires as numbers, and those it requires at all. */
const NUMBERS = ["temperature", "top_p", "presence_penalty", "frequency_penalty", "top_logprobs"] as const;
const REQUIRED = [
  "max_tool_calls",
  "service_tier",
  "reasoning",
  "safety_identifier",
  "prompt_cache_key",
  "user",
  "truncation",
  "text",
] as const;

function checkResourceFields(t: TestContext, response: Record<string, unknown>, where: string): void {
  for (const name of NUMBERS) {
    t.check(typeof response[name] === "number", `${where}.${name} is ${show(response[name])}, not a number`);
  }
  for (const name of REQUIRED) t.check(name in response, `${where} has no ${name}`);
}

const PERSON = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" } },
  required: ["name", "age"],
  additionalProperties: false,
};

async function conversation(t: TestContext, body: Record<string, unknown> = {}): Promise<string> {
  const res = await call(t, "POST", "/v1/conversations", "Conversation", body);
  expectStatus(t, res, 200, "POST /v1/conversations");
  const id = (res.json as { id: string }).id;
  t.defer(() => t.http.request("DELETE", `/v1/conversations/${encodeURIComponent(id)}`));
  return id;
}

export const parityRequirements = defineRequirements("responses", [
  core({
    id: "RESP-PARAM-001",
    level: "MUST",
    section: `${S3}; CreateResponse`,
    statement:
      "every create parameter at its default or null value is accepted: include [], reasoning null, truncation disabled, service_tier auto, top_logprobs 0, max_tool_calls null, prompt_cache_key null, safety_identifier null, stream_options null, text.verbosity medium",
    async run(t: TestContext) {
      const response = await createOk(t, {
        model: "echo",
        input: "defaults",
        include: [],
        reasoning: null,
        truncation: "disabled",
        service_tier: "auto",
        top_logprobs: 0,
        max_tool_calls: null,
        prompt_cache_key: null,
        safety_identifier: null,
        stream_options: null,
        prompt: null,
        text: { format: { type: "text" }, verbosity: "medium" },
      });
      t.equal(response.status, "completed", "status");
    },
  }),
  extension({
    id: "RESP-PARAM-002",
    level: "MUST",
    section: `${S3} (parameter policy)`,
    statement:
      "a non-default value the chosen agent cannot honour (reasoning effort or a service tier on a scripted model, a hosted tool) is a 400 whose param names it",
    async run(t: TestContext) {
      const cases: Array<[string, Record<string, unknown>]> = [
        ["reasoning.effort", { reasoning: { effort: "high" } }],
        ["service_tier", { service_tier: "flex" }],
        ["tools[0].type", { tools: [{ type: "web_search" }] }],
      ];
      for (const [param, extra] of cases) {
        const res = await call(t, "POST", "/v1/responses", undefined, { model: "echo", input: "x", ...extra });
        expectError(t, res, 400, `create with ${param}`, { param });
      }
    },
  }),
  core({
    id: "RESP-PARAM-003",
    level: "MUST",
    section: `${S3}; ResponseObject`,
    statement:
      "a response carries every field Open Responses' ResponseResource requires, sampling settings as numbers, in the JSON body and in every stream event carrying the response",
    async run(t: TestContext) {
      const response = await createOk(t, { model: "echo", input: "fields" });
      checkResourceFields(t, response as unknown as Record<string, unknown>, "response");
      const { events } = await streamCreate(t, { model: "echo", input: "fields" });
      for (const event of events) {
        if ("response" in event)
          checkResourceFields(t, event.response as unknown as Record<string, unknown>, event.type);
      }
    },
  }),
  core({
    id: "RESP-PARAM-004",
    level: "MUST",
    section: `${S3}; FunctionToolEcho`,
    statement: "the tools of a response echo each function tool with its strict (true when the request left it out)",
    async run(t: TestContext) {
      const { strict: _, ...loose } = LOOKUP_TOOL;
      const response = await createOk(t, { model: "echo", input: "x", tools: [loose, LOOKUP_TOOL] });
      t.equal(
        response.tools.map((tool) => tool.strict),
        [true, false],
        "tools[].strict (left out, then false)",
      );
    },
  }),
  core({
    id: "RESP-PARAM-005",
    level: "MUST",
    section: `${S3}; ToolChoiceAllowed`,
    statement: "tool_choice allowed_tools restricts the functions the agent may call to the listed ones",
    async run(t: TestContext) {
      const response = await createOk(t, {
        model: "tools",
        input: "x",
        tools: [LOOKUP_TOOL, SECOND_TOOL],
        tool_choice: { type: "allowed_tools", mode: "required", tools: [{ type: "function", name: SECOND_TOOL.name }] },
      });
      const calls = response.output.filter((item) => item.type === "function_call");
      t.equal(
        calls.map((item) => (item.type === "function_call" ? item.name : "")),
        [SECOND_TOOL.name],
        "the functions called",
      );
    },
  }),
  core(
    {
      id: "RESP-INPUT-001",
      level: "MUST",
      section: `${S3}; InputImageContent, InputFileContent`,
      statement:
        "input_image (data URL or https URL) and input_file (file_data, file_url, filename) parts are accepted, stored and listed by input_items",
      async run(t: TestContext) {
        const content = [
          { type: "input_text", text: "look" },
          { type: "input_image", image_url: PNG, detail: "low" },
          { type: "input_image", image_url: "https://example.com/a.png", detail: "auto" },
          { type: "input_file", filename: "a.txt", file_data: "data:text/plain;base64,aGk=" },
          { type: "input_file", file_url: "https://example.com/a.pdf" },
        ];
        const response = await createOk(t, { model: "echo", input: [{ role: "user", content }] });
        t.equal(outputText(response), "look", "the echo of the text part");
        const res = await call(t, "GET", `/v1/responses/${response.id}/input_items`, "ResponseItemList");
        const first = (res.json as { data: Array<{ content?: unknown }> }).data[0];
        t.equal(first?.content, content, "the stored content");
      },
    },
    ["openai"],
  ),
  core({
    id: "RESP-INPUT-002",
    level: "MUST",
    section: `${S3}; InputMessage.phase, ReasoningInput`,
    statement: "assistant messages with phase and reasoning items are accepted as input",
    async run(t: TestContext) {
      const response = await createOk(t, {
        model: "echo",
        input: [
          { role: "user", content: "hi" },
          { type: "reasoning", summary: [{ type: "summary_text", text: "greeting" }] },
          { role: "assistant", content: "hello", phase: "final_answer" },
          { role: "user", content: "again" },
        ],
      });
      t.equal(outputText(response), "again", "the echo of the last user message");
    },
  }),
  core(
    {
      id: "RESP-INPUT-003",
      level: "MUST",
      section: `${S3}; ItemReferenceInput`,
      statement: "an item_reference is replaced by the stored item it names; an unknown id is a 400 naming it",
      async run(t: TestContext) {
        const first = await createOk(t, { model: "echo", input: "stored" });
        const input = await call(t, "GET", `/v1/responses/${first.id}/input_items`, "ResponseItemList");
        const itemId = (input.json as { data: Array<{ id: string }> }).data[0]!.id;
        const second = await createOk(t, {
          model: "echo",
          input: [{ type: "item_reference", id: itemId }],
        });
        t.equal(outputText(second), "stored", "the echo of the referenced message");
        const bad = await call(t, "POST", "/v1/responses", undefined, {
          model: "echo",
          input: [{ type: "item_reference", id: "msg_does_not_exist" }],
        });
        expectError(t, bad, 400, "an unknown item_reference", { param: "input[0].id" });
      },
    },
    ["openai"],
  ),
  core({
    id: "RESP-FORMAT-001",
    level: "MUST",
    section: `${S3}; TextFormatJsonSchema`,
    statement:
      "text.format json_schema is honoured: the structured fixture answers with JSON conforming to the schema, and the format is echoed",
    async run(t: TestContext) {
      const format = { type: "json_schema", name: "person", schema: PERSON, strict: true };
      const response = await createOk(t, { model: "structured", input: "Ada", text: { format } });
      t.equal(JSON.parse(outputText(response)), { name: "Ada", age: 0 }, "the parsed output");
      t.check(isObject(response.text) && isObject(response.text.format), "text.format is echoed");
      t.equal((response.text.format as { name?: string }).name, "person", "text.format.name");
    },
  }),
  core({
    id: "RESP-FORMAT-002",
    level: "MUST",
    section: `${S3}; TextFormatJsonSchema`,
    statement: "a final reply that does not conform to text.format fails the response (status failed, error set)",
    async run(t: TestContext) {
      const response = await createOk(t, {
        model: "echo",
        input: "not json at all",
        text: { format: { type: "json_schema", name: "person", schema: PERSON } },
      });
      t.equal(response.status, "failed", "status");
      t.check(response.error !== null, "error is set");
    },
  }),
  core(
    {
      id: "RESP-CONV-001",
      level: "MUST",
      section: `${S3}; ConversationsOperations`,
      statement:
        "conversations are created, retrieved, updated and deleted; their items are listed, added, read and deleted",
      async run(t: TestContext) {
        const id = await conversation(t, { metadata: { a: "1" }, items: [{ role: "user", content: "one" }] });
        const got = await call(t, "GET", `/v1/conversations/${id}`, "Conversation");
        t.equal((got.json as { metadata: unknown }).metadata, { a: "1" }, "metadata");
        const updated = await call(t, "POST", `/v1/conversations/${id}`, "Conversation", { metadata: { a: "2" } });
        t.equal((updated.json as { metadata: unknown }).metadata, { a: "2" }, "updated metadata");
        const added = await call(t, "POST", `/v1/conversations/${id}/items`, "ConversationItemList", {
          items: [{ role: "user", content: "two" }],
        });
        const itemId = (added.json as { data: Array<{ id: string }> }).data[0]!.id;
        expectStatus(
          t,
          await call(t, "GET", `/v1/conversations/${id}/items/${itemId}`, "ItemResource"),
          200,
          "get item",
        );
        const listed = await call(t, "GET", `/v1/conversations/${id}/items?order=asc`, "ConversationItemList");
        t.equal((listed.json as { data: unknown[] }).data.length, 2, "items listed");
        expectStatus(
          t,
          await call(t, "DELETE", `/v1/conversations/${id}/items/${itemId}`, "Conversation"),
          200,
          "delete item",
        );
        expectError(t, await call(t, "GET", `/v1/conversations/${id}/items/${itemId}`), 404, "a deleted item");
        expectStatus(t, await call(t, "DELETE", `/v1/conversations/${id}`, "DeletedConversation"), 200, "delete");
        expectError(t, await call(t, "GET", `/v1/conversations/${id}`), 404, "a deleted conversation");
      },
    },
    ["openai"],
  ),
  core(
    {
      id: "RESP-CONV-002",
      level: "MUST",
      section: `${S3}; CreateResponse.conversation`,
      statement:
        "a response created with conversation sees its items before the input, and its input and output are appended to it",
      async run(t: TestContext) {
        const id = await conversation(t, { items: [{ role: "user", content: "from the conversation" }] });
        const response = await createOk(t, { model: "echo", conversation: id });
        t.equal(outputText(response), "from the conversation", "the echo of the conversation's item");
        t.equal(response.conversation, { id }, "response.conversation");
        await createOk(t, { model: "echo", conversation: { id }, input: "next" });
        const listed = await call(t, "GET", `/v1/conversations/${id}/items?order=asc`, "ConversationItemList");
        const roles = (listed.json as { data: Array<{ role?: string }> }).data.map((item) => item.role);
        t.equal(roles, ["user", "assistant", "user", "assistant"], "the roles of the items");
      },
    },
    ["openai"],
  ),
  core({
    id: "RESP-TOKENS-001",
    level: "MUST",
    section: `${S3}; ResponsesUtilities.inputTokens`,
    statement:
      "POST /v1/responses/input_tokens answers {object: response.input_tokens, input_tokens}; the echo fixture counts words",
    async run(t: TestContext) {
      const res = await call(t, "POST", "/v1/responses/input_tokens", "InputTokensCount", {
        model: "echo",
        input: "one two three four",
      });
      expectStatus(t, res, 200, "POST /v1/responses/input_tokens");
      t.equal(res.json, { object: "response.input_tokens", input_tokens: 4 }, "the count");
    },
  }),
  core({
    id: "RESP-COMPACT-001",
    level: "MUST",
    section: `${S3}; ResponsesUtilities.compact`,
    statement:
      "POST /v1/responses/compact answers a response.compaction whose output keeps the user messages and ends with a compaction item that works as input",
    async run(t: TestContext) {
      const first = await createOk(t, { model: "echo", input: "alpha" });
      const res = await call(t, "POST", "/v1/responses/compact", "CompactedResponse", {
        model: "echo",
        previous_response_id: first.id,
      });
      expectStatus(t, res, 200, "POST /v1/responses/compact");
      const output = (res.json as { output: Array<{ type: string }> }).output;
      t.equal(
        output.map((item) => item.type),
        ["message", "compaction"],
        "the output's item types",
      );
      const next = await createOk(t, { model: "echo", input: [...output, { role: "user", content: "beta" }] });
      t.equal(outputText(next as ResponseObject), "beta", "the echo after the compaction");
    },
  }),
  extension({
    id: "RESP-ROUTES-001",
    level: "MUST",
    section: `${S3}; routes`,
    statement: "input_tokens and compact are never taken for response ids: another method on them is a 405 naming POST",
    async run(t: TestContext) {
      for (const path of ["/v1/responses/input_tokens", "/v1/responses/compact"]) {
        const res = await call(t, "GET", path);
        expectError(t, res, 405, `GET ${path}`);
        t.check(/POST/.test(res.headers.allow ?? ""), `GET ${path}: Allow names POST`);
      }
    },
  }),
]);
