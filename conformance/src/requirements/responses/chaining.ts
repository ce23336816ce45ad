import type { TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import { create, createOk, expectError, outputText } from "./client.js";
import { S3, slowBackground } from "./shared.js";

// ── Chaining ──────────────────────────────────────────────────────────────────────────────
export const chainingRequirements = defineRequirements("responses", [
  {
    id: "RESP-CHAIN-001",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai"],
    kind: "core",
    section: "Responses.CreateResponse.previous_response_id",
    statement: "continuing a response that is still queued or in progress is 409 response_in_progress",
    async run(t: TestContext) {
      const running = await slowBackground(t);
      const res = await create(t, { model: "echo", input: "too early", previous_response_id: running.id });
      expectError(t, res, 409, "previous_response_id of a running response", { code: "response_in_progress" });
    },
  },
]);
