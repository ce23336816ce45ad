import { describe, expect, it } from "vitest";
import { isJsonMediaType, readJson } from "../src/http/read-json.js";
import { json, sse, sseComment, sseFrame } from "../src/http/response.js";
import { Router } from "../src/http/router.js";
import { type CoreRequest, PayloadTooLargeError } from "../src/http/types.js";

function request(body: string | Uint8Array, headers: Record<string, string> = {}): CoreRequest {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  return {
    method: "POST",
    path: "/",
    query: new URLSearchParams(),
    header: (name) => headers[name.toLowerCase()],
    body: async (limit) => {
      if (bytes.byteLength > limit) throw new PayloadTooLargeError(limit);
      return bytes;
    },
    signal: new AbortController().signal,
  };
}

describe("Router", () => {
  const router = new Router<string>()
    .add("POST", "/v1/responses", "create")
    .add("GET", "/v1/responses/:id", "get")
    .add("DELETE", "/v1/responses/:id", "delete")
    .add("get", "/v1/responses/:id/input_items", "items");

  it("matches static and parameter segments, decoding parameters", () => {
    expect(router.match("POST", "/v1/responses")).toEqual({ handler: "create", params: {} });
    expect(router.match("GET", "/v1/responses/resp_1")).toEqual({ handler: "get", params: { id: "resp_1" } });
    expect(router.match("GET", "/v1/responses/a%20b%2Fc/input_items")).toEqual({
      handler: "items",
      params: { id: "a b/c" },
    });
    expect(router.match("GET", "/v1/responses/resp_1/")).toEqual({ handler: "get", params: { id: "resp_1" } });
  });

  it("reports the allowed methods when only the method is wrong", () => {
    expect(router.match("PUT", "/v1/responses/x")).toEqual({ methodNotAllowed: true, allow: ["GET", "DELETE"] });
    expect(router.match("GET", "/v1/responses")).toEqual({ methodNotAllowed: true, allow: ["POST"] });
  });

  it("returns undefined for unknown paths, empty parameters and extra segments", () => {
    expect(router.match("GET", "/v1/nothing")).toBeUndefined();
    expect(router.match("GET", "/v1/responses//input_items")).toBeUndefined();
    expect(router.match("GET", "/v1/responses/x/input_items/more")).toBeUndefined();
  });

  it("keeps a malformed escape as written instead of throwing", () => {
    expect(router.match("GET", "/v1/responses/%E0%A4%A")).toEqual({ handler: "get", params: { id: "%E0%A4%A" } });
  });
});

describe("readJson", () => {
  it("parses JSON with or without a JSON content type", async () => {
    expect(await readJson(request('{"a":1}', { "content-type": "application/json; charset=utf-8" }), 100)).toEqual({
      ok: true,
      value: { a: 1 },
    });
    expect(await readJson(request("[1]", { "content-type": "application/merge-patch+json" }), 100)).toEqual({
      ok: true,
      value: [1],
    });
    expect(await readJson(request('"s"'), 100)).toEqual({ ok: true, value: "s" });
  });

  it("rejects other media types before reading", async () => {
    const result = await readJson(request("{}", { "content-type": "text/plain" }), 100);
    expect(result).toMatchObject({ ok: false, reason: "unsupported_media_type" });
    expect(!result.ok && result.message).toContain("text/plain");
  });

  it("reports empty bodies, syntax errors and invalid UTF-8 as invalid_json", async () => {
    expect(await readJson(request(""), 100)).toMatchObject({
      ok: false,
      reason: "invalid_json",
      message: "request body is empty",
    });
    expect(await readJson(request("{"), 100)).toMatchObject({ ok: false, reason: "invalid_json" });
    expect(await readJson(request(Uint8Array.from([0x22, 0xff, 0x22])), 100)).toMatchObject({
      ok: false,
      reason: "invalid_json",
      message: "request body is not valid UTF-8",
    });
  });

  it("lets PayloadTooLargeError through for the app to answer 413", async () => {
    await expect(readJson(request("[1,2,3]"), 3)).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it("recognises JSON media types", () => {
    expect(isJsonMediaType("Application/JSON")).toBe(true);
    expect(isJsonMediaType("application/vnd.api+json; charset=utf-8")).toBe(true);
    expect(isJsonMediaType("application/jsonx")).toBe(false);
    expect(isJsonMediaType("text/json+plain")).toBe(false);
  });
});

describe("response helpers", () => {
  it("json serialises the body and sets the content type, keeping extra headers", () => {
    expect(json(201, { ok: true }, { "retry-after": "1" })).toEqual({
      status: 201,
      headers: { "content-type": "application/json", "retry-after": "1" },
      body: '{"ok":true}',
    });
  });

  it("sse sets the streaming headers", async () => {
    const res = sse(
      (async function* () {
        yield "a";
      })(),
    );
    expect(res.status).toBe(200);
    expect(res.headers).toEqual({
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    });
  });

  it("formats frames with event, id and JSON or multi-line data", () => {
    expect(sseFrame({ event: "response.created", data: { type: "response.created", n: 1 } })).toBe(
      'event: response.created\ndata: {"type":"response.created","n":1}\n\n',
    );
    expect(sseFrame({ id: 7, data: "[DONE]" })).toBe("id: 7\ndata: [DONE]\n\n");
    expect(sseFrame({ data: "line 1\nline 2\r\nline 3" })).toBe("data: line 1\ndata: line 2\ndata: line 3\n\n");
    expect(sseFrame({ event: "bad\nname", data: "" })).toBe("event: bad name\ndata: \n\n");
  });

  it("formats comments on one line", () => {
    expect(sseComment("keep-alive")).toBe(": keep-alive\n\n");
    expect(sseComment("a\nb")).toBe(": a b\n\n");
  });
});
