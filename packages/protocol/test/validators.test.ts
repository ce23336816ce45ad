import { describe, expect, it } from "vitest";
import { validate as agents } from "../src/agents.js";
import { validate as responses } from "../src/responses.js";
import { validate as workflows } from "../src/workflows.js";

describe("generated validators report the exact location of a fault", () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    ["missing model", { input: "hi" }, "/model", /required/],
    ["wrong type", { model: "echo", temperature: "hot" }, "/temperature", /number/],
    ["out of range", { model: "echo", top_p: 3 }, "/top_p", /<=/],
    ["unknown field", { model: "echo", frobnicate: { effort: "low" } }, "/frobnicate", /not a supported field/],
    [
      "unsupported content part",
      { model: "echo", input: [{ role: "user", content: [{ type: "input_audio", input_audio: {} }] }] },
      "/input/0/content/0/type",
      /unknown value "input_audio"/,
    ],
    [
      "bad field inside the branch the item names",
      { model: "echo", input: [{ type: "function_call_output", call_id: 3, output: "x" }] },
      "/input/0/call_id",
      /string/,
    ],
    [
      "unknown field in an easy input message",
      { model: "echo", input: [{ role: "user", content: "hi", colour: "red" }] },
      "/input/0/colour",
      /not a supported field/,
    ],
    [
      "empty previous response id",
      { model: "echo", previous_response_id: "" },
      "/previous_response_id",
      /fewer than 1/,
    ],
    ["bad role", { model: "echo", input: [{ role: "robot", content: "hi" }] }, "/input/0/role", /one of|must/],
  ];
  for (const [name, payload, pointer, message] of cases) {
    it(name, () => {
      const result = responses.CreateResponse(payload);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issue.pointer).toBe(pointer);
      expect(result.issue.message).toMatch(message);
    });
  }

  it("renders the pointer as OpenAI's dotted param", () => {
    const result = responses.CreateResponse({
      model: "echo",
      input: [{ type: "function_call", call_id: "c", name: 1, arguments: "{}" }],
    });
    expect(result.ok || result.issue.param).toBe("input[0].name");
  });

  it("accepts what the OpenAI SDK sends", () => {
    const ok = responses.CreateResponse({
      model: "tools",
      input: [
        { role: "user", content: "weather?" },
        { type: "function_call", call_id: "call_1", name: "get_weather", arguments: "{}" },
        { type: "function_call_output", call_id: "call_1", output: "sunny" },
      ],
      tools: [{ type: "function", name: "get_weather", parameters: { type: "object" }, strict: true }],
      tool_choice: "auto",
      stream: true,
      metadata: { a: "b" },
    });
    expect(ok).toEqual(expect.objectContaining({ ok: true }));
  });

  it("rejects a stream event whose type is unknown, naming the tag", () => {
    const result = responses.ResponseStreamEvent({ type: "response.exploded", sequence_number: 1 });
    expect(result.ok || result.issue.pointer).toBe("/type");
  });

  it("every protocol exposes validators for its frames", () => {
    expect(Object.keys(agents).length).toBeGreaterThan(5);
    expect(Object.keys(workflows).length).toBeGreaterThan(3);
  });
});
