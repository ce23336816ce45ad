import { describe, expect, it } from "vitest";
import { fromFetchRequest, toFetchResponse } from "../src/fetch.js";
import { PayloadTooLargeError } from "../src/http/types.js";

const streamOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe("fromFetchRequest", () => {
  it("exposes method, path, query and headers without the fragment", () => {
    const req = fromFetchRequest(
      new Request("http://example.test:8080/v1/responses/r%201?stream=true&starting_after=3#frag", {
        headers: { "X-Thing": "yes" },
      }),
    );
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/v1/responses/r%201");
    expect(req.query.get("stream")).toBe("true");
    expect(req.query.get("starting_after")).toBe("3");
    expect(req.header("x-thing")).toBe("yes");
    expect(req.header("missing")).toBeUndefined();
    expect(fromFetchRequest(new Request("http://h/")).path).toBe("/");
    expect(fromFetchRequest(new Request("http://h")).path).toBe("/");
  });

  it("reads bodies up to the limit, with or without a declared length", async () => {
    const declared = fromFetchRequest(new Request("http://h/x", { method: "POST", body: "hello" }));
    expect(new TextDecoder().decode(await declared.body(5))).toBe("hello");
    // The body is read once; later calls share the result.
    expect(new TextDecoder().decode(await declared.body(5))).toBe("hello");

    const streamed = fromFetchRequest(
      new Request("http://h/x", { method: "POST", body: streamOf("he", "llo"), duplex: "half" } as RequestInit),
    );
    expect(new TextDecoder().decode(await streamed.body(5))).toBe("hello");
    expect((await fromFetchRequest(new Request("http://h/x")).body(5)).byteLength).toBe(0);
  });

  it("rejects with PayloadTooLargeError past the limit", async () => {
    await expect(
      fromFetchRequest(new Request("http://h/x", { method: "POST", body: "123456" })).body(5),
    ).rejects.toBeInstanceOf(PayloadTooLargeError);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(4));
      },
    });
    const req = fromFetchRequest(
      new Request("http://h/x", { method: "POST", body: endless, duplex: "half" } as RequestInit),
    );
    await expect(req.body(10)).rejects.toBeInstanceOf(PayloadTooLargeError);
    // Reading stopped right after the limit instead of draining the stream.
    expect(pulled).toBeLessThan(6);
  });

  it("carries the request's abort signal", () => {
    const controller = new AbortController();
    const req = fromFetchRequest(new Request("http://h/x", { signal: controller.signal }));
    expect(req.signal.aborted).toBe(false);
    controller.abort();
    expect(req.signal.aborted).toBe(true);
  });
});

describe("toFetchResponse", () => {
  it("converts string bodies and null-body statuses", async () => {
    const res = toFetchResponse({ status: 201, headers: { "content-type": "application/json" }, body: '{"a":1}' });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ a: 1 });
    const empty = toFetchResponse({ status: 204, headers: {}, body: "ignored" });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it("pulls stream chunks only as the reader asks for them", async () => {
    let produced = 0;
    const res = toFetchResponse({
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: (async function* () {
        for (let i = 0; i < 100; i++) {
          produced++;
          yield `data: ${i}\n\n`;
        }
      })(),
    });
    const reader = res.body!.getReader();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(produced).toBe(0);
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: 0\n\n");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(produced).toBe(1);
  });

  it("calls the iterator's return() when the reader cancels", async () => {
    let finished = false;
    const res = toFetchResponse({
      status: 200,
      headers: {},
      body: (async function* () {
        try {
          for (;;) yield "tick";
        } finally {
          finished = true;
        }
      })(),
    });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });

  it("errors the stream when the producer throws", async () => {
    const log = console.error;
    console.error = () => {};
    try {
      const res = toFetchResponse({
        status: 200,
        headers: {},
        body: (async function* () {
          yield "first";
          throw new Error("producer failed");
        })(),
      });
      const reader = res.body!.getReader();
      await reader.read();
      await expect(reader.read()).rejects.toThrow("producer failed");
    } finally {
      console.error = log;
    }
  });
});
