// The Responses HTTP surface around creation: the models list, bad input, SSE keep-alives.
import { describe, expect, it } from "vitest";
import { createSwitchboard } from "../src/app.js";
import { fromFetchRequest, toFetchResponse } from "../src/fetch.js";
import { responsesProtocol } from "../src/protocols/responses/module.js";
import { scriptedModel, textReply } from "../src/runtime/model/scripted.js";
import { agent, agents, call, create, error, useResponsesApp } from "./responses-setup.js";

useResponsesApp();

describe("models", () => {
  it("lists the served agents", async () => {
    const list = (await (await call("GET", "/v1/models")).json()) as { data: Array<{ id: string; object: string }> };
    expect(list.data.map((m) => m.id)).toEqual(Object.keys(agents));
    expect(await (await call("GET", "/v1/models/echo")).json()).toMatchObject({ id: "echo", object: "model" });
    expect(await error(await call("GET", "/v1/models/nope"), 404)).toMatchObject({ code: "model_not_found" });
  });
});

describe("bad input", () => {
  const cases: Array<[string, unknown, number, Partial<{ param: string | null; code: string }>]> = [
    ["malformed JSON", "{nope", 400, { code: "invalid_json", param: null }],
    ["unknown model", { model: "gpt-9", input: "x" }, 404, { code: "model_not_found", param: "model" }],
    ["wrong type", { model: "echo", input: "x", temperature: "hot" }, 400, { param: "temperature" }],
    [
      "unknown field",
      { model: "echo", input: "x", frobnicate: {} },
      400,
      { param: "frobnicate", code: "unknown_parameter" },
    ],
    ["nested field", { model: "echo", input: [{ role: "user", content: 5 }] }, 400, { param: "input[0].content" }],
    ["built-in tool", { model: "echo", tools: [{ type: "web_search" }] }, 400, { param: "tools[0].type" }],
    [
      "unsupported item",
      { model: "echo", input: [{ type: "web_search_call", id: "x" }] },
      400,
      { param: "input[0].type" },
    ],
    [
      "item_reference to no stored item",
      { model: "echo", input: [{ type: "item_reference", id: "msg_nope" }] },
      400,
      { param: "input[0].id" },
    ],
    ["background without store", { model: "echo", background: true, store: false }, 400, { param: "background" }],
    [
      "tool_choice naming no tool",
      { model: "echo", tool_choice: { type: "function", name: "f" } },
      400,
      { param: "tool_choice.name" },
    ],
  ];
  for (const [name, body, status, expected] of cases) {
    it(name, async () => {
      const detail = await error(await call("POST", "/v1/responses", body), status);
      expect(detail).toMatchObject(expected);
      if (expected.param) expect(detail.message).toContain(expected.param);
    });
  }

  it("answers unknown routes with 404 and wrong methods with 405 and Allow", async () => {
    expect(await error(await call("GET", "/v1/nothing"), 404)).toMatchObject({ type: "not_found_error" });
    const wrong = await call("PUT", "/v1/responses");
    // GET is WebSocket mode's upgrade (a plain GET answers 426).
    expect(wrong.headers.get("allow")).toBe("POST, GET");
    await error(wrong, 405);
  });

  it("rejects bad pagination parameters naming them", async () => {
    const response = await create({ model: "echo", input: "x" });
    for (const [query, param] of [
      ["limit=0", "limit"],
      ["limit=abc", "limit"],
      ["order=up", "order"],
      ["after=msg_nope", "after"],
    ]) {
      expect(await error(await call("GET", `/v1/responses/${response.id}/input_items?${query}`), 400)).toMatchObject({
        param,
      });
    }
  });

  it("answers an oversize body with 413 in OpenAI's envelope", async () => {
    const big = { model: "echo", input: "x".repeat(70 * 1024) };
    expect(await error(await call("POST", "/v1/responses", big), 413)).toMatchObject({ code: "payload_too_large" });
  });
});

describe("keep-alive", () => {
  it("sends SSE keep-alive comments on a quiet response stream, between complete frames", async () => {
    let proceed!: () => void;
    const quiet = new Promise<void>((resolve) => {
      proceed = resolve;
    });
    const hb = createSwitchboard({
      protocols: [
        responsesProtocol({
          heartbeatMs: 1,
          agents: {
            thinker: agent({
              model: scriptedModel("thinker", async function* () {
                // Silent until the test has seen a keep-alive on the stream.
                await quiet;
                yield* textReply("done");
              }),
            }),
          },
        }),
      ],
    });
    try {
      const request = new Request("http://switchboard.test/v1/responses", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "thinker", input: "x", stream: true }),
      });
      const response = toFetchResponse((await hb.handle(fromFetchRequest(request)))!);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      while (!text.includes(": keep-alive\n\n")) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`the stream ended without a keep-alive: ${text}`);
        text += value;
      }
      proceed();
      for (let step = await reader.read(); !step.done; step = await reader.read()) text += step.value;
      const blocks = text.split("\n\n").filter((block) => block !== "");
      expect(blocks.at(-1)).toBe("data: [DONE]");
      const events = blocks.filter((block) => !block.startsWith(":")).slice(0, -1);
      const types = events.map((block) => block.split("\n")[0]);
      expect(types[0]).toBe("event: response.created");
      expect(types.at(-1)).toBe("event: response.completed");
      expect(text).toContain('"text":"done"');
    } finally {
      await hb.close();
    }
  });
});
