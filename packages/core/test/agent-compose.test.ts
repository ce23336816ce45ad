// Composing agents: subagents exposed as delegate tools, and profiles merged into a config.
import { describe, expect, it } from "vitest";
import { AgentConfigError, createAgent, defineAgentProfile, resolveAgentConfig } from "../src/runtime/agent/define.js";
import type { AgentConfig } from "../src/runtime/agent/types.js";
import { scriptedModel, textReply, toolCallReply } from "../src/runtime/model/scripted.js";
import { defineTool } from "../src/runtime/tools/define.js";
import { add, ctx, done, run, turns } from "./agent-setup.js";

describe("subagents", () => {
  it("exposes each subagent as delegate_to_<name> that runs its own loop", async () => {
    const researcherModel = turns(
      toolCallReply([{ name: "add", arguments: '{"a":40,"b":2}' }], { inputTokens: 1, outputTokens: 1 }),
      textReply("The answer is 42", { inputTokens: 2, outputTokens: 4 }),
    );
    const researcher = createAgent(() => ({
      model: researcherModel,
      tools: [add],
      description: "does arithmetic",
    }));
    const lead = turns(
      toolCallReply([{ id: "d1", name: "delegate_to_researcher", arguments: '{"task":"what is 40+2?"}' }], {
        inputTokens: 5,
        outputTokens: 5,
      }),
      textReply("Researcher says 42", { inputTokens: 6, outputTokens: 3 }),
    );
    const config = await createAgent(() => ({ model: lead, subagents: { researcher } })).configure(ctx);
    const events = await run({ config });
    expect(lead.requests[0]!.tools).toEqual([
      {
        name: "delegate_to_researcher",
        description: "Delegate a task to the researcher agent (does arithmetic) and get its final answer.",
        parameters: expect.objectContaining({ required: ["task"] }),
      },
    ]);
    expect(researcherModel.requests[0]!.messages).toEqual([{ role: "user", content: "what is 40+2?" }]);
    expect(events).toContainEqual(
      expect.objectContaining({ type: "tool_result", toolCallId: "d1", isError: false, result: "The answer is 42" }),
    );
    expect(done(events)).toMatchObject({
      text: "Researcher says 42",
      usage: { inputTokens: 14, outputTokens: 13, totalTokens: 27 },
    });
  });

  it("refuses subagent cycles", async () => {
    const model = turns();
    const subagents: Record<string, ReturnType<typeof createAgent>> = {};
    const a = createAgent(() => ({ model, subagents }));
    subagents.self = a;
    await expect(a.configure(ctx)).rejects.toThrow(AgentConfigError);
  });
});

describe("profiles", () => {
  const model1 = scriptedModel("m1", () => textReply("1"));
  const model2 = scriptedModel("m2", () => textReply("2"));
  const tool = (name: string, marker: string) =>
    defineTool({ name, description: marker, parameters: { type: "object" }, execute: () => marker });
  const sub1 = createAgent(() => ({ model: model1 }));
  const sub2 = createAgent(() => ({ model: model2 }));

  it("merge left to right: scalars replace, tools by name, subagents by key", async () => {
    const base = defineAgentProfile({
      model: model1,
      instructions: "base",
      temperature: 0.1,
      tools: [tool("search", "base search"), tool("clock", "base clock")],
      subagents: { a: sub1, b: sub1 },
    });
    const override = defineAgentProfile({
      instructions: "override",
      temperature: undefined,
      tools: [tool("search", "override search"), tool("notes", "override notes")],
      subagents: { b: sub2 },
    });
    const config: AgentConfig = {
      model: model2,
      profile: [base, override],
      maxTurns: 2,
      tools: [tool("clock", "own clock")],
    };
    const resolved = await resolveAgentConfig(config, ctx);
    expect(resolved.model.id).toBe("m2");
    expect(resolved.instructions).toBe("override");
    expect(resolved.temperature).toBe(0.1);
    expect(resolved.maxTurns).toBe(2);
    expect(resolved.persist).toBe(true);
    expect(resolved.tools.map((t) => [t.name, t.description])).toEqual([
      ["search", "override search"],
      ["clock", "own clock"],
      ["notes", "override notes"],
    ]);
    expect(Object.keys(resolved.subagents)).toEqual(["a", "b"]);
    expect(resolved.subagents.b!.model.id).toBe("m2");
    expect(resolved.subagents.a!.model.id).toBe("m1");
  });

  it("defineAgentProfile merges its arguments the same way", () => {
    const merged = defineAgentProfile({ instructions: "x", tools: [tool("t", "1")] }, { tools: [tool("t", "2")] });
    expect(merged.instructions).toBe("x");
    expect(merged.tools?.map((t) => t.description)).toEqual(["2"]);
    expect(Object.isFrozen(merged)).toBe(true);
  });

  it("a profile can supply the model; without any model the config is refused", async () => {
    const withModel = defineAgentProfile({ model: model1, maxTurns: 4 });
    const agent = createAgent(({ id }) => ({ profile: withModel, instructions: `instance ${id}` }) as AgentConfig);
    const resolved = await agent.configure(ctx);
    expect(resolved).toMatchObject({ instructions: "instance i1", maxTurns: 4 });
    expect(resolved.model.id).toBe("m1");
    await expect(resolveAgentConfig({ profile: defineAgentProfile({}) } as AgentConfig, ctx)).rejects.toThrow(
      "agent config has no model",
    );
    await expect(resolveAgentConfig({ model: model1, maxTurns: 0 }, ctx)).rejects.toThrow(AgentConfigError);
  });
});
