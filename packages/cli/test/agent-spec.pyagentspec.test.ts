import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliRoot, type RunningCli, repoRoot, startCli } from "./process.js";
import { lastMessage, type StubLlm, startStubLlm } from "./stub-llm.js";

/** pyagentspec from PyPI, in a virtualenv of its own that later runs reuse. */
const PYAGENTSPEC = "pyagentspec==26.3.1";
const venv = join(repoRoot, "node_modules/.cache/switchboard-pyagentspec");
const python = join(venv, "bin/python");

function ensureVenv(): void {
  const marker = join(venv, "installed.txt");
  if (existsSync(marker) && readFileSync(marker, "utf8") === PYAGENTSPEC) return;
  rmSync(venv, { recursive: true, force: true });
  execFileSync("python3", ["-m", "venv", venv], { stdio: "inherit" });
  execFileSync(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", PYAGENTSPEC], {
    stdio: "inherit",
  });
  execFileSync(python, ["-c", `open(${JSON.stringify(marker)}, "w").write(${JSON.stringify(PYAGENTSPEC)})`]);
}

describe("switchboard serve --agent-config with a file written by pyagentspec", { timeout: 120_000 }, () => {
  let stub: StubLlm;
  let server: RunningCli;
  let dir: string;

  beforeAll(async () => {
    ensureVenv();
    stub = await startStubLlm((body) => {
      const last = lastMessage(body);
      if (last.role === "tool") return { text: `Tool said: ${last.content}` };
      const [command, ...words] = last.content.split(" ");
      if (command === "add") return { tool: "add", arguments: { a: Number(words[0]), b: Number(words[1]) } };
      if (command === "confirm") return { tool: "confirm", arguments: { question: words.join(" ") } };
      return { text: `You said: ${last.content}` };
    });
    dir = mkdtempSync(join(tmpdir(), "switchboard-pyagentspec-"));
    const file = join(dir, "calculator.json");
    execFileSync(python, [join(cliRoot, "test/agentspec/make_agent.py"), stub.url, file], { stdio: "inherit" });
    server = await startCli([
      "serve",
      "--port",
      "0",
      "--data-dir",
      join(dir, "data"),
      "--agent-config",
      file,
      "--tool-registry",
      join(cliRoot, "test/agentspec/registry.mjs"),
    ]);
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    await stub?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("answers a Responses call through the file's model, running the registry's tool", async () => {
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "unused" });
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(["calculator"]);

    const response = await client.responses.create({ model: "calculator", input: "add 2 3" });
    expect(response.output_text).toBe("Tool said: 5");
    const upstream = stub.calls.at(-2)!.body;
    expect(upstream).toMatchObject({ model: "stub-model", temperature: 0.3, max_tokens: 200 });
    expect(upstream.messages).toContainEqual({ role: "system", content: "You are a calculator for engineers." });
    expect(stub.calls.at(-1)!.body.messages).toContainEqual(expect.objectContaining({ role: "tool", content: "5" }));
  });

  it("answers an instance-agent prompt the same way", async () => {
    const answer = await fetch(`${server.url}/agents/calculator/alice`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "add 4 5" }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ result: { text: "Tool said: 9", model: { id: "stub-model" } } });
  });

  it("surfaces a ClientTool as a function call the Responses client answers", async () => {
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "unused" });
    const asked = await client.responses.create({ model: "calculator", input: "confirm Proceed?" });
    const call = asked.output.find((item) => item.type === "function_call");
    expect(call).toMatchObject({ type: "function_call", name: "confirm", arguments: '{"question":"Proceed?"}' });
    expect(stub.calls.at(-1)!.body.tools).toContainEqual(
      expect.objectContaining({ function: expect.objectContaining({ name: "confirm" }) }),
    );

    const answered = await client.responses.create({
      model: "calculator",
      previous_response_id: asked.id,
      input: [
        { type: "function_call_output", call_id: call!.type === "function_call" ? call!.call_id : "", output: "yes" },
      ],
    });
    expect(answered.output_text).toBe("Tool said: yes");
  });
});
