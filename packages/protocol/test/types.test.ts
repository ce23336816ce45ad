import { describe, expectTypeOf, it } from "vitest";
import type { OutputItem, ResponseStreamEvent } from "../src/responses.js";

// These assertions are checked by `tsc` (the typecheck step): a union that did not narrow on
// `type` would make the property accesses below fail to compile.
function textOf(event: ResponseStreamEvent): string | undefined {
  switch (event.type) {
    case "response.output_text.delta":
      return event.delta;
    case "response.output_text.done":
      return event.text;
    case "response.function_call_arguments.done":
      return event.arguments;
    case "error":
      return event.message;
    default:
      return undefined;
  }
}

describe("generated unions narrow on type", () => {
  it("stream events", () => {
    expectTypeOf<Extract<ResponseStreamEvent, { type: "response.output_text.delta" }>>().toHaveProperty("delta");
    expectTypeOf<Extract<ResponseStreamEvent, { type: "response.completed" }>>().toHaveProperty("response");
    expectTypeOf(textOf).returns.toEqualTypeOf<string | undefined>();
  });

  it("output items", () => {
    const item = {
      type: "function_call",
      id: "fc_1",
      call_id: "call_1",
      name: "f",
      arguments: "{}",
      status: "completed",
    } as OutputItem;
    if (item.type === "function_call") expectTypeOf(item.call_id).toBeString();
    else expectTypeOf(item.content).toBeArray();
  });
});
