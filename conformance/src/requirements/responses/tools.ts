import type { ResponseStreamEvent } from "@switchboard/protocol/responses";
import { show, type TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import { create, createOk, expectError, LOOKUP_TOOL, outputText, SECOND_TOOL, streamCreate } from "./client.js";
import { byType, S3, toolCallResponse } from "./shared.js";

// ── Function tools ────────────────────────────────────────────────────────────────────────
export const toolsRequirements = defineRequirements("responses", [
  {
    id: "RESP-TOOLS-001",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai"],
    kind: "core",
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
    kind: "extension",
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
    kind: "extension",
    section: "Responses.CreateResponse.tools",
    statement: "a client tool named like one of the agent's own tools (tools' reverse) is 400 naming tools[i].name",
    async run(t: TestContext) {
      const res = await create(t, {
        model: "tools",
        input: "x",
        tools: [
          LOOKUP_TOOL,
          { type: "function", name: "reverse", parameters: { type: "object", properties: {} }, strict: false },
        ],
      });
      expectError(t, res, 400, "client tool named reverse", { param: "tools[1].name" });
    },
  },
]);
