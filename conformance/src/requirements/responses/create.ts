import type { ResponseItemList } from "@switchboard/protocol/responses";
import { show, type TestContext } from "../../context.js";
import { defineRequirements, words } from "../define.js";
import { call, createOk, expectError, expectStatus, LOOKUP_TOOL, outputText, retrieve, WORDS } from "./client.js";
import { CREATE, isSeconds, itemsInput, S3 } from "./shared.js";

// ── Create ────────────────────────────────────────────────────────────────────────────────
export const createRequirements = defineRequirements("responses", [
  {
    id: "RESP-CREATE-001",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${S3}; ${CREATE}`,
    statement: "POST /v1/responses answers 200 application/json with a completed response object",
    async run(t: TestContext) {
      const response = await createOk(t, { model: "echo", input: "hello" });
      t.equal(response.object, "response", "object");
      t.equal(response.status, "completed", "status");
      t.equal(response.model, "echo", "model");
      t.equal(response.error, null, "error");
    },
  },
  {
    id: "RESP-CREATE-002",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `DESIGN §7 (echo); ${CREATE}`,
    statement: "the echo fixture replies with the user's text verbatim (punctuation, repeated spaces, non-ASCII kept)",
    async run(t: TestContext) {
      const input = "Hello,  wörld! ✓ 42 — done.";
      const response = await createOk(t, { model: "echo", input });
      t.equal(outputText(response), input, "reply text");
      const message = response.output.find((i) => i.type === "message");
      t.check(message && message.role === "assistant", `no assistant message in output ${show(response.output)}`);
    },
  },
  {
    id: "RESP-CREATE-003",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${S3}; Responses.InputItem`,
    statement:
      "input given as items (system, developer, user, assistant messages; string or input_text/output_text parts) is accepted; echo replies with the last user message",
    async run(t: TestContext) {
      const response = await createOk(t, {
        model: "echo",
        input: [
          { role: "system", content: "Be brief." },
          { role: "developer", content: [{ type: "input_text", text: "Answer in English." }] },
          { type: "message", role: "user", content: "first question" },
          { role: "assistant", content: [{ type: "output_text", text: "first answer", annotations: [] }] },
          { role: "user", content: [{ type: "input_text", text: "second question" }] },
        ],
      });
      t.equal(outputText(response), "second question", "reply text");
    },
  },
  {
    id: "RESP-CREATE-004",
    level: "MUST",
    kind: "extension",
    section: `${S3}; Responses.ResponseObject`,
    statement: "a response's id starts with resp_",
    async run(t: TestContext) {
      const response = await createOk(t, { model: "echo", input: "prefix" });
      t.check(response.id.startsWith("resp_"), `id ${show(response.id)} does not start with resp_`);
    },
  },
  {
    id: "RESP-CREATE-012",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: "Responses.ResponseObject",
    statement: "created_at and completed_at are integer Unix seconds, completed_at not before created_at",
    async run(t: TestContext) {
      const response = await createOk(t, { model: "echo", input: "timestamps" });
      t.check(isSeconds(response.created_at), `created_at ${show(response.created_at)} is not integer Unix seconds`);
      t.check(
        isSeconds(response.completed_at),
        `completed_at ${show(response.completed_at)} is not integer Unix seconds`,
      );
      t.check((response.completed_at as number) >= response.created_at, "completed_at is before created_at");
    },
  },
  {
    id: "RESP-CREATE-005",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `DESIGN §7 (echo); Responses.ResponseUsage`,
    statement: "usage: output_tokens counts the echo reply's words and total_tokens = input_tokens + output_tokens",
    async run(t: TestContext) {
      const response = await createOk(t, { model: "echo", input: WORDS });
      const usage = response.usage;
      t.require(usage, "usage is null");
      t.equal(usage.output_tokens, words(WORDS).length, "usage.output_tokens (words of the reply)");
      t.equal(usage.total_tokens, usage.input_tokens + usage.output_tokens, "usage.total_tokens");
    },
  },
  {
    id: "RESP-CREATE-006",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${S3}; Responses.CreateResponse`,
    statement:
      "instructions, metadata, temperature, top_p, max_output_tokens, tools, tool_choice, parallel_tool_calls and user are honoured and echoed in the response",
    async run(t: TestContext) {
      const body = {
        model: "echo",
        input: "fields",
        instructions: "Reply plainly.",
        metadata: { ticket: "T-1", team: "conformance" },
        temperature: 0.5,
        top_p: 0.9,
        max_output_tokens: 100,
        tools: [LOOKUP_TOOL],
        tool_choice: "none",
        parallel_tool_calls: false,
        user: "user-123",
      };
      const response = await createOk(t, body);
      t.equal(response.instructions, body.instructions, "instructions");
      t.equal(response.metadata, body.metadata, "metadata");
      t.equal(response.temperature, body.temperature, "temperature");
      t.equal(response.top_p, body.top_p, "top_p");
      t.equal(response.max_output_tokens, body.max_output_tokens, "max_output_tokens");
      t.equal(response.tool_choice, body.tool_choice, "tool_choice");
      t.equal(response.parallel_tool_calls, false, "parallel_tool_calls");
      t.equal(response.user, body.user, "user");
      t.equal(
        response.tools.map((tool) => tool.name),
        ["lookup"],
        "tools",
      );
      t.equal(outputText(response), "fields", "reply text");
    },
  },
  {
    id: "RESP-CREATE-007",
    level: "SHOULD",
    kind: "extension",
    section: "Responses.OutputMessage",
    statement: "an output message's id starts with msg_ and it has status completed",
    async run(t: TestContext) {
      const response = await createOk(t, { model: "echo", input: "ids" });
      const message = response.output.find((i) => i.type === "message");
      t.require(message, "no message in output");
      t.require(message.id.startsWith("msg_"), `message id ${show(message.id)} does not start with msg_`);
      t.equal(message.status, "completed", "message status");
    },
  },
  {
    id: "RESP-CREATE-008",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: `${S3}; Responses.CreateResponse.store`,
    statement: "store: false answers normally but the response is not stored (GET → 404) and reports store false",
    async run(t: TestContext) {
      const response = await createOk(t, { model: "echo", input: "forget me", store: false });
      t.equal(response.store, false, "store");
      t.equal(outputText(response), "forget me", "reply text");
      const res = await retrieve(t, response.id);
      expectError(t, res, 404, "GET of an unstored response");
    },
  },
  {
    id: "RESP-CREATE-009",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: "Responses.CreateResponse.max_output_tokens; Responses.IncompleteDetails",
    statement: "reaching max_output_tokens ends the response with status incomplete and reason max_output_tokens",
    async run(t: TestContext) {
      const response = await createOk(t, { model: "echo", input: "one two three four five six", max_output_tokens: 2 });
      t.equal(response.status, "incomplete", "status");
      t.equal(response.incomplete_details, { reason: "max_output_tokens" }, "incomplete_details");
      t.check(
        (response.usage?.output_tokens ?? Infinity) <= 2,
        `output_tokens ${show(response.usage?.output_tokens)} > 2`,
      );
    },
  },

  {
    id: "RESP-CREATE-010",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: "Responses.InputMessage.id; Responses.ResponsesOperations.listInputItems",
    statement: "items read back from input_items (with their id and status) can be sent again unchanged as input",
    async run(t: TestContext) {
      const first = await createOk(t, { model: "echo", input: [...itemsInput] });
      const listed = await call(t, "GET", `/v1/responses/${first.id}/input_items?order=asc`, "ResponseItemList");
      expectStatus(t, listed, 200, "GET input_items");
      const again = await createOk(t, { model: "echo", input: (listed.json as ResponseItemList).data });
      t.equal(outputText(again), "second", "reply text");
    },
  },
  {
    id: "RESP-CREATE-011",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: "Responses.CreateResponse; Responses.ResponseObject",
    statement:
      "fields left out take their documented defaults: store true, background false, parallel_tool_calls true, metadata {}, instructions null, previous_response_id null",
    async run(t: TestContext) {
      const response = await createOk(t, { model: "echo", input: "defaults" });
      t.equal(response.store, true, "store");
      t.equal(response.background, false, "background");
      t.equal(response.parallel_tool_calls, true, "parallel_tool_calls");
      t.equal(response.metadata, {}, "metadata");
      t.equal(response.instructions, null, "instructions");
      t.equal(response.previous_response_id, null, "previous_response_id");
    },
  },
]);
