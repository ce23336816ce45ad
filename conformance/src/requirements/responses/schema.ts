import type { TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import { call, create, createOk, ERROR_SCHEMA, LOOKUP_TOOL, retrieve, streamCreate, WORDS } from "./client.js";
import { CREATE, RETRIEVE } from "./shared.js";

/*
 * Schema conformance is judged here, once per payload kind, with every violation listed; the
 * behaviour requirements record violations but do not fail on them.
 */
export const schemaRequirements = defineRequirements("responses", [
  {
    id: "RESP-SCHEMA-001",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${CREATE}; Responses.ResponseObject`,
    statement:
      "every response object (completed, ending in a function call, incomplete, retrieved) matches the ResponseObject schema",
    async run(t: TestContext) {
      const done = await createOk(t, { model: "echo", input: WORDS });
      await createOk(t, { model: "tools", input: "look this up", tools: [LOOKUP_TOOL] });
      await createOk(t, { model: "echo", input: WORDS, max_output_tokens: 2 });
      await retrieve(t, done.id);
      t.conforms(["ResponseObject"]);
    },
  },
  {
    id: "RESP-SCHEMA-002",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${CREATE}; Responses.ResponseStreamEvent`,
    statement: "every streamed event (text reply, function call, incomplete) matches the ResponseStreamEvent schema",
    async run(t: TestContext) {
      await streamCreate(t, { model: "echo", input: WORDS });
      await streamCreate(t, { model: "tools", input: "look this up", tools: [LOOKUP_TOOL] });
      await streamCreate(t, { model: "echo", input: WORDS, max_output_tokens: 2 });
      t.conforms(["ResponseStreamEvent"]);
    },
  },
  {
    id: "RESP-SCHEMA-003",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: "Responses.ResponsesErrorEnvelope",
    statement:
      "every error answer (unknown model, missing model, wrongly typed field, malformed JSON) is JSON in OpenAI's error envelope",
    async run(t: TestContext) {
      await create(t, { model: "no-such-model-conformance", input: "x" });
      await create(t, { input: "x" });
      await create(t, { model: "echo", input: "x", temperature: "hot" });
      await t.request("POST", "/v1/responses", {
        body: "{not json",
        headers: { "content-type": "application/json" },
        errorSchema: ERROR_SCHEMA,
      });
      t.conforms([ERROR_SCHEMA]);
    },
  },
  {
    id: "RESP-SCHEMA-004",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: `${RETRIEVE}; Responses.ModelList; Responses.ResponseItemList; Responses.DeletedResponse`,
    statement: "model lists, model objects, input item lists and deletion answers match their schemas",
    async run(t: TestContext) {
      await call(t, "GET", "/v1/models", "ModelList");
      await call(t, "GET", "/v1/models/echo", "ModelInfo");
      const created = await createOk(t, { model: "echo", input: WORDS });
      await call(t, "GET", `/v1/responses/${encodeURIComponent(created.id)}/input_items`, "ResponseItemList");
      await call(t, "DELETE", `/v1/responses/${encodeURIComponent(created.id)}`, "DeletedResponse");
      t.conforms(["ModelList", "ModelInfo", "ResponseItemList", "DeletedResponse"]);
    },
  },
]);
