// ResponseBuilder: concluding a run from its stored log, and building without copies of events.
import type { ResponseObject, ResponseStreamEvent } from "@switchboard/protocol/responses";
import { describe, expect, it } from "vitest";
import { ResponseBuilder } from "../src/protocols/responses/builder.js";
import { initialResponse } from "../src/protocols/responses/initial.js";

describe("ResponseBuilder.fromLog", () => {
  const request = { model: "echo", input: "hi" } as Parameters<typeof initialResponse>[1];
  const sequenced = (events: unknown[], from = 0) =>
    events.map((event, i) => ({ ...(event as object), sequence_number: from + i }) as ResponseStreamEvent);
  /** Drops what legitimately differs between two builders: the time they finished. */
  const timeless = (events: unknown[]) =>
    JSON.parse(JSON.stringify(events, (key, value) => (key === "completed_at" ? undefined : value)));

  // Every point a process could die at, in a run with text, a turn, a function call and more text.
  const steps: ((b: ResponseBuilder) => unknown[])[] = [
    (b) => b.created(),
    (b) => b.started(),
    (b) => b.text("Hello"),
    (b) => b.text(" world"),
    (b) => b.endTurn(),
    (b) => b.text("again"),
    (b) => b.functionCallStart("up_1", "lookup"),
    (b) => b.functionCallDelta("up_1", '{"q":'),
    (b) => b.functionCallDelta("up_1", '"x"}'),
    (b) => b.functionCallEnd("up_1"),
    (b) => b.functionCallStart("up_2", "lookup"),
    (b) => b.functionCallDelta("up_2", "{"),
    (b) => b.text("after"),
  ];

  for (let cut = 1; cut <= steps.length; cut++) {
    it(`concludes a log cut after step ${cut} as the original builder would have`, () => {
      const original = new ResponseBuilder(initialResponse("resp_log", request, true));
      const log = sequenced(steps.slice(0, cut).flatMap((step) => step(original)));
      // The stored object lags behind: it is the one from the first snapshot.
      const stored = (log[0] as { response: ResponseObject }).response;
      const resumed = ResponseBuilder.fromLog(stored, log);
      expect(timeless(resumed.failed({ code: "server_error", message: "gone" }))).toEqual(
        timeless(original.failed({ code: "server_error", message: "gone" })),
      );
      expect(timeless([resumed.response])).toEqual(timeless([original.response]));
    });
  }
});

describe("ResponseBuilder without copies", () => {
  const request = { model: "echo", input: "hi" } as Parameters<typeof initialResponse>[1];
  /** Drops what legitimately differs between two builders: the time they finished and the ids they drew. */
  const timeless = (value: unknown) =>
    JSON.parse(
      JSON.stringify(value, (key, inner) =>
        key === "completed_at" ? undefined : (key === "id" || key === "call_id") && inner !== "resp_q" ? "" : inner,
      ),
    );

  it("builds the same response as a builder handing out events, whatever it skips", () => {
    // Text, a turn's end, more text, client calls interrupting a message, text after them.
    const run = (b: ResponseBuilder) => {
      b.started();
      b.text("Hello");
      b.text(" world");
      b.endTurn();
      b.text("again");
      b.text(" and again");
      b.functionCallStart("up_1", "lookup");
      b.functionCallDelta("up_1", '{"q":"x"}');
      b.functionCallEnd("up_1");
      b.text("after");
      b.functionCallStart("up_2", "lookup");
      b.text("last");
      b.addUsage(3, 4);
      return b.completed();
    };
    const full = new ResponseBuilder(initialResponse("resp_q", request, false));
    const quiet = new ResponseBuilder(initialResponse("resp_q", request, false), { copies: false });
    const events = run(full);
    run(quiet);
    expect(events.at(-1)?.type).toBe("response.completed");
    expect(timeless(quiet.response)).toEqual(timeless(full.response));
    expect(quiet.response.output.map((item) => item.type)).toEqual([
      "message",
      "function_call",
      "message",
      "function_call",
      "message",
    ]);
  });
});
