import { afterEach, describe, expect, it, vi } from "vitest";
import { countWords, fixtureAgents, wordDeltas } from "../src/fixtures/agents.js";
import { initAgent } from "../src/runtime/agent/harness.js";
import { runAgent } from "../src/runtime/agent/run.js";
import type { Agent, AgentEvent, RunAgentOptions } from "../src/runtime/agent/types.js";
import { isAbortError } from "../src/runtime/model/abort.js";
import type { ModelMessage, ModelToolSpec } from "../src/runtime/model/types.js";

const ctx = { id: "fixture", env: {} };

async function run(
  agent: Agent,
  messages: ModelMessage[],
  options: Partial<RunAgentOptions> = {},
): Promise<AgentEvent[]> {
  const events: AgentEvent[] = [];
  for await (const event of runAgent({
    config: await agent.configure(ctx),
    messages,
    signal: new AbortController().signal,
    ...options,
  })) {
    events.push(event);
  }
  return events;
}

const deltas = (events: AgentEvent[]) => events.flatMap((event) => (event.type === "text_delta" ? [event.text] : []));
const done = (events: AgentEvent[]) => {
  const last = events.at(-1);
  if (last?.type !== "done") throw new Error("no done event");
  return last;
};

afterEach(() => {
  vi.useRealTimers();
});

describe("word helpers", () => {
  it("split into one delta per word that joins back verbatim", () => {
    expect(wordDeltas("hello big world")).toEqual(["hello", " big", " world"]);
    expect(wordDeltas("  two\tspaced  words \n")).toEqual(["  two", "\tspaced", "  words \n"]);
    expect(wordDeltas("   ")).toEqual(["   "]);
    expect(wordDeltas("")).toEqual([]);
    expect(countWords("  two\tspaced  words \n")).toBe(3);
  });
});

