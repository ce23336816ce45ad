import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  agentsProtocol,
  createAgent,
  createSwitchboard,
  defineAgentProfile,
  defineSkill,
  defineTool,
  fromFetchRequest,
  initAgent,
  loadSkills,
  localSandbox,
  type Model,
  type ModelEvent,
  type ModelRequest,
  memorySessionStore,
  parseSkill,
  responsesProtocol,
  SUMMARY_PREFIX,
  scriptedModel,
  textReply,
  toFetchResponse,
  toolCallReply,
} from "../src/index.js";

/** A scripted model that records each request and answers from `reply`. */
function recording(
  id: string,
  reply: (request: ModelRequest, call: number) => ModelEvent[],
): Model & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  const model = scriptedModel(id, (request) => {
    requests.push(structuredClone({ ...request, signal: undefined }) as unknown as ModelRequest);
    return reply(request, requests.length);
  });
  return Object.assign(model, { requests });
}

const tool = (name: string) =>
  defineTool({ name, description: name, parameters: { type: "object", properties: {} }, execute: () => name });
const last = (request: ModelRequest) => request.messages[request.messages.length - 1]!;
const toolNames = (request: ModelRequest) => (request.tools ?? []).map((spec) => spec.name);

describe("profiles", () => {
  it("replace fields and merge tools, skills and subagents; the model receives the merged result", async () => {
    const helper = createAgent(() => ({ model: recording("helper", () => textReply("ok")), description: "helps" }));
    const other = createAgent(() => ({ model: recording("other", () => textReply("ok")) }));
    const reviewer = defineAgentProfile({
      instructions: "Review carefully.",
      thinkingLevel: "low",
      tools: [tool("lint")],
      skills: [defineSkill({ name: "style", description: "House style", instructions: "Use tabs." })],
      subagents: { helper },
    });
    const model = recording("main", () => textReply("done"));
    const agent = createAgent(() => ({
      profile: reviewer,
      model,
      instructions: "Review the diff.",
      tools: [tool("test")],
      skills: [defineSkill({ name: "security", description: "Security checklist", instructions: "Check inputs." })],
      subagents: { other },
    }));
    await initAgent(agent, { id: "r", env: {} }).session().prompt("go");
    const [request] = model.requests;
    expect(request!.instructions).toBe(
      "Review the diff.\n\nSkills you can load with the load_skill tool when a task calls for one (load it before following it):\n- style: House style\n- security: Security checklist",
    );
    expect(toolNames(request!)).toEqual(["lint", "test", "delegate_to_helper", "delegate_to_other", "load_skill"]);
    expect(request!.reasoningEffort).toBe("low");
  });
});

describe("skills", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "switchboard-skills-"));
    writeFileSync(
      join(dir, "changelog.md"),
      "---\ndescription: Writing changelog entries\n---\nStart with the package name.\n",
    );
    mkdirSync(join(dir, "release"));
    writeFileSync(
      join(dir, "release/SKILL.md"),
      "---\nname: releasing\ndescription: Cutting a release\n---\n1. Tag.\n2. Publish.\n",
    );
    writeFileSync(join(dir, "notes.txt"), "not a skill");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("are read from markdown with front matter, named by the front matter or the file", async () => {
    expect(await loadSkills(dir)).toEqual([
      { name: "changelog", description: "Writing changelog entries", instructions: "Start with the package name." },
      { name: "releasing", description: "Cutting a release", instructions: "1. Tag.\n2. Publish." },
    ]);
    expect(() => parseSkill("no front matter")).toThrow(/must start with YAML front matter/);
    expect(() => parseSkill("---\nname: x\n---\nbody")).toThrow(/skill x needs a description/);
  });

  it("are offered by name and loaded by the model through load_skill", async () => {
    const model = recording("skilled", (request, call) =>
      call === 1
        ? toolCallReply([{ name: "load_skill", arguments: '{"name":"releasing"}' }])
        : textReply(`read: ${last(request).content}`),
    );
    const agent = createAgent(async () => ({ model, skills: await loadSkills(dir) }));
    const result = await initAgent(agent, { id: "s", env: {} }).session().prompt("release it");
    expect(model.requests[0]!.instructions).toContain("- releasing: Cutting a release");
    expect(model.requests[0]!.tools).toContainEqual({
      name: "load_skill",
      description: "Loads the full instructions of one of your skills by name",
      parameters: expect.objectContaining({
        properties: { name: { type: "string", enum: ["changelog", "releasing"] } },
      }),
    });
    expect(last(model.requests[1]!)).toMatchObject({ role: "tool", content: "1. Tag.\n2. Publish." });
    expect(result.text).toBe("read: 1. Tag.\n2. Publish.");
  });
});

