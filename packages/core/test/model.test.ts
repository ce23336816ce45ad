import { describe, expect, it } from "vitest";
import { delay, isAbortError, raceAbort } from "../src/runtime/model/abort.js";
import { scriptedModel, textReply, toolCallReply } from "../src/runtime/model/scripted.js";
import { Semaphore } from "../src/runtime/model/semaphore.js";
import { parseServerSentEvents, ServerSentEventParser } from "../src/runtime/model/sse.js";
import type { ModelEvent, ModelRequest } from "../src/runtime/model/types.js";

const request = (signal = new AbortController().signal): ModelRequest => ({
  messages: [{ role: "user", content: "hi" }],
  signal,
});

async function collect(events: AsyncIterable<ModelEvent>): Promise<ModelEvent[]> {
  const out: ModelEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

describe("scriptedModel", () => {
  it("streams what the script returns, from an array or a generator, and sees the request", async () => {
    const fromArray = scriptedModel("a", (req) => textReply([`you said `, req.messages.length.toString()]));
    expect(fromArray.id).toBe("a");
    expect(await collect(fromArray.stream(request()))).toEqual([
      { type: "text", delta: "you said " },
      { type: "text", delta: "1" },
      { type: "finish", reason: "stop" },
    ]);

    const fromGenerator = scriptedModel("b", async function* () {
      yield { type: "text", delta: "x" } as const;
      yield { type: "finish", reason: "stop" } as const;
    });
    expect(await collect(fromGenerator.stream(request()))).toHaveLength(2);
  });

  it("builds tool-call turns with streamed arguments and usage", () => {
    const events = toolCallReply([{ id: "call_1", name: "f", arguments: ['{"a"', ":1}"] }], {
      inputTokens: 2,
      outputTokens: 3,
    });
    expect(events).toEqual([
      { type: "tool_call_start", callId: "call_1", name: "f" },
      { type: "tool_call_delta", callId: "call_1", delta: '{"a"' },
      { type: "tool_call_delta", callId: "call_1", delta: ":1}" },
      { type: "tool_call_end", callId: "call_1" },
      { type: "usage", inputTokens: 2, outputTokens: 3 },
      { type: "finish", reason: "tool_calls" },
    ]);
    const [start] = toolCallReply([{ name: "g", arguments: "{}" }]);
    expect(start).toMatchObject({ type: "tool_call_start", callId: expect.stringMatching(/^call_[0-9a-f]{24}$/) });
  });

  it("ends promptly on abort even when the script ignores the signal", async () => {
    const model = scriptedModel("stuck", async function* () {
      yield { type: "text", delta: "first" } as const;
      await new Promise(() => {});
    });
    const controller = new AbortController();
    const seen: ModelEvent[] = [];
    const started = Date.now();
    const run = (async () => {
      for await (const event of model.stream(request(controller.signal))) {
        seen.push(event);
        setTimeout(() => controller.abort(), 10);
      }
    })();
    await expect(run).rejects.toSatisfy(isAbortError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(seen).toEqual([{ type: "text", delta: "first" }]);
  });

  it("checks the signal between events", async () => {
    const controller = new AbortController();
    const model = scriptedModel("m", () => textReply(["a", "b", "c"]));
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const event of model.stream(request(controller.signal))) {
          if (event.type === "text") seen.push(event.delta);
          controller.abort();
        }
      })(),
    ).rejects.toSatisfy(isAbortError);
    expect(seen).toEqual(["a"]);
  });

  it("refuses to start on an already aborted signal, with the abort reason", async () => {
    const controller = new AbortController();
    const reason = new Error("cancelled by client");
    controller.abort(reason);
    await expect(collect(scriptedModel("m", () => textReply("x")).stream(request(controller.signal)))).rejects.toBe(
      reason,
    );
  });
});

describe("abort helpers", () => {
  it("delay rejects as soon as the signal aborts", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 10);
    await expect(delay(5_000, controller.signal)).rejects.toSatisfy(isAbortError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("raceAbort settles with the promise when it wins", async () => {
    await expect(raceAbort(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
  });
});

describe("Semaphore", () => {
  it("caps concurrency, serves waiters in order and tolerates double release", async () => {
    const semaphore = new Semaphore(2);
    const a = await semaphore.acquire();
    await semaphore.acquire();
    const order: string[] = [];
    const third = semaphore.acquire().then((release) => {
      order.push("third");
      return release;
    });
    const fourth = semaphore.acquire().then((release) => {
      order.push("fourth");
      return release;
    });
    expect(semaphore.active).toBe(2);
    expect(semaphore.waiting).toBe(2);
    a();
    a();
    (await third)();
    await fourth;
    expect(order).toEqual(["third", "fourth"]);
    expect(semaphore.active).toBe(2);
  });

  it("drops an aborted waiter without leaking its permit", async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toSatisfy(isAbortError);
    expect(semaphore.waiting).toBe(0);
    release();
    expect(semaphore.active).toBe(0);
  });

  it("rejects a non-positive permit count", () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});

describe("parseServerSentEvents", () => {
  async function parse(chunks: string[]) {
    const encoder = new TextEncoder();
    async function* body() {
      for (const chunk of chunks) yield encoder.encode(chunk);
    }
    const out = [];
    for await (const event of parseServerSentEvents(body())) out.push(event);
    return out;
  }

  it("handles split lines, CRLF, comments, named events and multi-line data", async () => {
    expect(
      await parse([": keep-alive\n\nda", 'ta: {"a":1}\r', "\n\r\nevent: done\ndata: x\ndata:y\n\n", "data: tail"]),
    ).toEqual([{ data: '{"a":1}' }, { event: "done", data: "x\ny" }, { data: "tail" }]);
  });

  it("returns every event of a chunk at once, holding back a line split across chunks", () => {
    const encoder = new TextEncoder();
    const parser = new ServerSentEventParser();
    expect(parser.push(encoder.encode("data: 1\n\ndata: 2\r\n\r\nevent: e\rdata: 3\r\rdata: 4\r"))).toEqual([
      { data: "1" },
      { data: "2" },
      { event: "e", data: "3" },
    ]);
    // The trailing "\r" above might have begun "\r\n": only the next chunk tells.
    expect(parser.push(encoder.encode("\ndata:5"))).toEqual([]);
    expect(parser.push(encoder.encode("\n\n:comment\ndata"))).toEqual([{ data: "4\n5" }]);
    expect(parser.end()).toEqual([{ data: "" }]);
    const unterminated = new ServerSentEventParser();
    expect(unterminated.push(encoder.encode("data: x\r"))).toEqual([]);
    expect(unterminated.end()).toEqual([{ data: "x" }]);
  });

  it("decodes multi-byte characters split across chunks", async () => {
    const bytes = new TextEncoder().encode("data: héllo\n\n");
    async function* body() {
      yield bytes.slice(0, 8);
      yield bytes.slice(8);
    }
    const out = [];
    for await (const event of parseServerSentEvents(body())) out.push(event);
    expect(out).toEqual([{ data: "héllo" }]);
  });
});
