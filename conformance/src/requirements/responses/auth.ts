import type { TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import { call, ERROR_SCHEMA, expectError, expectStatus } from "./client.js";

// ── Authentication (only with --token) ────────────────────────────────────────────────────
export const authRequirements = defineRequirements("responses", [
  {
    id: "RESP-AUTH-001",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
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
    profiles: ["openai", "open-responses"],
    kind: "core",
    needsToken: true,
    section: "Responses.UnauthorizedError",
    statement: "a wrong bearer token is 401 (the status only; the envelope is judged with the other errors)",
    async run(t: TestContext) {
      const res = await t.request("GET", "/v1/models", {
        headers: { authorization: `Bearer ${t.target.token}-wrong` },
        errorSchema: ERROR_SCHEMA,
      });
      expectStatus(t, res, 401, "wrong token");
    },
  },
  {
    id: "RESP-AUTH-003",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    needsToken: true,
    section: "Responses (service doc)",
    statement: "the configured bearer token is accepted",
    async run(t: TestContext) {
      const res = await call(t, "GET", "/v1/models", "ModelList");
      expectStatus(t, res, 200, "GET /v1/models with the token");
    },
  },
]);
