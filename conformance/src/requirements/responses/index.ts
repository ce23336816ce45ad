import type { ResponseItemList, ResponseObject, ResponseStreamEvent } from "@switchboard/protocol/responses";
import { show, type TestContext } from "../../context.js";
import { defineRequirements, isOneWord, OVERSIZE_BYTES, words } from "../define.js";
import {
  call,
  create,
  createdId,
  createOk,
  ERROR_SCHEMA,
  expectError,
  expectStatus,
  LOOKUP_TOOL,
  outputText,
  readStream,
  readUntil,
  retrieve,
  SECOND_TOOL,
  startStream,
  streamCreate,
  WORDS,
} from "./client.js";

const CREATE = "Responses.ResponsesOperations.create";
const RETRIEVE = "Responses.ResponsesOperations.retrieve";
const S3 = "DESIGN §3";

/** A text reply of the echo fixture, streamed. */
const echoStream = (t: TestContext, input = WORDS) => streamCreate(t, { model: "echo", input });

function byType<T extends ResponseStreamEvent["type"]>(events: ResponseStreamEvent[], type: T) {
  return events.filter((e): e is Extract<ResponseStreamEvent, { type: T }> => e.type === type);
}

function terminal(events: ResponseStreamEvent[]): ResponseStreamEvent | undefined {
  return events.find(
    (e) => e.type === "response.completed" || e.type === "response.failed" || e.type === "response.incomplete",
  );
}

function isSeconds(value: unknown): boolean {
  // Integer seconds since 1970, not milliseconds: before the year 5138.
  return Number.isInteger(value) && (value as number) > 1_000_000_000 && (value as number) < 1e11;
}

function functionCalls(response: ResponseObject) {
  return response.output.filter((i) => i.type === "function_call");
}

async function toolCallResponse(t: TestContext, input: string) {
  const response = await createOk(t, { model: "tools", input, tools: [LOOKUP_TOOL, SECOND_TOOL] });
  const calls = functionCalls(response);
  t.check(calls.length > 0, `the tools fixture made no function_call: output ${show(response.output)}`);
  return { response, call: calls[0]! };
}

/** Starts a background response of the slow fixture; the run's cleanup cancels it. */
async function slowBackground(t: TestContext): Promise<ResponseObject> {
  const response = await createOk(t, { model: "slow", input: "go", background: true });
  t.defer(() => t.http.request("POST", `/v1/responses/${response.id}/cancel`));
  return response;
}

async function pollUntil(t: TestContext, id: string, done: (r: ResponseObject) => boolean, what: string) {
  return t.eventually(what, async () => {
    const res = await retrieve(t, id);
    expectStatus(t, res, 200, `GET /v1/responses/${id}`);
    const response = res.json as ResponseObject;
    return done(response) ? response : undefined;
  });
}