describe("subagents", () => {
  it("run in their own session per parent session", async () => {
    const researcher = recording("researcher", (request) =>
      textReply(`researched (${request.messages.length} messages)`),
    );
    const lead = recording("lead", (request) =>
      last(request).role === "user"
        ? toolCallReply([
            { name: "delegate_to_researcher", arguments: JSON.stringify({ task: `look up ${last(request).content}` }) },
          ])
        : textReply(`lead: ${last(request).content}`),
    );
    const agent = createAgent(() => ({
      model: lead,
      subagents: { researcher: createAgent(() => ({ model: researcher })) },
    }));
    const harness = initAgent(agent, { id: "p", env: {} });
    expect((await harness.session("a").prompt("cats")).text).toBe("lead: researched (1 messages)");
    expect((await harness.session("a").prompt("dogs")).text).toBe("lead: researched (3 messages)");
    expect(researcher.requests[1]!.messages).toEqual([
      { role: "user", content: "look up cats" },
      { role: "assistant", content: "researched (1 messages)" },
      { role: "user", content: "look up dogs" },
    ]);
    // Another session of the parent has its own subagent session.
    expect((await harness.session("b").prompt("birds")).text).toBe("lead: researched (1 messages)");
  });
});

describe("compaction", () => {
  const summariser = (request: ModelRequest, call: number) =>
    request.instructions?.startsWith("Summarise")
      ? textReply(`SUMMARY#${call}`)
      : textReply(`answer to ${last(request).content}`);

  it("summarises the turns past the budget with the agent's model and keeps the last turns verbatim", async () => {
    const model = recording("compacting", summariser);
    const agent = createAgent(() => ({ model, compaction: { maxTokens: 12, keepTurns: 2 } }));
    const session = initAgent(agent, { id: "c", env: {} }).session();
    await session.prompt("first question about apples");
    await session.prompt("second question about pears");
    expect(model.requests).toHaveLength(2);
    expect(model.requests[1]!.messages).toHaveLength(3);

    await session.prompt("third question about plums");
    const [summary, main] = model.requests.slice(2);
    expect(summary!.instructions).toMatch(/^Summarise the conversation/);
    expect(summary!.tools).toBeUndefined();
    expect(summary!.messages).toEqual([
      {
        role: "user",
        content: "user: first question about apples\n\nassistant: answer to first question about apples",
      },
    ]);
    expect(main!.messages).toEqual([
      { role: "system", content: `${SUMMARY_PREFIX}SUMMARY#3` },
      { role: "user", content: "second question about pears" },
      { role: "assistant", content: "answer to second question about pears" },
      { role: "user", content: "third question about plums" },
    ]);
    // The stored session keeps every message; only the model's view is compacted.
    expect(session.history()).toHaveLength(6);

    // The next compaction starts from the previous summary instead of reading everything again.
    await session.prompt("fourth question about figs");
    expect(model.requests[4]!.messages[0]!.content).toBe(
      `${SUMMARY_PREFIX}SUMMARY#3\n\nThen:\n\nuser: second question about pears\n\nassistant: answer to second question about pears`,
    );
    expect(model.requests[5]!.messages[0]).toEqual({ role: "system", content: `${SUMMARY_PREFIX}SUMMARY#5` });
  });

  async function handle(sb: ReturnType<typeof createSwitchboard>, path: string, body: unknown) {
    const request = new Request(`http://switchboard.test${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return toFetchResponse((await sb.handle(fromFetchRequest(request)))!);
  }

  it("applies to stored agent sessions and to previous_response_id chains", async () => {
    const model = recording("served", summariser);
    const agent = createAgent(() => ({ model, compaction: { maxTokens: 10, keepTurns: 1 } }));
    const sb = createSwitchboard({
      protocols: [responsesProtocol({ agents: { agent } }), agentsProtocol({ agents: { agent } })],
    });
    try {
      for (const message of ["one two three four five", "six seven eight nine ten"]) {
        expect((await handle(sb, "/agents/agent/x", { message })).status).toBe(200);
      }
      expect(model.requests.at(-1)!.messages).toEqual([
        { role: "system", content: expect.stringMatching(new RegExp(`^${SUMMARY_PREFIX}SUMMARY#\\d+$`)) },
        { role: "user", content: "six seven eight nine ten" },
      ]);

      model.requests.length = 0;
      const first = (await (
        await handle(sb, "/v1/responses", { model: "agent", input: "alpha beta gamma delta epsilon" })
      ).json()) as { id: string };
      await handle(sb, "/v1/responses", {
        model: "agent",
        input: "zeta eta theta iota kappa",
        previous_response_id: first.id,
      });
      expect(model.requests.at(-2)!.instructions).toMatch(/^Summarise/);
      expect(model.requests.at(-2)!.messages[0]!.content).toContain("alpha beta gamma delta epsilon");
      expect(model.requests.at(-1)!.messages).toEqual([
        { role: "system", content: expect.stringMatching(new RegExp(`^${SUMMARY_PREFIX}SUMMARY#\\d+$`)) },
        { role: "user", content: "zeta eta theta iota kappa" },
      ]);
    } finally {
      await sb.close();
    }
  });
});

