import { show, type TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import { call, expectError, expectStatus } from "./client.js";
import { S3 } from "./shared.js";

// ── Models ────────────────────────────────────────────────────────────────────────────────
export const modelsRequirements = defineRequirements("responses", [
  {
    id: "RESP-MODELS-001",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
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
    profiles: ["openai"],
    kind: "core",
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
    profiles: ["openai"],
    kind: "core",
    section: `${S3}; Responses.ModelsOperations.retrieve`,
    statement: "GET /v1/models/{id} of an unknown agent is 404 in the OpenAI error envelope",
    async run(t: TestContext) {
      const res = await call(t, "GET", `/v1/models/${t.unique("no-such-model")}`, "ModelInfo");
      expectError(t, res, 404, "GET /v1/models/<unknown>");
    },
  },
]);
