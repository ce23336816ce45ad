// initAgent: sessions with their own history, prompts run in order, events streamed to onEvent.
import { describe, expect, it } from "vitest";
import { createAgent } from "../src/runtime/agent/define.js";
import { initAgent } from "../src/runtime/agent/harness.js";
import { delay, isAbortError } from "../src/runtime/model/abort.js";
import { scriptedModel, textReply } from "../src/runtime/model/scripted.js";
import type { ModelMessage } from "../src/runtime/model/types.js";

describe("initAgent", () => {
  const echoLast = scriptedModel("echo-model", (request) => {
    const users = request.messages.filter((m) => m.role === "user");
    return textReply(`${users.length}:${users.at(-1)?.content ?? ""}`, { inputTokens: 1, outputTokens: 1 });
  });

  it("keeps one history per session and reports text, usage and model id", async () => {
    const ids: string[] = [];
    const agent = createAgent(({ id }) => {
      ids.push(id);
      return { model: echoLast };
    });
    const harness = initAgent(agent, { id: "inst-1", env: {} });
    const first = await harness.session().prompt("hello");
    expect(first).toEqual({
      text: "1:hello",
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      model: { id: "echo-model" },
    });
    expect((await harness.session("default").prompt("again")).text).toBe("2:again");
    expect((await harness.session("other").prompt("fresh")).text).toBe("1:fresh");
    expect(harness.session().history()).toEqual([
      { role: "user", content: "hello" },
      { role: "assistant", content: "1:hello" },
      { role: "user", content: "again" },
      { role: "assistant", content: "2:again" },
    ] satisfies ModelMessage[]);
    expect(ids).toEqual(["inst-1"]);
  });

  it("runs prompts to one session in order and leaves no trace of an aborted one", async () => {
    const model = scriptedModel("ordered", async function* (request) {
      const last = request.messages.at(-1);
      const content = last?.role === "user" ? last.content : "";
      if (content === "slow") await delay(10_000, request.signal);
      yield { type: "text", delta: content } as const;
      yield { type: "finish", reason: "stop" } as const;
    });
    const session = initAgent(
      createAgent(() => ({ model })),
      { id: "x", env: {} },
    ).session();
    const order: string[] = [];
    const controller = new AbortController();
    const slow = session.prompt("slow", { signal: controller.signal }).catch((error: unknown) => {
      order.push("slow aborted");
      throw error;
    });
    const fast = session.prompt("fast").then((result) => {
      order.push(result.text);
      return result;
    });
    setTimeout(() => controller.abort(), 20);
    await expect(slow).rejects.toSatisfy(isAbortError);
    await fast;
    expect(order).toEqual(["slow aborted", "fast"]);
    expect(session.history()).toEqual([
      { role: "user", content: "fast" },
      { role: "assistant", content: "fast" },
    ]);
  });

  it("streams events to onEvent", async () => {
    const events: string[] = [];
    await initAgent(
      createAgent(() => ({ model: echoLast })),
      { id: "e", env: {} },
    )
      .session()
      .prompt("hi", { onEvent: (event) => events.push(event.type) });
    expect(events).toEqual(["turn_start", "text_delta", "turn_end", "done"]);
  });
});