describe("persist", () => {
  it("false keeps an agent's sessions out of the durable store, in the process", async () => {
    const sessions = memorySessionStore();
    const model = recording("forgetful", (request) => textReply(`seen ${request.messages.length}`));
    const agents = {
      kept: createAgent(() => ({ model })),
      volatile: createAgent(() => ({ model, persist: false })),
    };
    const sb = createSwitchboard({ protocols: [agentsProtocol({ agents, sessions })] });
    const call = async (method: string, path: string, body?: unknown) => {
      const request = new Request(`http://switchboard.test${path}`, {
        method,
        headers: { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await toFetchResponse((await sb.handle(fromFetchRequest(request)))!).json()) as Record<string, unknown>;
    };
    try {
      for (const name of ["kept", "volatile"]) {
        await call("POST", `/agents/${name}/u`, { message: "one" });
        expect(await call("POST", `/agents/${name}/u`, { message: "two" })).toMatchObject({
          result: { text: "seen 3" },
        });
        const history = await call("GET", `/agents/${name}/u/sessions/default`);
        expect(history.messages).toHaveLength(4);
      }
      expect(await sessions.load({ agent: "kept", id: "u", session: "default" })).toHaveLength(4);
      expect(await sessions.load({ agent: "volatile", id: "u", session: "default" })).toEqual([]);
    } finally {
      await sb.close();
    }
  });
});

describe("thinkingLevel", () => {
  it("becomes the reasoning effort of each model call, and off sends none", async () => {
    for (const [level, effort] of [
      ["high", "high"],
      ["minimal", "minimal"],
      ["off", undefined],
    ] as const) {
      const model = recording("thinker", () => textReply("ok"));
      await initAgent(
        createAgent(() => ({ model, thinkingLevel: level })),
        { id: "t", env: {} },
      )
        .session()
        .prompt("hi");
      expect(model.requests[0]!.reasoningEffort).toBe(effort);
    }
    await expect(
      createAgent(() => ({ model: recording("x", () => textReply("")), thinkingLevel: "max" as "high" })).configure({
        id: "t",
        env: {},
      }),
    ).rejects.toThrow(/thinkingLevel must be one of off, minimal, low, medium, high/);
  });
});

describe("sandbox and cwd", () => {
  let root: string;
  let work: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "switchboard-sandbox-"));
    work = join(root, "work");
    mkdirSync(work);
    writeFileSync(join(root, "secret.txt"), "TOP SECRET");
    writeFileSync(join(work, "notes.txt"), "inside notes");
    symlinkSync(root, join(work, "escape"));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Runs one prompt in which the model makes `calls` one after another; returns the tool results it got back. */
  async function attempt(calls: { name: string; arguments: Record<string, unknown> }[]) {
    const model = recording("sandboxed", (_request, call) =>
      call <= calls.length
        ? toolCallReply([{ name: calls[call - 1]!.name, arguments: JSON.stringify(calls[call - 1]!.arguments) }])
        : textReply("done"),
    );
    const agent = createAgent(() => ({ model, sandbox: localSandbox(), cwd: work, maxTurns: calls.length + 1 }));
    await initAgent(agent, { id: "s", env: {} }).session().prompt("go");
    expect(toolNames(model.requests[0]!)).toEqual(["read_file", "write_file", "list_files", "run_command"]);
    return model.requests.slice(1).map((request) => last(request).content);
  }

  it("refuses paths that escape the working directory", async () => {
    const results = await attempt([
      { name: "read_file", arguments: { path: "../secret.txt" } },
      { name: "read_file", arguments: { path: join(root, "secret.txt") } },
      { name: "read_file", arguments: { path: "escape/secret.txt" } },
      { name: "write_file", arguments: { path: "../planted.txt", content: "x" } },
      { name: "write_file", arguments: { path: "escape/planted.txt", content: "x" } },
      { name: "list_files", arguments: { path: ".." } },
      { name: "run_command", arguments: { command: "cat ../secret.txt" } },
      { name: "run_command", arguments: { command: `cat ${join(root, "secret.txt")}` } },
      { name: "run_command", arguments: { command: "cat escape/secret.txt" } },
      { name: "run_command", arguments: { command: "cd .. && cat secret.txt" } },
      { name: "run_command", arguments: { command: "cat $HOME/../secret.txt" } },
      { name: "run_command", arguments: { command: "cat ~/secret.txt" } },
    ]);
    for (const result of results) {
      expect(result).toMatch(/refused/);
      expect(result).not.toContain("TOP SECRET");
    }
    expect(existsSync(join(root, "planted.txt"))).toBe(false);
  });

  it("works inside it", async () => {
    const results = await attempt([
      { name: "write_file", arguments: { path: "sub/out.txt", content: "hello" } },
      { name: "read_file", arguments: { path: "./sub/../notes.txt" } },
      { name: "list_files", arguments: {} },
      { name: "run_command", arguments: { command: "cat sub/out.txt && pwd" } },
    ]);
    expect(results[0]).toBe("wrote 5 bytes to sub/out.txt");
    expect(results[1]).toBe("inside notes");
    expect(JSON.parse(results[2]!)).toEqual(["escape", "notes.txt", "sub/"]);
    expect(JSON.parse(results[3]!)).toMatchObject({ exitCode: 0, stdout: `hello${work}\n` });
  });

  it("needs a sandbox for cwd, and a directory", async () => {
    const model = recording("x", () => textReply(""));
    await expect(createAgent(() => ({ model, cwd: work })).configure({ id: "t", env: {} })).rejects.toThrow(
      /set sandbox too/,
    );
    await expect(
      createAgent(() => ({ model, sandbox: localSandbox(), cwd: join(work, "nope") })).configure({ id: "t", env: {} }),
    ).rejects.toThrow(/is not a directory/);
  });
});
