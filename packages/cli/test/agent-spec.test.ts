import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initAgent } from "@switchboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentSpecError, agentsFromSpecFiles, parseAgentSpec } from "../src/index.js";
import { lastMessage, type StubLlm, startStubLlm } from "./stub-llm.js";

const llm = (extra: Record<string, unknown> = {}) => ({
  component_type: "OpenAiCompatibleConfig",
  id: "llm-1",
  name: "stub",
  model_id: "stub-model",
  url: "http://127.0.0.1:1/v1",
  ...extra,
});
const agentDoc = (extra: Record<string, unknown> = {}) => ({
  component_type: "Agent",
  id: "agent-1",
  name: "calc",
  system_prompt: "You are a calculator.",
  llm_config: llm(),
  tools: [],
  agentspec_version: "25.4.1",
  ...extra,
});

function issuesOf(text: string, file = "agent.json") {
  try {
    parseAgentSpec(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(AgentSpecError);
    return (error as AgentSpecError).issues;
  }
  throw new Error("accepted");
}

describe("parseAgentSpec", () => {
  it("reports each problem with its JSON path", () => {
    const doc = agentDoc({
      llm_config: { component_type: "OllamaConfig", name: "o", model_id: "llama3.2" },
      tools: [
        { component_type: "ServerTool", name: "bad name!" },
        { component_type: "MCPTool", name: "m" },
      ],
      inputs: [{ type: "string" }],
    });
    expect(issuesOf(JSON.stringify(doc))).toEqual(
      expect.arrayContaining([
        { path: "$.llm_config.url", message: "is required" },
        { path: "$.tools[0].name", message: 'must match pattern "^[a-zA-Z0-9_-]{1,64}$"' },
        {
          path: "$.tools[1].component_type",
          message: expect.stringMatching(/^must be one of "ServerTool", "ClientTool", "RemoteTool"/),
        },
        { path: "$.inputs[0].title", message: "is required" },
      ]),
    );
    expect(issuesOf(JSON.stringify({ ...agentDoc(), component_type: "Flow" }))).toContainEqual({
      path: "$.component_type",
      message: 'must be "Agent"',
    });
    expect(issuesOf('{"component_type": "Agent",', "broken.json")[0]).toMatchObject({
      path: "$",
      message: expect.stringMatching(/^cannot be parsed/),
    });
  });

  it("names the file and the paths in its message", () => {
    expect(() => parseAgentSpec(JSON.stringify(agentDoc({ system_prompt: 3 })), "hr.json")).toThrow(
      "hr.json is not a valid Agent Spec agent:\n  $.system_prompt: must be string",
    );
  });

  it("reads YAML and resolves component references", () => {
    const yaml = [
      "component_type: Agent",
      "name: yaml-agent",
      "system_prompt: hi",
      "llm_config:",
      "  $component_ref: shared-llm",
      "$referenced_components:",
      "  shared-llm:",
      "    component_type: VllmConfig",
      "    name: v",
      "    model_id: m",
      "    url: localhost:8000",
      "    api_key:",
      "      $component_ref: shared-llm.api_key",
    ].join("\n");
    const spec = parseAgentSpec(yaml, "agent.yaml");
    expect(spec.llm_config).toEqual({
      component_type: "VllmConfig",
      name: "v",
      model_id: "m",
      url: "localhost:8000",
      api_key: { $component_ref: "shared-llm.api_key" },
    });
    expect(issuesOf(JSON.stringify(agentDoc({ llm_config: { $component_ref: "nowhere" } })))).toContainEqual({
      path: "$.llm_config",
      message: 'refers to component "nowhere", which the file does not define',
    });
  });
});

describe("agents from Agent Spec files", () => {
  let dir: string;
  let stub: StubLlm;
  let remote: { url: string; close(): void; seen: string[] };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "switchboard-agentspec-"));
    stub = await startStubLlm((body) => {
      const last = lastMessage(body);
      if (last.role === "tool") return { text: `Tool said: ${last.content}` };
      const [tool, ...words] = last.content.split(" ");
      if (tool === "add") return { tool: "add", arguments: { a: Number(words[0]), b: Number(words[1]) } };
      if (tool === "weather") return { tool: "weather", arguments: { city: words.join(" ") } };
      if (tool === "ask") return { tool: "ask_user", arguments: { question: words.join(" ") } };
      return { text: `You said: ${last.content}` };
    });
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers["x-city"]}`);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ forecast: "sunny" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    remote = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => server.close(),
      seen,
    };
    writeFileSync(join(dir, "registry.mjs"), "export default { add: ({ a, b }) => a + b };\n");
  });
  afterAll(async () => {
    await stub.close();
    remote.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, doc: unknown) => {
    writeFileSync(join(dir, name), JSON.stringify(doc));
    return name;
  };

  it("runs server tools from the registry and remote tools over HTTP, with the file's generation settings", async () => {
    const file = write(
      "calc.json",
      agentDoc({
        system_prompt: "You work in {{unit}}.",
        inputs: [{ title: "unit", type: "string", default: "metres" }],
        llm_config: llm({
          url: stub.url,
          default_generation_parameters: { temperature: 0.5, top_p: 0.9, max_tokens: 64 },
        }),
        tools: [
          {
            component_type: "ServerTool",
            name: "add",
            description: "Adds two numbers",
            inputs: [
              { title: "a", type: "number" },
              { title: "b", type: "number" },
            ],
          },
          {
            component_type: "RemoteTool",
            name: "weather",
            url: `${remote.url}/weather/{{city}}`,
            http_method: "GET",
            query_params: { units: "{{unit}}" },
            headers: { "x-city": "{{city}}" },
            inputs: [
              { title: "city", type: "string" },
              { title: "unit", type: "string", default: "C" },
            ],
          },
        ],
      }),
    );
    const agents = await agentsFromSpecFiles([{ file }], { toolRegistry: "./registry.mjs", cwd: dir, env: {} });
    expect(Object.keys(agents)).toEqual(["calc"]);
    const session = initAgent(agents.calc!, { id: "t", env: {} }).session();

    expect((await session.prompt("add 2 3")).text).toBe("Tool said: 5");
    const first = stub.calls.at(-2)!.body;
    expect(first.messages).toContainEqual({ role: "system", content: "You work in metres." });
    expect(first).toMatchObject({ model: "stub-model", temperature: 0.5, top_p: 0.9, max_tokens: 64 });
    expect(first.tools).toContainEqual({
      type: "function",
      function: {
        name: "add",
        description: "Adds two numbers",
        parameters: {
          type: "object",
          properties: { a: { title: "a", type: "number" }, b: { title: "b", type: "number" } },
          required: ["a", "b"],
          additionalProperties: false,
        },
      },
    });

    expect((await session.prompt("weather New York")).text).toBe('Tool said: {"forecast":"sunny"}');
    expect(remote.seen).toEqual(["GET /weather/New%20York?units=C New York"]);
  });

  it("refuses at startup what cannot run, naming it", async () => {
    const tool = { component_type: "ServerTool", name: "multiply", inputs: [] };
    const file = write("missing-tool.json", agentDoc({ tools: [tool] }));
    await expect(
      agentsFromSpecFiles([{ file }], { toolRegistry: "./registry.mjs", cwd: dir, env: {} }),
    ).rejects.toThrow("missing-tool.json: $.tools[0]: ServerTool multiply is not in the tool registry (it has add)");
    await expect(agentsFromSpecFiles([{ file }], { cwd: dir, env: {} })).rejects.toThrow(
      "$.tools[0]: ServerTool multiply needs --tool-registry MODULE with a function named multiply",
    );
    const openai = write(
      "openai.json",
      agentDoc({ llm_config: { component_type: "OpenAiConfig", name: "o", model_id: "gpt-4.1" } }),
    );
    await expect(agentsFromSpecFiles([{ file: openai }], { cwd: dir, env: {} })).rejects.toThrow(
      "openai.json: $.llm_config (OpenAiConfig o): model gpt-4.1 at https://api.openai.com/v1 needs an API key: set OPENAI_API_KEY",
    );
    await expect(
      agentsFromSpecFiles([{ file: openai }], { cwd: dir, env: { OPENAI_API_KEY: "sk" } }),
    ).resolves.toHaveProperty("calc");
    const spaced = write("spaced.json", agentDoc({ name: "HR assistant" }));
    await expect(agentsFromSpecFiles([{ file: spaced }], { cwd: dir, env: {} })).rejects.toThrow(/give --agent-id/);
    await expect(agentsFromSpecFiles([{ file: spaced, id: "hr" }], { cwd: dir, env: {} })).resolves.toHaveProperty(
      "hr",
    );
    await expect(agentsFromSpecFiles([{ file: "nope.json" }], { cwd: dir, env: {} })).rejects.toThrow(
      /nope.json is not a valid Agent Spec agent:\n {2}\$: cannot be read \(ENOENT\)/,
    );
  });
});