export const responsesRequirements = defineRequirements("responses", [
  // ── Models ────────────────────────────────────────────────────────────────────────────────
  {
    id: "RESP-MODELS-001",
    level: "MUST",
    section: `${S3}; Responses.ModelsOperations.list`,
    statement: "GET /v1/models lists the served agents, including the fixtures echo, tools and slow, as a model list",
    async run(t: TestContext) {
      const res = await call(t, "GET", "/v1/models", "ModelList");
      expectStatus(t, res, 200, "GET /v1/models");
      const ids = ((res.json as { data?: { id?: unknown }[] }).data ?? []).map((m) => m.id);
      for (const name of ["echo", "tools", "slow"])
        t.check(ids.includes(name), `model ${name} missing from ${show(ids)}`);
    },
  },
  {
    id: "RESP-MODELS-002",
    level: "MUST",
    section: `${S3}; Responses.ModelsOperations.retrieve`,
    statement: "GET /v1/models/{id} returns the served agent as a model object",
    async run(t: TestContext) {
      const res = await call(t, "GET", "/v1/models/echo", "ModelInfo");
      expectStatus(t, res, 200, "GET /v1/models/echo");
      t.equal((res.json as { id?: unknown }).id, "echo", "model id");
    },
  },
  {
    id: "RESP-MODELS-003",
    level: "MUST",
    section: `${S3}; Responses.ModelsOperations.retrieve`,
    statement: "GET /v1/models/{id} of an unknown agent is 404 in the OpenAI error envelope",
    async run(t: TestContext) {
      const res = await call(t, "GET", `/v1/models/${t.unique("no-such-model")}`, "ModelInfo");
      expectError(t, res, 404, "GET /v1/models/<unknown>");
    },
  },

  // ── Create ────────────────────────────────────────────────────────────────────────────────
  {
    id: "RESP-CREATE-001",
    level: "MUST",
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
    section: `${S3}; Responses.ResponseObject`,
    statement: "a response's id starts with resp_ and created_at/completed_at are integer Unix seconds",
    async run(t: TestContext) {
      const response = await createOk(t, { model: "echo", input: "timestamps" });
      t.check(response.id.startsWith("resp_"), `id ${show(response.id)} does not start with resp_`);
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
    section: `DESIGN §7 (echo); Responses.ResponseUsage`,
    statement: "usage: output_tokens counts the echo reply's words and total_tokens = input_tokens + output_tokens",
    async run(t: TestContext) {
      const response = await createOk(t, { model: "echo", input: WORDS });
      const usage = response.usage;
      t.check(usage, "usage is null");
      t.equal(usage.output_tokens, words(WORDS).length, "usage.output_tokens (words of the reply)");
      t.equal(usage.total_tokens, usage.input_tokens + usage.output_tokens, "usage.total_tokens");
    },
  },
  {
    id: "RESP-CREATE-006",
    level: "MUST",
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
    section: "Responses.OutputMessage",
    statement: "an output message's id starts with msg_ and it has status completed",
    async run(t: TestContext) {
      const response = await createOk(t, { model: "echo", input: "ids" });
      const message = response.output.find((i) => i.type === "message");
      t.check(message, "no message in output");
      t.check(message.id.startsWith("msg_"), `message id ${show(message.id)} does not start with msg_`);
      t.equal(message.status, "completed", "message status");
    },
  },
  {
    id: "RESP-CREATE-008",
    level: "MUST",
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

  // ── Chaining ──────────────────────────────────────────────────────────────────────────────
  {
    id: "RESP-CHAIN-001",
    level: "MUST",
    section: `${S3}; Responses.CreateResponse.previous_response_id`,
    statement: "previous_response_id continues a stored response and is echoed in the new response",
    async run(t: TestContext) {
      const first = await createOk(t, { model: "echo", input: "first" });
      const second = await createOk(t, { model: "echo", input: "second", previous_response_id: first.id });
      t.equal(second.previous_response_id, first.id, "previous_response_id");
      t.equal(outputText(second), "second", "reply text");
      t.check(second.id !== first.id, "the continuation reused the previous id");
    },
  },
  {
    id: "RESP-CHAIN-002",
    level: "MUST",
    section: `${S3}; Responses.CreateResponse.previous_response_id`,
    statement: "an unknown previous_response_id is 404 in the error envelope",
    async run(t: TestContext) {
      const res = await create(t, { model: "echo", input: "x", previous_response_id: `resp_${t.unique("missing")}` });
      expectError(t, res, 404, "unknown previous_response_id");
    },
  },
  {
    id: "RESP-CHAIN-003",
    level: "MUST",
    section: "Responses.CreateResponse.instructions",
    statement: "instructions apply to their own response only: a continuation does not inherit them",
    async run(t: TestContext) {
      const first = await createOk(t, { model: "echo", input: "first", instructions: "Only for the first." });
      t.equal(first.instructions, "Only for the first.", "first instructions");
      const second = await createOk(t, { model: "echo", input: "second", previous_response_id: first.id });
      t.equal(second.instructions, null, "instructions of the continuation");
    },
  },
  {
    id: "RESP-CHAIN-006",
    level: "MUST",
    section: "Responses.CreateResponse.previous_response_id",
    statement: "an empty previous_response_id is 400 naming previous_response_id",
    async run(t: TestContext) {
      const res = await create(t, { model: "echo", input: "x", previous_response_id: "" });
      expectError(t, res, 400, "empty previous_response_id", { param: "previous_response_id" });
    },
  },
  {
    id: "RESP-CHAIN-004",
    level: "MUST",
    section: "Responses.CreateResponse.previous_response_id",
    statement: "continuing a response created with store: false is 404",
    async run(t: TestContext) {
      const unstored = await createOk(t, { model: "echo", input: "gone", store: false });
      const res = await create(t, { model: "echo", input: "next", previous_response_id: unstored.id });
      expectError(t, res, 404, "previous_response_id of an unstored response");
    },
  },
  {
    id: "RESP-CHAIN-005",
    level: "MUST",
    section: "Responses.CreateResponse.previous_response_id",
    statement: "continuing a response that is still queued or in progress is 409 response_in_progress",
    async run(t: TestContext) {
      const running = await slowBackground(t);
      const res = await create(t, { model: "echo", input: "too early", previous_response_id: running.id });
      expectError(t, res, 409, "previous_response_id of a running response", { code: "response_in_progress" });
    },
  },

  // ── Streaming ─────────────────────────────────────────────────────────────────────────────
  {
    id: "RESP-STREAM-001",
    level: "MUST",
    section: `${S3}; ${CREATE}`,
    statement: "stream: true answers 200 with Content-Type text/event-stream",
    async run(t: TestContext) {
      const res = await startStream(t, { model: "echo", input: "stream" });
      t.equal(res.status, 200, "status");
      await readStream(t, res, "stream");
    },
  },
  {
    id: "RESP-STREAM-002",
    level: "MUST",
    section: `${S3}; Responses.ResponseSseFrame`,
    statement: "every frame's event: line equals the type of its JSON data",
    async run(t: TestContext) {
      const { frames } = await echoStream(t);
      frames.forEach((frame, i) => {
        if (frame.data === "[DONE]") return;
        const type = (JSON.parse(frame.data ?? "null") as { type?: unknown } | null)?.type;
        t.check(frame.event === type, `frame #${i}: event ${show(frame.event)} but data.type ${show(type)}`);
      });
    },
  },
  {
    id: "RESP-STREAM-003",
    level: "MUST",
    section: `${S3}; Responses.ResponseStreamEvent`,
    statement: "sequence_number starts at 0 and increases by exactly one per event",
    async run(t: TestContext) {
      const { events } = await echoStream(t);
      for (const [i, e] of events.entries()) {
        t.check(e.sequence_number === i, `event #${i} (${e.type}) has sequence_number ${show(e.sequence_number)}`);
      }
    },
  },
  {
    id: "RESP-STREAM-004",
    level: "MUST",
    section: `${S3}; Responses.ResponseSseFrame`,
    statement: "the stream ends with data: [DONE] and nothing follows it",
    async run(t: TestContext) {
      const { frames, doneAt } = await echoStream(t);
      t.check(doneAt !== -1, "no data: [DONE] frame");
      t.equal(doneAt, frames.length - 1, "position of [DONE] (frames after it)");
    },
  },
  {
    id: "RESP-STREAM-005",
    level: "MUST",
    section: `${S3}; ${CREATE}`,
    statement:
      "a text reply streams created, in_progress, output_item.added, content_part.added, output_text.delta*, output_text.done, content_part.done, output_item.done, completed",
    async run(t: TestContext) {
      const { events } = await echoStream(t);
      const types = events
        .map((e) => e.type)
        .filter((type, i, all) => type !== "response.output_text.delta" || all[i - 1] !== type);
      t.equal(
        types,
        [
          "response.created",
          "response.in_progress",
          "response.output_item.added",
          "response.content_part.added",
          "response.output_text.delta",
          "response.output_text.done",
          "response.content_part.done",
          "response.output_item.done",
          "response.completed",
        ],
        "event types (repeated deltas collapsed)",
      );
    },
  },
  {
    id: "RESP-STREAM-006",
    level: "MUST",
    section: `${S3}; Responses.ResponseTextDoneEvent`,
    statement:
      "the concatenated deltas equal output_text.done's text, content_part.done's part, output_item.done's item and the completed response's text",
    async run(t: TestContext) {
      const { events } = await echoStream(t);
      const joined = byType(events, "response.output_text.delta")
        .map((e) => e.delta)
        .join("");
      t.equal(joined, WORDS, "concatenated deltas");
      const done = byType(events, "response.output_text.done")[0];
      t.equal(done?.text, joined, "output_text.done text");
      const part = byType(events, "response.content_part.done")[0]?.part;
      t.equal(part?.type === "output_text" ? part.text : part, joined, "content_part.done part text");
      const item = byType(events, "response.output_item.done")[0]?.item;
      t.equal(item ? outputText({ output: [item] }) : item, joined, "output_item.done item text");
      const completed = byType(events, "response.completed")[0];
      t.equal(completed ? outputText(completed.response) : completed, joined, "response.completed text");
    },
  },
  {
    id: "RESP-STREAM-007",
    level: "MUST",
    section: "DESIGN §7 (echo)",
    statement: "the echo fixture streams one output_text.delta per word, spaces kept",
    async run(t: TestContext) {
      const { events } = await echoStream(t);
      const deltas = byType(events, "response.output_text.delta").map((e) => e.delta);
      t.equal(deltas.length, words(WORDS).length, `number of deltas (${show(deltas)})`);
      for (const d of deltas) t.check(isOneWord(d), `delta ${show(d)} is not one word`);
    },
  },
  {
    id: "RESP-STREAM-008",
    level: "MUST",
    section: `${S3}; Responses.ResponseOutputItemAddedEvent`,
    statement:
      "item_id, output_index and content_index of every event point at the item's real position in response.output",
    async run(t: TestContext) {
      const { events } = await echoStream(t);
      const completed = byType(events, "response.completed")[0];
      t.check(completed, "no response.completed event");
      const output = completed.response.output;
      for (const e of events) {
        if (!("output_index" in e)) continue;
        const item = output[e.output_index];
        t.check(
          item,
          `${e.type} #${e.sequence_number}: output_index ${e.output_index} is outside output (${output.length} items)`,
        );
        const itemId = "item_id" in e ? e.item_id : "item" in e ? e.item.id : undefined;
        t.equal(itemId, item.id, `${e.type} #${e.sequence_number}: item id at output_index ${e.output_index}`);
        if ("content_index" in e) {
          t.check(
            item.type === "message" && item.content[e.content_index] !== undefined,
            `${e.type} #${e.sequence_number}: content_index ${e.content_index} is outside the item's content`,
          );
        }
      }
    },
  },
  {
    id: "RESP-STREAM-009",
    level: "MUST",
    section: `${S3}; Responses.ResponseCreatedEvent`,
    statement:
      "response.created and response.in_progress carry the response as queued or in_progress, response.completed as completed, all with one id",
    async run(t: TestContext) {
      const { events } = await echoStream(t);
      const lifecycle = events.filter((e) => "response" in e) as Extract<ResponseStreamEvent, { response: unknown }>[];
      const id = createdId(t, events);
      for (const e of lifecycle) t.equal(e.response.id, id, `${e.type} response.id`);
      for (const e of lifecycle.filter((e) => e.type === "response.created" || e.type === "response.in_progress")) {
        t.check(
          ["queued", "in_progress"].includes(e.response.status),
          `${e.type} has status ${show(e.response.status)}`,
        );
      }
      t.equal(byType(events, "response.completed")[0]?.response.status, "completed", "response.completed status");
    },
  },
  {
    id: "RESP-STREAM-010",
    level: "MUST",
    section: `${S3}; ${RETRIEVE}`,
    statement: "a streamed response is stored: GET returns it completed with the streamed output",
    async run(t: TestContext) {
      const { events } = await echoStream(t);
      const completed = byType(events, "response.completed")[0];
      t.check(completed, "no response.completed event");
      const res = await retrieve(t, completed.response.id);
      expectStatus(t, res, 200, "GET of the streamed response");
      const stored = res.json as ResponseObject;
      t.equal(stored.status, "completed", "stored status");
      t.equal(stored.output, completed.response.output, "stored output");
    },
  },
  {
    id: "RESP-STREAM-011",
    level: "MUST",
    section: CREATE,
    statement:
      "closing the connection of a streaming (non-background) response aborts its work and the stored response becomes cancelled (slow fixture)",
    async run(t: TestContext) {
      const res = await startStream(t, { model: "slow", input: "go" });
      const seen = await readUntil(t, res, (e) => e.type === "response.output_text.delta", "the first delta");
      const id = createdId(t, seen);
      res.close();
      const cancelled = await pollUntil(t, id, (r) => r.status !== "in_progress" && r.status !== "queued", "the abort");
      t.equal(cancelled.status, "cancelled", "stored status after the disconnect");
      await t.sleep(300);
      const later = (await retrieve(t, id)).json as ResponseObject;
      t.equal(outputText(later), outputText(cancelled), "output text 300 ms later (work went on after the disconnect)");
    },
  },

  {
    id: "RESP-STREAM-012",
    level: "MUST",
    section: `${CREATE}; Responses.ResponseIncompleteEvent`,
    statement:
      "a stream that reaches max_output_tokens ends with response.incomplete (reason max_output_tokens), then [DONE]",
    async run(t: TestContext) {
      const { events, doneAt, frames } = await streamCreate(t, {
        model: "echo",
        input: "one two three four five six",
        max_output_tokens: 2,
      });
      const end = terminal(events);
      t.equal(end?.type, "response.incomplete", "final event");
      t.equal(
        end && "response" in end ? end.response.incomplete_details : undefined,
        { reason: "max_output_tokens" },
        "incomplete_details",
      );
      t.equal(doneAt, frames.length - 1, "position of [DONE]");
    },
  },

  // ── Function tools ────────────────────────────────────────────────────────────────────────
  {
    id: "RESP-TOOLS-001",
    level: "MUST",
    section: "DESIGN §7 (tools); Responses.FunctionToolCall",
    statement:
      'the tools fixture calls the first client function with arguments {"input": <last user text>} and the response ends with that function_call',
    async run(t: TestContext) {
      const { response, call: fc } = await toolCallResponse(t, "weather in Paris");
      t.equal(response.status, "completed", "status");
      t.equal(fc.name, "lookup", "function name");
      let args: unknown;
      try {
        args = JSON.parse(fc.arguments);
      } catch {
        t.fail(`arguments are not JSON: ${show(fc.arguments)}`);
      }
      t.equal(args, { input: "weather in Paris" }, "arguments");
      t.equal(response.output.at(-1), fc, "last output item");
    },
  },
  {
    id: "RESP-TOOLS-002",
    level: "MUST",
    section: "DESIGN §7 (tools); Responses.FunctionCallOutputInput",
    statement: "a function_call_output sent with previous_response_id gets the reply Tool said: <output>",
    async run(t: TestContext) {
      const { response, call: fc } = await toolCallResponse(t, "weather in Paris");
      const answer = await createOk(t, {
        model: "tools",
        previous_response_id: response.id,
        tools: [LOOKUP_TOOL, SECOND_TOOL],
        input: [{ type: "function_call_output", call_id: fc.call_id, output: "sunny, 21 °C" }],
      });
      t.equal(outputText(answer), "Tool said: sunny, 21 °C", "reply text");
    },
  },
  {
    id: "RESP-TOOLS-003",
    level: "MUST",
    section: "DESIGN §7 (tools); Responses.FunctionCallInput",
    statement:
      "a stateless client sending the whole history (user message, function_call, function_call_output) gets Tool said: <output>",
    async run(t: TestContext) {
      const answer = await createOk(t, {
        model: "tools",
        store: false,
        tools: [LOOKUP_TOOL],
        input: [
          { role: "user", content: "weather in Oslo" },
          {
            type: "function_call",
            call_id: "call_conformance1",
            name: "lookup",
            arguments: '{"input":"weather in Oslo"}',
          },
          { type: "function_call_output", call_id: "call_conformance1", output: "snow" },
        ],
      });
      t.equal(outputText(answer), "Tool said: snow", "reply text");
    },
  },
  {
    id: "RESP-TOOLS-004",
    level: "MUST",
    section: `${S3}; Responses.ResponseFunctionCallArgumentsDoneEvent`,
    statement:
      "a streamed function call sends output_item.added, function_call_arguments.delta*, function_call_arguments.done, output_item.done; the deltas concatenate to the arguments",
    async run(t: TestContext) {
      const { events } = await streamCreate(t, { model: "tools", input: "stream a call", tools: [LOOKUP_TOOL] });
      const added = events.findIndex((e) => e.type === "response.output_item.added" && e.item.type === "function_call");
      t.check(added !== -1, "no output_item.added for a function_call");
      const itemId = (events[added] as Extract<ResponseStreamEvent, { type: "response.output_item.added" }>).item.id;
      const own = events
        .slice(added)
        .filter((e) => ("item_id" in e ? e.item_id : "item" in e ? e.item.id : undefined) === itemId);
      const types = own
        .map((e) => e.type)
        .filter((type, i, all) => type !== "response.function_call_arguments.delta" || all[i - 1] !== type);
      t.equal(
        types,
        [
          "response.output_item.added",
          "response.function_call_arguments.delta",
          "response.function_call_arguments.done",
          "response.output_item.done",
        ],
        "events of the function_call item (repeated deltas collapsed)",
      );
      const joined = byType(own, "response.function_call_arguments.delta")
        .map((e) => e.delta)
        .join("");
      const done = byType(own, "response.function_call_arguments.done")[0]!;
      t.equal(done.arguments, joined, "function_call_arguments.done arguments");
      t.equal(done.name, "lookup", "function_call_arguments.done name");
      const item = byType(own, "response.output_item.done")[0]!.item;
      t.equal(item.type === "function_call" ? item.arguments : undefined, joined, "output_item.done arguments");
      t.equal(JSON.parse(joined), { input: "stream a call" }, "parsed arguments");
    },
  },
  {
    id: "RESP-TOOLS-005",
    level: "SHOULD",
    section: "Responses.FunctionToolCall",
    statement: "a function_call item's id starts with fc_ and its call_id with call_",
    async run(t: TestContext) {
      const { call: fc } = await toolCallResponse(t, "ids");
      t.check(fc.id.startsWith("fc_"), `item id ${show(fc.id)} does not start with fc_`);
      t.check(fc.call_id.startsWith("call_"), `call_id ${show(fc.call_id)} does not start with call_`);
    },
  },
  {
    id: "RESP-TOOLS-006",
    level: "MUST",
    section: "DESIGN §7 (tools); Responses.OutputMessage",
    statement:
      "the agent's own server-side tool calls are not output items: tools without client tools replies with reverse's result in a message only",
    async run(t: TestContext) {
      const response = await createOk(t, { model: "tools", input: "hello world" });
      t.equal(
        response.output.map((i) => i.type),
        ["message"],
        "output item types",
      );
      t.equal(outputText(response), "dlrow olleh", "reply text");
    },
  },
  {
    id: "RESP-TOOLS-007",
    level: "MUST",
    section: "Responses.CreateResponse.tools",
    statement: "a client tool named like one of the agent's own tools (tools' reverse) is 400 naming tools[i].name",
    async run(t: TestContext) {
      const res = await create(t, {
        model: "tools",
        input: "x",
        tools: [LOOKUP_TOOL, { type: "function", name: "reverse", parameters: { type: "object", properties: {} } }],
      });
      expectError(t, res, 400, "client tool named reverse", { param: "tools[1].name" });
    },
  },

  // ── Retrieve, replay, delete ──────────────────────────────────────────────────────────────
  {
    id: "RESP-GET-001",
    level: "MUST",
    section: `${S3}; ${RETRIEVE}`,
    statement: "GET /v1/responses/{id} returns the stored response as created",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: "keep me", metadata: { k: "v" } });
      const res = await retrieve(t, created.id);
      expectStatus(t, res, 200, "GET /v1/responses/{id}");
      const stored = res.json as ResponseObject;
      for (const key of ["id", "status", "model", "output", "metadata", "created_at", "usage"] as const) {
        t.equal(stored[key], created[key], key);
      }
    },
  },
  {
    id: "RESP-GET-002",
    level: "MUST",
    section: `${S3}; ${RETRIEVE}`,
    statement: "GET of an unknown response id is 404 in the error envelope",
    async run(t: TestContext) {
      const res = await retrieve(t, `resp_${t.unique("missing")}`);
      expectError(t, res, 404, "GET /v1/responses/<unknown>");
    },
  },
  {
    id: "RESP-REPLAY-001",
    level: "MUST",
    section: `${S3}; ${RETRIEVE}`,
    statement:
      "GET /v1/responses/{id}?stream=true replays the stored events (same types and sequence numbers, event: = type) ending with [DONE]",
    async run(t: TestContext) {
      const original = await echoStream(t);
      const id = createdId(t, original.events);
      const res = await t.stream("GET", `/v1/responses/${id}?stream=true`, { errorSchema: ERROR_SCHEMA });
      const replay = await readStream(t, res, "replay");
      t.equal(
        replay.events.map((e) => [e.sequence_number, e.type]),
        original.events.map((e) => [e.sequence_number, e.type]),
        "replayed [sequence_number, type]",
      );
      replay.frames.forEach((f, i) => {
        if (f.data !== "[DONE]")
          t.check(f.event === replay.events[i]?.type, `replay frame #${i}: event ${show(f.event)} ≠ type`);
      });
      t.equal(replay.doneAt, replay.frames.length - 1, "position of [DONE] in the replay");
    },
  },
  {
    id: "RESP-REPLAY-002",
    level: "MUST",
    section: `${S3}; ${RETRIEVE}`,
    statement: "starting_after=N replays only the events whose sequence_number is greater than N",
    async run(t: TestContext) {
      const original = await echoStream(t);
      const id = createdId(t, original.events);
      const after = 3;
      const res = await t.stream("GET", `/v1/responses/${id}?stream=true&starting_after=${after}`, {
        errorSchema: ERROR_SCHEMA,
      });
      const replay = await readStream(t, res, "replay");
      t.equal(
        replay.events.map((e) => [e.sequence_number, e.type]),
        original.events.filter((e) => e.sequence_number > after).map((e) => [e.sequence_number, e.type]),
        `events replayed after ${after}`,
      );
      t.check(replay.doneAt === replay.frames.length - 1, "the replay does not end with [DONE]");
    },
  },
  {
    id: "RESP-REPLAY-003",
    level: "MUST",
    section: RETRIEVE,
    statement: "replaying a running background response continues live until the response ends",
    async run(t: TestContext) {
      const res = await startStream(t, { model: "slow", input: "go", background: true });
      const seen = await readUntil(
        t,
        res,
        (e) => byType([e], "response.output_text.delta").length > 0,
        "the first delta",
      );
      const id = createdId(t, seen);
      t.defer(() => t.http.request("POST", `/v1/responses/${id}/cancel`));
      res.close();
      const last = seen.at(-1)!.sequence_number;
      const replay = await t.stream("GET", `/v1/responses/${id}?stream=true&starting_after=${last}`, {
        errorSchema: ERROR_SCHEMA,
      });
      if (!replay.events) t.fail(`replay is not an event stream: ${replay.status} ${show(replay.text?.slice(0, 200))}`);
      const live = await readUntil(t, replay, () => true, "a live event");
      await readUntil(t, replay, () => true, "a second live event");
      t.equal(live[0]?.sequence_number, last + 1, "first replayed sequence_number");
      const cancel = await call(t, "POST", `/v1/responses/${id}/cancel`, "ResponseObject");
      expectStatus(t, cancel, 200, "cancel");
      const rest = await readStream(t, replay, "live replay", 5_000);
      t.check(rest.doneAt !== -1, "the live replay did not end with [DONE] after the response ended");
    },
  },
  {
    id: "RESP-REPLAY-004",
    level: "MUST",
    section: RETRIEVE,
    statement: "starting_after=-1 replays every event; a value below -1 is 400 naming starting_after",
    async run(t: TestContext) {
      const original = await echoStream(t);
      const id = createdId(t, original.events);
      const res = await t.stream("GET", `/v1/responses/${id}?stream=true&starting_after=-1`, {
        errorSchema: ERROR_SCHEMA,
      });
      const replay = await readStream(t, res, "replay");
      t.equal(
        replay.events.map((e) => e.sequence_number),
        original.events.map((e) => e.sequence_number),
        "replayed sequence numbers",
      );
      const bad = await call(t, "GET", `/v1/responses/${id}?stream=true&starting_after=-2`);
      expectError(t, bad, 400, "starting_after=-2", { param: "starting_after" });
    },
  },
  {
    id: "RESP-DELETE-001",
    level: "MUST",
    section: `${S3}; Responses.ResponsesOperations.delete`,
    statement: "DELETE returns {id, object: response.deleted, deleted: true} and the response is gone",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: "delete me" });
      const res = await call(t, "DELETE", `/v1/responses/${created.id}`, "DeletedResponse");
      expectStatus(t, res, 200, "DELETE");
      t.equal(res.json, { id: created.id, object: "response.deleted", deleted: true }, "DELETE body");
      expectError(t, await retrieve(t, created.id), 404, "GET after DELETE");
    },
  },
  {
    id: "RESP-DELETE-002",
    level: "MUST",
    section: `${S3}; Responses.ResponsesOperations.delete`,
    statement: "DELETE of an unknown id is 404 in the error envelope",
    async run(t: TestContext) {
      const res = await call(t, "DELETE", `/v1/responses/resp_${t.unique("missing")}`, "DeletedResponse");
      expectError(t, res, 404, "DELETE /v1/responses/<unknown>");
    },
  },

  // ── Background and cancel ─────────────────────────────────────────────────────────────────
  {
    id: "RESP-BG-001",
    level: "MUST",
    section: `${S3}; ${CREATE}`,
    statement: "background: true answers at once with the response queued and background true",
    async run(t: TestContext) {
      const started = Date.now();
      const response = await slowBackground(t);
      t.equal(response.status, "queued", "status");
      t.equal(response.background, true, "background");
      t.check(Date.now() - started < 2_000, "the request waited for the slow fixture instead of answering at once");
    },
  },
  {
    id: "RESP-BG-002",
    level: "MUST",
    section: `${S3}; Responses.CreateResponse.background`,
    statement: "a background response can be polled with GET until it completes with its output",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: "in the background", background: true });
      const done = await pollUntil(t, created.id, (r) => r.status === "completed", "background completion");
      t.equal(outputText(done), "in the background", "reply text");
    },
  },
  {
    id: "RESP-BG-003",
    level: "MUST",
    section: `${S3}; Responses.ResponsesOperations.cancel`,
    statement: "POST /v1/responses/{id}/cancel on a running background response makes it cancelled and stops its work",
    async run(t: TestContext) {
      const created = await slowBackground(t);
      await pollUntil(
        t,
        created.id,
        (r) => outputText(r).length > 0 || r.status === "in_progress",
        "the slow fixture starting",
      );
      const res = await call(t, "POST", `/v1/responses/${created.id}/cancel`, "ResponseObject");
      expectStatus(t, res, 200, "cancel");
      t.equal((res.json as ResponseObject).status, "cancelled", "status after cancel");
      const a = (await retrieve(t, created.id)).json as ResponseObject;
      await t.sleep(350);
      const b = (await retrieve(t, created.id)).json as ResponseObject;
      t.equal(b.status, "cancelled", "stored status");
      t.equal(outputText(b), outputText(a), "output text 350 ms after cancel (work went on)");
    },
  },
  {
    id: "RESP-BG-004",
    level: "MUST",
    section: "Responses.ResponsesOperations.cancel",
    statement: "cancelling a response created without background: true is 400",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: "not background" });
      const res = await call(t, "POST", `/v1/responses/${created.id}/cancel`, "ResponseObject");
      expectError(t, res, 400, "cancel of a foreground response");
    },
  },
  {
    id: "RESP-BG-005",
    level: "MUST",
    section: "Responses.ResponsesOperations.cancel",
    statement: "cancelling an unknown id is 404",
    async run(t: TestContext) {
      const res = await call(t, "POST", `/v1/responses/resp_${t.unique("missing")}/cancel`, "ResponseObject");
      expectError(t, res, 404, "cancel of an unknown id");
    },
  },
  {
    id: "RESP-BG-006",
    level: "MUST",
    section: "Responses.ResponsesOperations.cancel",
    statement: "cancelling a background response that already ended returns it unchanged",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: "done already", background: true });
      const done = await pollUntil(t, created.id, (r) => r.status === "completed", "background completion");
      const res = await call(t, "POST", `/v1/responses/${created.id}/cancel`, "ResponseObject");
      expectStatus(t, res, 200, "cancel of a completed response");
      const after = res.json as ResponseObject;
      t.equal(after.status, "completed", "status");
      t.equal(after.output, done.output, "output");
    },
  },
  {
    id: "RESP-BG-007",
    level: "MUST",
    section: "Responses.CreateResponse.background",
    statement: "background: true with store: false is 400",
    async run(t: TestContext) {
      const res = await create(t, { model: "echo", input: "x", background: true, store: false });
      expectError(t, res, 400, "background without store", {
        param: (p) => p === "background" || p === "store",
      });
    },
  },
  {
    id: "RESP-BG-008",
    level: "SHOULD",
    section: "Responses.ResponseFailedEvent",
    statement:
      "a cancelled streaming background response ends with response.failed whose response has status cancelled",
    async run(t: TestContext) {
      const res = await startStream(t, { model: "slow", input: "go", background: true });
      const seen = await readUntil(t, res, (e) => e.type === "response.output_text.delta", "the first delta");
      const id = createdId(t, seen);
      const cancel = await call(t, "POST", `/v1/responses/${id}/cancel`, "ResponseObject");
      expectStatus(t, cancel, 200, "cancel");
      const rest = await readStream(t, res, "stream after cancel", 5_000);
      const end = terminal(rest.events);
      t.equal(end?.type, "response.failed", "final event");
      t.equal(end && "response" in end ? end.response.status : undefined, "cancelled", "final response status");
    },
  },
  {
    id: "RESP-BG-009",
    level: "MUST",
    section: `${CREATE}; Responses.ResponseQueuedEvent`,
    statement: "a streamed background response starts with response.created, response.queued, response.in_progress",
    async run(t: TestContext) {
      const { events } = await streamCreate(t, { model: "echo", input: "queued first", background: true });
      t.equal(
        events.slice(0, 3).map((e) => e.type),
        ["response.created", "response.queued", "response.in_progress"],
        "first three events",
      );
    },
  },
  {
    id: "RESP-BG-010",
    level: "MUST",
    section: CREATE,
    statement: "closing the stream of a background response does not stop its work",
    async run(t: TestContext) {
      const res = await startStream(t, { model: "echo", input: "keep going", background: true });
      const seen = await readUntil(t, res, (e) => e.type === "response.created", "response.created");
      const id = createdId(t, seen);
      res.close();
      const done = await pollUntil(
        t,
        id,
        (r) => r.status !== "queued" && r.status !== "in_progress",
        "the end of the response",
      );
      t.equal(done.status, "completed", "status");
      t.equal(outputText(done), "keep going", "reply text");
    },
  },

  // ── Input items ───────────────────────────────────────────────────────────────────────────
  {
    id: "RESP-ITEMS-001",
    level: "MUST",
    section: `${S3}; Responses.ResponsesOperations.listInputItems`,
    statement:
      "GET …/input_items lists the request's input items newest first by default, each with a server-assigned id",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: [...itemsInput] });
      const res = await call(t, "GET", `/v1/responses/${created.id}/input_items`, "ResponseItemList");
      expectStatus(t, res, 200, "GET input_items");
      const list = res.json as ResponseItemList;
      t.equal(list.data.map(itemText), [...itemTexts].reverse(), "item texts (newest first)");
      for (const item of list.data)
        t.check(typeof item.id === "string" && item.id.length > 0, `item without id: ${show(item)}`);
      t.equal(list.first_id, list.data[0]?.id, "first_id");
      t.equal(list.last_id, list.data.at(-1)?.id, "last_id");
      t.equal(list.has_more, false, "has_more");
    },
  },
  {
    id: "RESP-ITEMS-002",
    level: "MUST",
    section: "Responses.ResponsesOperations.listInputItems",
    statement: "order=asc lists oldest first, and limit with after pages through every item with has_more",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: [...itemsInput] });
      const base = `/v1/responses/${created.id}/input_items`;
      const asc = await call(t, "GET", `${base}?order=asc`, "ResponseItemList");
      expectStatus(t, asc, 200, "GET input_items?order=asc");
      t.equal((asc.json as ResponseItemList).data.map(itemText), [...itemTexts], "item texts (oldest first)");
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < itemTexts.length + 1; page++) {
        const res = await call(
          t,
          "GET",
          `${base}?order=asc&limit=1${after ? `&after=${after}` : ""}`,
          "ResponseItemList",
        );
        expectStatus(t, res, 200, `page ${page}`);
        const list = res.json as ResponseItemList;
        t.equal(list.data.length, 1, `page ${page} size`);
        seen.push(itemText(list.data[0]!));
        t.equal(list.has_more, seen.length < itemTexts.length, `page ${page} has_more`);
        if (!list.has_more) break;
        after = list.last_id ?? undefined;
      }
      t.equal(seen, [...itemTexts], "items collected page by page");
    },
  },
  {
    id: "RESP-ITEMS-003",
    level: "MUST",
    section: "Responses.ResponsesOperations.listInputItems",
    statement: "input_items of an unknown response is 404",
    async run(t: TestContext) {
      const res = await call(t, "GET", `/v1/responses/resp_${t.unique("missing")}/input_items`, "ResponseItemList");
      expectError(t, res, 404, "input_items of an unknown response");
    },
  },
  {
    id: "RESP-ITEMS-004",
    level: "MUST",
    section: "Responses.ResponsesOperations.listInputItems",
    statement: "a limit outside 1–100 is 400 naming limit",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: "x" });
      for (const limit of [0, 101]) {
        const res = await call(t, "GET", `/v1/responses/${created.id}/input_items?limit=${limit}`, "ResponseItemList");
        expectError(t, res, 400, `limit=${limit}`, { param: "limit" });
      }
    },
  },
  {
    id: "RESP-ITEMS-005",
    level: "MUST",
    section: "Responses.ResponsesOperations.listInputItems",
    statement: "input_items lists only the items sent in that response's input, not the history of its chain",
    async run(t: TestContext) {
      const first = await createOk(t, { model: "echo", input: "first turn" });
      const second = await createOk(t, { model: "echo", input: "second turn", previous_response_id: first.id });
      const res = await call(t, "GET", `/v1/responses/${second.id}/input_items`, "ResponseItemList");
      expectStatus(t, res, 200, "GET input_items");
      t.equal((res.json as ResponseItemList).data.map(itemText), ["second turn"], "listed items");
    },
  },
  {
    id: "RESP-ITEMS-006",
    level: "MUST",
    section: "Responses.ResponsesOperations.listInputItems",
    statement: "an after that is not an input item of the response is 400",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: "x" });
      const res = await call(
        t,
        "GET",
        `/v1/responses/${created.id}/input_items?after=msg_${t.unique("none")}`,
        "ResponseItemList",
      );
      expectError(t, res, 400, "unknown after");
    },
  },

  // ── Bad input ─────────────────────────────────────────────────────────────────────────────
  {
    id: "RESP-ERR-001",
    level: "MUST",
    section: `${S3}; Responses.BadRequestError`,
    statement: "a malformed JSON body is 400 in the OpenAI error envelope",
    async run(t: TestContext) {
      const res = await t.request("POST", "/v1/responses", {
        body: '{"model": "echo", "input": ',
        headers: { "content-type": "application/json" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 400, "malformed JSON");
    },
  },
  {
    id: "RESP-ERR-002",
    level: "MUST",
    section: `${S3}; Responses.CreateResponse`,
    statement: "a missing model is 400 with param model",
    async run(t: TestContext) {
      expectError(t, await create(t, { input: "no model" }), 400, "missing model", { param: "model" });
    },
  },
  {
    id: "RESP-ERR-003",
    level: "MUST",
    section: `${S3}; Responses.CreateResponse`,
    statement: "a wrongly typed field is 400 with param naming it",
    async run(t: TestContext) {
      expectError(t, await create(t, { model: "echo", input: 42 }), 400, "input: 42", { param: "input" });
      expectError(t, await create(t, { model: "echo", input: "x", stream: "yes" }), 400, 'stream: "yes"', {
        param: "stream",
      });
    },
  },
  {
    id: "RESP-ERR-004",
    level: "MUST",
    section: `${S3}; Responses.CreateResponse`,
    statement: "an unknown field is 400 with param naming it, never silently ignored",
    async run(t: TestContext) {
      const res = await create(t, { model: "echo", input: "x", frobnicate: true });
      expectError(t, res, 400, "unknown field", { param: "frobnicate" });
    },
  },
  {
    id: "RESP-ERR-005",
    level: "MUST",
    section: "Responses.InputContent",
    statement: "an unsupported content part (input_audio) is 400 with param inside input",
    async run(t: TestContext) {
      const res = await create(t, {
        model: "echo",
        input: [{ role: "user", content: [{ type: "input_audio", input_audio: { data: "AAAA", format: "wav" } }] }],
      });
      expectError(t, res, 400, "input_audio part", { param: (p) => p.startsWith("input[0]") });
    },
  },
  {
    id: "RESP-ERR-006",
    level: "MUST",
    section: "Responses.CreateResponse.model",
    statement: "an unknown model is 404 with code model_not_found",
    async run(t: TestContext) {
      const res = await create(t, { model: t.unique("no-such-agent"), input: "x" });
      expectError(t, res, 404, "unknown model", { code: "model_not_found" });
    },
  },
  {
    id: "RESP-ERR-007",
    level: "MUST",
    section: `${S3}; Responses.PayloadTooLargeError`,
    statement: "a body over the size limit is 413 in the error envelope, and the server keeps serving",
    async run(t: TestContext) {
      const res = await t.request("POST", "/v1/responses", {
        body: JSON.stringify({ model: "echo", input: "x".repeat(OVERSIZE_BYTES) }),
        headers: { "content-type": "application/json" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 413, "oversize body");
      await createOk(t, { model: "echo", input: "still here" });
    },
  },
  {
    id: "RESP-ERR-008",
    level: "MUST",
    section: "Responses (service doc)",
    statement: "an unknown route under /v1 is 404 in the OpenAI error envelope",
    async run(t: TestContext) {
      const res = await call(t, "GET", `/v1/${t.unique("nowhere")}`);
      expectError(t, res, 404, "unknown route");
    },
  },
  {
    id: "RESP-ERR-009",
    level: "MUST",
    section: "Responses.CreateResponse.temperature",
    statement: "a value out of range (temperature 5) is 400 with param temperature",
    async run(t: TestContext) {
      const res = await create(t, { model: "echo", input: "x", temperature: 5 });
      expectError(t, res, 400, "temperature: 5", { param: "temperature" });
    },
  },
  {
    id: "RESP-ERR-010",
    level: "MUST",
    section: "Responses.FunctionTool",
    statement: "a built-in tool type (web_search) is 400 with param inside tools",
    async run(t: TestContext) {
      const res = await create(t, { model: "echo", input: "x", tools: [{ type: "web_search" }] });
      expectError(t, res, 400, "web_search tool", { param: (p) => p.startsWith("tools[0]") });
    },
  },
  {
    id: "RESP-ERR-011",
    level: "SHOULD",
    section: "Responses.ResponsesErrorDetail.code",
    statement:
      "error codes: invalid_json for malformed JSON, unknown_parameter for an unknown field, response_not_found for an unknown id",
    async run(t: TestContext) {
      const bad = await t.request("POST", "/v1/responses", {
        body: "{",
        headers: { "content-type": "application/json" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, bad, 400, "malformed JSON", { code: "invalid_json" });
      expectError(t, await create(t, { model: "echo", input: "x", frobnicate: 1 }), 400, "unknown field", {
        code: "unknown_parameter",
      });
      expectError(t, await retrieve(t, `resp_${t.unique("missing")}`), 404, "unknown id", {
        code: "response_not_found",
      });
    },
  },
  {
    id: "RESP-ERR-012",
    level: "MUST",
    section: "DESIGN §2",
    statement:
      "garbage bodies (binary, truncated UTF-8, JSON that is not an object) get 400 and the server keeps serving",
    async run(t: TestContext) {
      const bodies: Array<[string, string | Uint8Array]> = [
        ["binary", new Uint8Array([0, 159, 146, 150, 255, 254, 0, 1])],
        ["truncated UTF-8", new Uint8Array([0x7b, 0x22, 0xe2, 0x82])],
        ["a JSON array", "[1,2,3]"],
        ["JSON null", "null"],
      ];
      for (const [what, body] of bodies) {
        const res = await t.request("POST", "/v1/responses", {
          body,
          headers: { "content-type": "application/json" },
          errorSchema: ERROR_SCHEMA,
        });
        expectError(t, res, 400, what);
      }
      await createOk(t, { model: "echo", input: "still here" });
    },
  },

  {
    id: "RESP-ERR-013",
    level: "MUST",
    section: "Responses.InputItem",
    statement: "an unsupported input item type (item_reference) is 400 with param inside input",
    async run(t: TestContext) {
      const res = await create(t, { model: "echo", input: [{ type: "item_reference", id: "msg_123" }] });
      expectError(t, res, 400, "item_reference", { param: (p) => p.startsWith("input[0]") });
    },
  },
  {
    id: "RESP-ERR-014",
    level: "MUST",
    section: "Responses.Metadata",
    statement: "metadata with more than 16 keys, or a value longer than 512 characters, is 400 naming metadata",
    async run(t: TestContext) {
      const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"]));
      expectError(t, await create(t, { model: "echo", input: "x", metadata: many }), 400, "17 metadata keys", {
        param: (p) => p.startsWith("metadata"),
      });
      const long = { note: "x".repeat(513) };
      expectError(t, await create(t, { model: "echo", input: "x", metadata: long }), 400, "a 513-character value", {
        param: (p) => p.startsWith("metadata"),
      });
    },
  },

  {
    id: "RESP-ERR-015",
    level: "MUST",
    section: "Responses (service doc)",
    statement: "a known route with a wrong method is 405 with an Allow header, in the OpenAI error envelope",
    async run(t: TestContext) {
      const res = await call(t, "PUT", "/v1/responses");
      expectError(t, res, 405, "PUT /v1/responses");
      t.check(/\bPOST\b/i.test(res.headers.allow ?? ""), `Allow header ${show(res.headers.allow)} does not list POST`);
    },
  },

  // ── Authentication (only with --token) ────────────────────────────────────────────────────
  {
    id: "RESP-AUTH-001",
    level: "MUST",
    needsToken: true,
    section: "Responses (service doc); Responses.UnauthorizedError",
    statement: "with an API key configured, a request without Authorization is 401 in the error envelope",
    async run(t: TestContext) {
      const res = await t.request("GET", "/v1/models", { anonymous: true, errorSchema: ERROR_SCHEMA });
      expectError(t, res, 401, "no Authorization");
      const post = await t.request("POST", "/v1/responses", {
        anonymous: true,
        json: { model: "echo", input: "x" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, post, 401, "POST without Authorization");
    },
  },
  {
    id: "RESP-AUTH-002",
    level: "MUST",
    needsToken: true,
    section: "Responses.UnauthorizedError",
    statement: "a wrong bearer token is 401",
    async run(t: TestContext) {
      const res = await t.request("GET", "/v1/models", {
        headers: { authorization: `Bearer ${t.target.token}-wrong` },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 401, "wrong token");
    },
  },
  {
    id: "RESP-AUTH-003",
    level: "MUST",
    needsToken: true,
    section: "Responses (service doc)",
    statement: "the configured bearer token is accepted",
    async run(t: TestContext) {
      const res = await call(t, "GET", "/v1/models", "ModelList");
      expectStatus(t, res, 200, "GET /v1/models with the token");
    },
  },
]);

const itemsInput = [
  { role: "developer", content: "Be brief." },
  { role: "user", content: "first" },
  { role: "assistant", content: [{ type: "output_text", text: "answer", annotations: [] }] },
  { role: "user", content: [{ type: "input_text", text: "second" }] },
] as const;
const itemTexts = ["Be brief.", "first", "answer", "second"] as const;

function itemText(item: ResponseItemList["data"][number]): string {
  if (item.type === "message") return item.content.map((p) => ("text" in p ? p.text : "")).join("");
  if (item.type === "function_call_output") return item.output;
  return item.type === "function_call" ? item.arguments : "";
}
