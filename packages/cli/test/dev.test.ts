import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliRoot, type RunningCli, run, startCli } from "./process.js";

/** An agent whose answer names its version and how many user turns its session has seen. */
const helloAgent = (version: string) => `import { createAgent, scriptedModel, textReply } from "@switchboard/core";

export default createAgent(() => ({
  model: scriptedModel("hello-model", (request) => {
    const turns = request.messages.filter((message) => message.role === "user").length;
    return textReply(\`${version}: turn \${turns}\`);
  }),
}));
`;

const greetWorkflow = `import { defineWorkflow } from "@switchboard/core";

export default defineWorkflow({
  name: "greet",
  description: "Says hello",
  run: async (ui) => {
    await ui.textMessage("hello");
    return "done";
  },
});
`;

describe("switchboard dev", { timeout: 120_000 }, () => {
  // Inside the package, so that the project's `@switchboard/core` import resolves as in a real project.
  let project: string;
  let server: RunningCli;
  const prompt = async (id: string, message: string) => {
    const response = await fetch(`${server.url}/agents/hello/${id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { result: { text: string } }).result.text;
  };

  beforeAll(async () => {
    project = mkdtempSync(join(cliRoot, ".dev-test-"));
    mkdirSync(join(project, "agents"));
    mkdirSync(join(project, "workflows"));
    writeFileSync(join(project, "agents/hello.ts"), helloAgent("v1"));
    writeFileSync(join(project, "workflows/greet.ts"), greetWorkflow);
    server = await startCli(["dev", project, "--port", "0", "--data-dir", join(project, ".data")]);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(project, { recursive: true, force: true });
  });

  it("serves agents/hello.ts as hello and workflows/greet.ts as greet", async () => {
    expect(server.output().stdout).toContain("agents: hello; workflows: greet\n");
    expect(await prompt("alice", "hi")).toBe("v1: turn 1");
    const discovery = await fetch(`${server.url}/workflows/discovery`);
    expect(await discovery.json()).toEqual([{ name: "greet", description: "Says hello" }]);
  });

  it("answers with the edited file without a restart, keeping the sessions", async () => {
    const before = await prompt("bob", "one");
    expect(before).toMatch(/^v\d: turn 1$/);
    writeFileSync(join(project, "agents/hello.ts"), helloAgent("v2"));
    // The reload happens when the watcher sees the file; ask until the new version answers.
    let answer = "";
    const deadline = Date.now() + 60_000;
    for (let attempt = 0; Date.now() < deadline && !answer.startsWith("v2"); attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await prompt("carol", "probe");
    }
    expect(answer.startsWith("v2")).toBe(true);
    // bob's session survived: its history still holds the turn before the edit.
    expect(await prompt("bob", "two")).toBe("v2: turn 2");
    expect(server.output().stderr).toContain(`reloaded ${join(project, "agents/hello.ts")}`);
  });

  it("keeps serving the previous version when an edit does not load", async () => {
    writeFileSync(join(project, "agents/hello.ts"), "export default 42;\n");
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !server.output().stderr.includes("failed to reload")) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(server.output().stderr).toContain("must default-export an agent: export default createAgent(...)");
    expect(await prompt("dave", "hi")).toBe("v2: turn 1");
  });

  it("stops at startup when an agent's model needs a key that is not set", async () => {
    const keyless = mkdtempSync(join(cliRoot, ".dev-test-"));
    try {
      mkdirSync(join(keyless, "agents"));
      writeFileSync(
        join(keyless, "agents/gpt.ts"),
        'import { createAgent } from "@switchboard/core";\nexport default createAgent(() => ({ model: "openai:gpt-4.1" }));\n',
      );
      const result = await run(join(cliRoot, "../../node_modules/.bin/switchboard"), ["dev", keyless, "--port", "0"], {
        env: { OPENAI_API_KEY: "" },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `switchboard: ${join(keyless, "agents/gpt.ts")}: model openai:gpt-4.1 needs an API key: set OPENAI_API_KEY\n`,
      );
    } finally {
      rmSync(keyless, { recursive: true, force: true });
    }
  });

  it("refuses a folder with nothing to serve", async () => {
    const empty = mkdtempSync(join(cliRoot, ".dev-test-"));
    try {
      const result = await run(join(cliRoot, "../../node_modules/.bin/switchboard"), ["dev", empty, "--port", "0"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        "found no agents (agents/*.ts, src/agents/*.ts) and no workflows (workflows/*.ts)",
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
