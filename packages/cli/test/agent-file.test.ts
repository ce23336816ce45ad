import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevProject, loadDevProject } from "../src/index.js";
import { cliRoot } from "./process.js";

describe("agent files with pyflue's fields in switchboard dev", () => {
  let dir: string;
  let project: DevProject;
  beforeAll(async () => {
    // Inside the package, so that agents/helper.ts resolves @switchboard/core as in a real project.
    dir = mkdtempSync(join(cliRoot, ".dev-test-"));
    for (const sub of ["agents", "profiles", "skills", "workspace"]) mkdirSync(join(dir, sub));
    writeFileSync(
      join(dir, "profiles/base.yaml"),
      [
        "model: ollama:llama3.2",
        "instructions: Be thorough.",
        "thinking_level: low",
        "skills: [../skills]",
        "tools: [lint]",
        "subagents: { assistant: helper }",
      ].join("\n"),
    );
    writeFileSync(join(dir, "skills/review.md"), "---\ndescription: How to review\n---\nRead every line.\n");
    writeFileSync(
      join(dir, "agents/reviewer.yaml"),
      [
        "profile: ../profiles/base.yaml",
        "instructions: Review the change.",
        "thinking_level: high",
        "subagents: [helper]",
        "compaction: { max_tokens: 4000, keep_turns: 3 }",
        "sandbox: local",
        "cwd: ../workspace",
        "persist: false",
      ].join("\n"),
    );
    writeFileSync(
      join(dir, "agents/helper.ts"),
      'import { createAgent, scriptedModel, textReply } from "@switchboard/core";\nexport default createAgent(() => ({ model: scriptedModel("helper", () => textReply("ok")) }));\n',
    );
    const registry = new Map([["lint", () => "clean"]]);
    project = await loadDevProject(dir, () => {}, { toolRegistry: registry });
  });
  afterAll(() => {
    project?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("builds the agent from the file, its profile (fields replace, lists merge) and its skills", async () => {
    expect(Object.keys(project.served.agents).sort()).toEqual(["helper", "reviewer"]);
    const config = await project.served.agents.reviewer!.configure({ id: "x", env: {} });
    expect(config.model.id).toBe("llama3.2");
    expect(config.instructions).toBe("Review the change.");
    expect(config.thinkingLevel).toBe("high");
    expect(config.skills).toEqual([{ name: "review", description: "How to review", instructions: "Read every line." }]);
    expect(config.tools.map((tool) => tool.name)).toEqual([
      "read_file",
      "write_file",
      "list_files",
      "run_command",
      "lint",
    ]);
    expect(config.cwd).toBe(join(dir, "workspace"));
    expect(Object.keys(config.subagents)).toEqual(["assistant", "helper"]);
    expect(config.compaction).toEqual({ maxTokens: 4000, keepTurns: 3 });
    expect(config.persist).toBe(false);
  });

  it("reports a bad file with the field's JSON path", async () => {
    const bad = mkdtempSync(join(cliRoot, ".dev-test-"));
    try {
      mkdirSync(join(bad, "agents"));
      writeFileSync(join(bad, "agents/broken.yaml"), "model: openai:gpt-4.1\nthinking: high\nthinking_level: max\n");
      await expect(loadDevProject(bad, () => {})).rejects.toThrow(
        `${join(bad, "agents/broken.yaml")} is not a valid agent file:\n  $.thinking: is not a known field\n  $.thinking_level: must be equal to one of the allowed values`,
      );
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
