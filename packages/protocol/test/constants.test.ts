import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as agents from "../src/agents.js";
import * as responses from "../src/responses.js";
import * as workflows from "../src/workflows.js";

// The constants are generated from the same spec as the JSON Schemas: each one must list exactly
// what the published schema allows, and the validators must agree with them value by value.
const bundle = (protocol: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../specs/generated/json-schema/${protocol}.schema.json`, import.meta.url), "utf8"),
  ).$defs as Record<string, { enum?: string[]; anyOf?: Array<{ const?: string }> }>;

describe("generated constants match the spec's schemas", () => {
  it("enums", () => {
    expect(agents.AgentErrorTypeValues).toEqual(bundle("agents").AgentErrorType!.enum);
    expect(workflows.WorkflowErrorCodeValues).toEqual(bundle("workflows").WorkflowErrorCode!.enum);
    expect(workflows.WorkflowHttpErrorTypeValues).toEqual(bundle("workflows").WorkflowHttpErrorType!.enum);
    expect(responses.ResponseStatusValues).toEqual(bundle("responses").ResponseStatus!.anyOf!.map((b) => b.const));
  });

  it("every AgentErrorType value is a valid error and nothing else is", () => {
    for (const type of agents.AgentErrorTypeValues) {
      expect(agents.validate.AgentError({ type, message: "m" }).ok).toBe(true);
    }
    expect(agents.validate.AgentError({ type: "no_such_type", message: "m" }).ok).toBe(false);
  });

  it("discriminators list the type of every branch, each accepted by the validator's dispatch", () => {
    expect(responses.ResponseStreamEventTypes).toContain("response.completed");
    expect(new Set(responses.ResponseStreamEventTypes).size).toBe(responses.ResponseStreamEventTypes.length);
    expect(agents.AgentServerFrameTypes).toEqual(["ready", "started", "event", "result", "error", "pong"]);
    // An unknown tag is reported as such; a known one gets past the dispatch to the branch's own checks.
    const unknown = workflows.validate.WorkflowServerFrame({ type: "nope" });
    expect(unknown.ok || unknown.issue.message).toMatch(/unknown value/);
    for (const type of workflows.WorkflowServerFrameTypes) {
      const result = workflows.validate.WorkflowServerFrame({ type });
      expect(result.ok || result.issue.message).not.toMatch(/unknown value/);
    }
    expect(responses.InputItemTypes).toEqual([
      "message",
      "function_call",
      "function_call_output",
      "item_reference",
      "reasoning",
      "compaction",
    ]);
  });
});

describe("a validation issue says what kind of fault it is", () => {
  const kind = (payload: unknown) => {
    const result = responses.validate.CreateResponse(payload);
    return result.ok ? "ok" : result.issue.kind;
  };
  it("required, unsupported_field, invalid", () => {
    expect(kind({ input: "hi" })).toBe("required");
    expect(kind({ model: "m", frobnicate: { effort: "low" } })).toBe("unsupported_field");
    expect(kind({ model: "m", input: [{ role: "user", content: "hi", colour: "red" }] })).toBe("unsupported_field");
    expect(kind({ model: "m", temperature: "hot" })).toBe("invalid");
    expect(kind({ model: "m", input: [{ role: "robot", content: "hi" }] })).toBe("invalid");
    expect(kind({ model: "m", input: [{ type: "function_call_output", output: "x" }] })).toBe("required");
    expect(kind({ model: "m" })).toBe("ok");
  });
  it("a missing discriminator is required", () => {
    const result = agents.validate.AgentServerFrame({ requestId: "r" });
    expect(result.ok ? "ok" : result.issue.kind).toBe("required");
  });
});
