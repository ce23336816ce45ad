import { show, type TestContext } from "../../context.js";
import { defineRequirements, OVERSIZE_BYTES } from "../define.js";
import { call, create, createOk, ERROR_SCHEMA, expectError, retrieve } from "./client.js";
import { S3 } from "./shared.js";

// ── Bad input ─────────────────────────────────────────────────────────────────────────────
export const badInputRequirements = defineRequirements("responses", [
  {
    id: "RESP-ERR-001",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${S3}; Responses.CreateResponse`,
    statement: "a missing model is 400 with param model",
    async run(t: TestContext) {
      expectError(t, await create(t, { input: "no model" }), 400, "missing model", { param: "model" });
    },
  },
  {
    id: "RESP-ERR-003",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    kind: "extension",
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
    profiles: ["openai"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    kind: "extension",
    section: "Responses (service doc)",
    statement: "a known route with a wrong method is 405 with an Allow header, in the OpenAI error envelope",
    async run(t: TestContext) {
      const res = await call(t, "PUT", "/v1/responses");
      expectError(t, res, 405, "PUT /v1/responses");
      t.check(/\bPOST\b/i.test(res.headers.allow ?? ""), `Allow header ${show(res.headers.allow)} does not list POST`);
    },
  },
]);