describe("fixture agents", () => {
  it("lists echo, structured, tools, slow and demo", () => {
    expect(Object.keys(fixtureAgents).sort()).toEqual(["demo", "echo", "slow", "structured", "tools"]);
  });

  it("structured replies with the schema's minimal instance, the text in its first string property", async () => {
    const schema = {
      type: "object",
      properties: {
        count: { type: "integer", minimum: 2 },
        name: { type: "string" },
        tags: { type: "array", items: { type: "string" }, minItems: 1 },
        nested: { $ref: "#/$defs/inner" },
        optional: { type: "boolean" },
      },
      required: ["count", "name", "tags", "nested"],
      $defs: { inner: { type: "object", properties: { ok: { const: true } }, required: ["ok"] } },
    };
    const events = await run(fixtureAgents.structured!, [{ role: "user", content: "Ada" }], {
      responseFormat: { type: "json_schema", name: "p", schema, strict: true },
    });
    expect(JSON.parse(deltas(events).join(""))).toEqual({ count: 2, name: "Ada", tags: [""], nested: { ok: true } });
    const object = await run(fixtureAgents.structured!, [{ role: "user", content: "Bo" }], {
      responseFormat: { type: "json_object" },
    });
    expect(deltas(object).join("")).toBe('{"text":"Bo"}');
  });

  it("tools honours tool_choice: none answers with the text, a forced function is the one called", async () => {
    const weather: ModelToolSpec = { name: "weather", parameters: { type: "object" } };
    const clock: ModelToolSpec = { name: "clock", parameters: { type: "object" } };
    const none = await run(fixtureAgents.tools!, [{ role: "user", content: "Oslo" }], {
      clientTools: [weather],
      toolChoice: "none",
    });
    expect(done(none)).toMatchObject({ text: "Oslo", pendingClientCalls: [] });
    const forced = await run(fixtureAgents.tools!, [{ role: "user", content: "Oslo" }], {
      clientTools: [weather, clock],
      toolChoice: { name: "clock" },
    });
    expect(done(forced).pendingClientCalls.map((call) => call.name)).toEqual(["clock"]);
  });

  it("max_tool_calls: once used up, the model is called without tools", async () => {
    const events = await run(fixtureAgents.tools!, [{ role: "user", content: "abc" }], { maxToolCalls: 1 });
    // One call of its own reverse tool, then the turn without tools answers with the text.
    expect(events.filter((event) => event.type === "tool_start")).toHaveLength(1);
    expect(done(events).finishReason).toBe("stop");
  });

  it("echo replies with the last user message, one delta per word, usage in words", async () => {
    const events = await run(fixtureAgents.echo!, [
      { role: "user", content: "first message" },
      { role: "assistant", content: "first message" },
      { role: "user", content: "hello big world" },
    ]);
    expect(deltas(events)).toEqual(["hello", " big", " world"]);
    expect(done(events)).toMatchObject({
      text: "hello big world",
      usage: { inputTokens: 3, outputTokens: 3, totalTokens: 6 },
      finishReason: "stop",
    });
    const spaced = await run(fixtureAgents.echo!, [{ role: "user", content: " keep  the\nspacing " }]);
    expect(done(spaced).text).toBe(" keep  the\nspacing ");
  });

  it("echo stops after max output tokens (words) and finishes with length", async () => {
    const events = await run(fixtureAgents.echo!, [{ role: "user", content: "one two three four" }], {
      maxOutputTokens: 2,
    });
    expect(deltas(events)).toEqual(["one", " two"]);
    expect(done(events)).toMatchObject({ text: "one two", finishReason: "length", usage: { outputTokens: 2 } });
    const roomy = await run(fixtureAgents.echo!, [{ role: "user", content: "one two" }], { maxOutputTokens: 5 });
    expect(done(roomy)).toMatchObject({ text: "one two", finishReason: "stop" });
  });

  describe("tools", () => {
    const clientTools: ModelToolSpec[] = [
      { name: "get_weather", parameters: { type: "object", properties: { input: { type: "string" } } } },
      { name: "second", parameters: { type: "object" } },
    ];

    it("calls the first client tool with {input}, streaming the arguments in several deltas", async () => {
      const events = await run(fixtureAgents.tools!, [{ role: "user", content: 'weather in "Oslo"' }], { clientTools });
      const start = events.find((event) => event.type === "tool_call_start");
      expect(start).toMatchObject({ name: "get_weather", client: true });
      const argumentDeltas = events.filter((event) => event.type === "tool_call_delta");
      expect(argumentDeltas.length).toBeGreaterThanOrEqual(2);
      const end = events.find((event) => event.type === "tool_call_end");
      if (end?.type !== "tool_call_end") throw new Error("no tool_call_end");
      expect(JSON.parse(end.arguments)).toEqual({ input: 'weather in "Oslo"' });
      const result = done(events);
      expect(result.finishReason).toBe("tool_calls");
      expect(result.pendingClientCalls).toEqual([{ id: end.callId, name: "get_weather", arguments: end.arguments }]);
      expect(events.some((event) => event.type === "tool_start")).toBe(false);

      const followUp = await run(
        fixtureAgents.tools!,
        [
          { role: "user", content: 'weather in "Oslo"' },
          ...result.messages,
          { role: "tool", toolCallId: end.callId, content: "sunny and 21C" },
        ],
        { clientTools },
      );
      expect(done(followUp)).toMatchObject({ text: "Tool said: sunny and 21C", finishReason: "stop" });
      expect(deltas(followUp).join("")).toBe("Tool said: sunny and 21C");
    });

    it("without client tools calls its own reverse tool and replies with the result", async () => {
      const events = await run(fixtureAgents.tools!, [{ role: "user", content: "hello world" }]);
      expect(events).toContainEqual(
        expect.objectContaining({ type: "tool_start", toolName: "reverse", args: { text: "hello world" } }),
      );
      expect(events).toContainEqual(
        expect.objectContaining({ type: "tool_result", toolName: "reverse", isError: false, result: "dlrow olleh" }),
      );
      expect(done(events)).toMatchObject({ text: "dlrow olleh", finishReason: "stop", pendingClientCalls: [] });
    });

    it("works the same through the harness, keeping the session history", async () => {
      const session = initAgent(fixtureAgents.tools!, { id: "t", env: {} }).session();
      expect((await session.prompt("abc")).text).toBe("cba");
      expect(session.history().map((message) => message.role)).toEqual(["user", "assistant", "tool", "assistant"]);
    });
  });

  describe("slow", () => {
    it("streams tick 1 … tick 50 as deltas, 100 ms apart", async () => {
      vi.useFakeTimers();
      const ticks: string[] = [];
      let finished: AgentEvent | undefined;
      const consuming = (async () => {
        for await (const event of runAgent({
          config: await fixtureAgents.slow!.configure(ctx),
          messages: [{ role: "user", content: "count" }],
          signal: new AbortController().signal,
        })) {
          if (event.type === "text_delta") ticks.push(event.text);
          if (event.type === "done") finished = event;
        }
      })();
      await vi.advanceTimersByTimeAsync(0);
      expect(ticks).toEqual(["tick 1"]);
      await vi.advanceTimersByTimeAsync(99);
      expect(ticks).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(ticks).toEqual(["tick 1", " tick 2"]);
      await vi.advanceTimersByTimeAsync(4_700);
      expect(ticks).toHaveLength(49);
      expect(finished).toBeUndefined();
      await vi.advanceTimersByTimeAsync(100);
      await consuming;
      expect(ticks).toHaveLength(50);
      expect(ticks.at(-1)).toBe(" tick 50");
      expect(finished).toMatchObject({
        text: Array.from({ length: 50 }, (_, i) => `tick ${i + 1}`).join(" "),
        usage: { inputTokens: 1, outputTokens: 100 },
      });
    });

    it("ends promptly on abort", async () => {
      const controller = new AbortController();
      const seen: string[] = [];
      let abortedAt = 0;
      const error = await (async () => {
        for await (const event of runAgent({
          config: await fixtureAgents.slow!.configure(ctx),
          messages: [{ role: "user", content: "count" }],
          signal: controller.signal,
        })) {
          if (event.type !== "text_delta") continue;
          seen.push(event.text);
          if (seen.length === 2) {
            abortedAt = Date.now();
            controller.abort();
          }
        }
      })().catch((e: unknown) => e);
      expect(isAbortError(error)).toBe(true);
      expect(Date.now() - abortedAt).toBeLessThan(50);
      expect(seen).toEqual(["tick 1", " tick 2"]);
    });
  });

  describe("demo", () => {
    const session = () => initAgent(fixtureAgents.demo!, { id: "d", env: {} }).session();

    it("introduces itself without any API key or network", async () => {
      const result = await session().prompt("hello");
      expect(result.model.id).toBe("demo");
      expect(result.text).toMatch(/Switchboard demo agent.*no API key/);
    });

    it("uses its server tools", async () => {
      const demo = session();
      expect((await demo.prompt("reverse stressed")).text).toBe("Reversed: desserts");
      expect((await demo.prompt("What time is it?")).text).toMatch(/^It is \d{4}-\d\d-\d\dT.+Z on the server\.$/);
    });

    it("switches to an OpenAI-compatible model only when SWITCHBOARD_DEMO_MODEL is set", async () => {
      const keyOnly = await fixtureAgents.demo!.configure({ id: "d", env: { OPENAI_API_KEY: "sk-x" } });
      expect(keyOnly.model.id).toBe("demo");
      const upstream = await fixtureAgents.demo!.configure({
        id: "d",
        env: { SWITCHBOARD_DEMO_MODEL: "llama3.2", OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" },
      });
      expect(upstream.model.id).toBe("llama3.2");
      expect(upstream.tools.map((tool) => tool.name)).toEqual(["current_time", "reverse"]);
    });
  });
});
