/**
 * Bad input on the Responses routes added for parity (conversations, input_tokens, compact): every
 * malformed body, unknown id, NUL and oversize value gets a 4xx in OpenAI's error envelope, on every
 * adapter, and the server keeps serving. The words `input_tokens` and `compact` are never taken for
 * response ids, and a wrong method says which methods the route has.
 */
import { responsesProtocol } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_KINDS, startServer, type TestServer } from "./support/index.js";

const MAX_BODY = 32 * 1024;

describe.each(SERVER_KINDS)("bad input on the parity routes over %s", (adapter) => {
  let server: TestServer;
  let conversationId: string;

  beforeAll(async () => {
    server = await startServer(adapter, {
      protocols: [responsesProtocol({ agents: fixtureAgents })],
      limits: { maxBodyBytes: MAX_BODY },
    });
    const res = await send("POST", "/v1/conversations", JSON.stringify({}));
    conversationId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await server.close();
  });

  const send = (method: string, path: string, body?: string) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body }),
    });

  type Case = [string, string, () => string, string | undefined, number, { code?: string; param?: string | null }];
  const big = "x".repeat(MAX_BODY);
  const cases: Case[] = [
    ["POST", "/v1/conversations", () => "malformed JSON", '{"items": [', 400, { code: "invalid_json" }],
    ["POST", "/v1/conversations", () => "not an object", "[1]", 400, {}],
    ["POST", "/v1/conversations", () => "items not a list", '{"items": 3}', 400, { param: "items" }],
    [
      "POST",
      "/v1/conversations",
      () => "unknown item type",
      '{"items": [{"type": "web_search_call"}]}',
      400,
      { param: "items[0].type" },
    ],
    [
      "POST",
      "/v1/conversations",
      () => "too many items",
      JSON.stringify({ items: Array(21).fill({ role: "user", content: "x" }) }),
      400,
      { param: "items" },
    ],
    [
      "POST",
      "/v1/conversations",
      () => "metadata value too long",
      JSON.stringify({ metadata: { k: "v".repeat(513) } }),
      400,
      { param: "metadata.k" },
    ],
    [
      "POST",
      "/v1/conversations",
      () => "oversize body",
      JSON.stringify({ items: [{ role: "user", content: big }] }),
      413,
      { code: "payload_too_large" },
    ],
    [
      "POST",
      "/v1/conversations",
      () => "reference to no item",
      '{"items": [{"type": "item_reference", "id": "msg_nope"}]}',
      400,
      { param: "items[0].id" },
    ],
    [
      "GET",
      "/v1/conversations/conv_nope",
      () => "unknown conversation",
      undefined,
      404,
      { code: "conversation_not_found" },
    ],
    ["GET", "/v1/conversations/conv_%00", () => "NUL in an id", undefined, 400, {}],
    ["DELETE", "/v1/conversations/conv_nope", () => "delete unknown conversation", undefined, 404, {}],
    ["POST", "/v1/conversations/conv_nope", () => "update unknown conversation", '{"metadata": {}}', 404, {}],
    ["POST", "/v1/conversations/:id", () => "update without metadata", "{}", 400, { param: "metadata" }],
    ["GET", "/v1/conversations/:id/items?limit=0", () => "bad limit", undefined, 400, { param: "limit" }],
    ["GET", "/v1/conversations/:id/items?order=up", () => "bad order", undefined, 400, { param: "order" }],
    ["GET", "/v1/conversations/:id/items?after=msg_nope", () => "unknown after", undefined, 400, { param: "after" }],
    ["GET", "/v1/conversations/:id/items/msg_nope", () => "unknown item", undefined, 404, { code: "item_not_found" }],
    ["DELETE", "/v1/conversations/:id/items/msg_%00", () => "NUL in an item id", undefined, 400, {}],
    ["POST", "/v1/conversations/:id/items", () => "empty items", '{"items": []}', 400, { param: "items" }],
    [
      "POST",
      "/v1/conversations/conv_nope/items",
      () => "items on unknown conversation",
      '{"items": [{"role": "user", "content": "x"}]}',
      404,
      {},
    ],
    ["POST", "/v1/responses/input_tokens", () => "tokens: malformed JSON", "{", 400, { code: "invalid_json" }],
    ["POST", "/v1/responses/input_tokens", () => "tokens: no model", '{"input": "x"}', 400, { param: "model" }],
    [
      "POST",
      "/v1/responses/input_tokens",
      () => "tokens: unknown model",
      '{"model": "nope", "input": "x"}',
      404,
      { code: "model_not_found" },
    ],
    [
      "POST",
      "/v1/responses/input_tokens",
      () => "tokens: unknown field",
      '{"model": "echo", "colour": 1}',
      400,
      { code: "unknown_parameter" },
    ],
    [
      "POST",
      "/v1/responses/input_tokens",
      () => "tokens: unknown previous response",
      '{"model": "echo", "previous_response_id": "resp_nope"}',
      404,
      {},
    ],
    [
      "POST",
      "/v1/responses/input_tokens",
      () => "tokens: oversize",
      JSON.stringify({ model: "echo", input: big }),
      413,
      {},
    ],
    ["POST", "/v1/responses/compact", () => "compact: malformed JSON", "{", 400, { code: "invalid_json" }],
    ["POST", "/v1/responses/compact", () => "compact: no model", '{"input": "x"}', 400, { param: "model" }],
    [
      "POST",
      "/v1/responses/compact",
      () => "compact: unknown conversation item",
      '{"model": "echo", "input": [{"type": "compaction", "encrypted_content": "forged"}]}',
      400,
      { param: "input[0].encrypted_content" },
    ],
    [
      "POST",
      "/v1/responses/compact",
      () => "compact: NUL in previous id",
      '{"model": "echo", "previous_response_id": "resp_\\u0000"}',
      400,
      { param: "previous_response_id" },
    ],
    [
      "POST",
      "/v1/responses",
      () => "create: unknown conversation",
      '{"model": "echo", "conversation": "conv_nope"}',
      404,
      { param: "conversation" },
    ],
    [
      "POST",
      "/v1/responses",
      () => "create: bad json_schema",
      '{"model": "echo", "input": "x", "text": {"format": {"type": "json_schema", "name": "n", "schema": {"type": 12}}}}',
      400,
      { param: "text.format.schema" },
    ],
    [
      "POST",
      "/v1/responses",
      () => "create: image file_id",
      '{"model": "echo", "input": [{"role": "user", "content": [{"type": "input_image", "file_id": "f"}]}]}',
      400,
      { param: "input[0].content[0].file_id" },
    ],
    [
      "POST",
      "/v1/responses",
      () => "create: image not a URL",
      '{"model": "echo", "input": [{"role": "user", "content": [{"type": "input_image", "image_url": "file:///etc/passwd"}]}]}',
      400,
      { param: "input[0].content[0].image_url" },
    ],
    [
      "POST",
      "/v1/responses",
      () => "create: file without data",
      '{"model": "echo", "input": [{"role": "user", "content": [{"type": "input_file", "filename": "a"}]}]}',
      400,
      { param: "input[0].content[0].file_data" },
    ],
    [
      "POST",
      "/v1/responses",
      () => "create: hosted tool choice",
      '{"model": "echo", "input": "x", "tool_choice": {"type": "web_search_preview"}}',
      400,
      { param: "tool_choice.type" },
    ],
    [
      "POST",
      "/v1/responses",
      () => "create: NUL in an item id",
      '{"model": "echo", "input": [{"type": "reasoning", "id": "rs_\\u0000", "summary": []}]}',
      400,
      { param: "input[0].id" },
    ],
  ];

  for (const [method, rawPath, name, body, status, expected] of cases) {
    it(name(), async () => {
      const path = rawPath.replace(":id", conversationId);
      const res = await send(method, path, body);
      expect(res.status).toBe(status);
      const envelope = (await res.json()) as { error: Record<string, unknown> };
      expect(Object.keys(envelope)).toEqual(["error"]);
      expect(Object.keys(envelope.error).sort()).toEqual(["code", "message", "param", "type"]);
      expect(envelope.error).toMatchObject(expected);
      expect((await send("GET", "/v1/models")).status).toBe(200);
    });
  }

  it("input_tokens and compact are routes, not response ids: a wrong method says what exists", async () => {
    for (const path of ["/v1/responses/input_tokens", "/v1/responses/compact"]) {
      for (const method of ["GET", "DELETE"]) {
        const res = await send(method, path);
        expect(res.status).toBe(405);
        expect(res.headers.get("allow")).toBe("POST");
        const { error } = (await res.json()) as { error: { message: string; code: string } };
        expect(error.code).toBe("method_not_allowed");
        expect(error.message).toContain("POST");
      }
    }
    const res = await send("PUT", `/v1/conversations/${conversationId}`, "{}");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST, DELETE");
    // A response id is still a response id.
    expect((await send("GET", "/v1/responses/resp_nope")).status).toBe(404);
  });
});
