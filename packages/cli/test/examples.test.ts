import { join } from "node:path";
import { initAgent } from "@switchboard/core";
import { describe, expect, it } from "vitest";
import { agentsFromSpecFiles, loadDevProject } from "../src/index.js";
import { repoRoot } from "./process.js";

const example = join(repoRoot, "examples/configured");

describe("examples/configured (the README's commands)", () => {
  it("serves assistant.yaml with its tool registry", async () => {
    const agents = await agentsFromSpecFiles([{ file: "examples/configured/assistant.yaml" }], {
      toolRegistry: "./examples/configured/tools.mjs",
      cwd: repoRoot,
      env: {},
    });
    expect(Object.keys(agents)).toEqual(["office-assistant"]);
    const config = await agents["office-assistant"]!.configure({ id: "x", env: {} });
    expect(config.instructions).toBe("You help the staff of the Lisbon office. Be brief.");
    expect(config.temperature).toBe(0.2);
    const tool = config.tools.find((candidate) => candidate.name === "celsius_to_fahrenheit")!;
    expect(await tool.execute({ celsius: 100 }, { signal: new AbortController().signal })).toBe(212);
  });

  it("serves agents/hello.ts, agents/writer.yaml and workflows/greet.ts in dev", async () => {
    const project = await loadDevProject(example, () => {});
    try {
      expect(Object.keys(project.served.agents)).toEqual(["hello", "writer"]);
      const writer = await project.served.agents.writer!.configure({ id: "w", env: {} });
      expect(writer.skills.map((skill) => skill.name)).toEqual(["release-notes"]);
      expect(Object.keys(writer.subagents)).toEqual(["hello"]);
      expect(project.served.workflows.map((workflow) => workflow.name)).toEqual(["greet"]);
      const result = await initAgent(project.served.agents.hello!, { id: "a", env: {} }).session().prompt("hi");
      expect(result.text).toBe("Hello! You said: hi");
    } finally {
      project.close();
    }
  });
});
