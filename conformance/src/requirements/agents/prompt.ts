import { show, type TestContext } from "../../context.js";
import { defineRequirements, words } from "../define.js";
import { promptOk } from "./client.js";
import { PROMPT, S4, TEXT } from "./shared.js";

// ── Prompt (JSON) ─────────────────────────────────────────────────────────────────────────
export const promptRequirements = defineRequirements("agents", [
  {
    id: "AGENT-PROMPT-001",
    level: "MUST",
    profiles: ["pyflue"],
    kind: "core",
    section: `${S4}; ${PROMPT}`,
    statement:
      "POST /agents/{name}/{id} answers 200 {result: {text, usage, model: {id}}}; the echo fixture's text is the message verbatim",
    async run(t: TestContext) {
      const message = "Hello,  wörld! ✓ 42";
      const result = await promptOk(t, "echo", t.unique(), { message });
      t.equal(result.text, message, "result.text");
      t.check(typeof result.model?.id === "string", "result.model.id is missing");
    },
  },
  {
    id: "AGENT-PROMPT-002",
    level: "MUST",
    kind: "extension",
    section: "DESIGN §7 (echo); Agents.AgentUsage",
    statement: "usage: outputTokens counts the echo reply's words and totalTokens = inputTokens + outputTokens",
    async run(t: TestContext) {
      const { usage } = await promptOk(t, "echo", t.unique(), { message: TEXT });
      t.equal(usage.outputTokens, words(TEXT).length, "usage.outputTokens (words of the reply)");
      t.equal(usage.totalTokens, usage.inputTokens + usage.outputTokens, "usage.totalTokens");
    },
  },
  {
    id: "AGENT-PROMPT-004",
    level: "SHOULD",
    profiles: ["pyflue"],
    kind: "core",
    section: "DESIGN §0; pyflue's result envelope",
    // pyflue's client reads result.usage.input/output/total_tokens and takes a missing count as 0.
    statement: "usage carries pyflue's counts: output is the echo reply's words, total_tokens = input + output",
    async run(t: TestContext) {
      const { usage } = await promptOk(t, "echo", t.unique(), { message: TEXT });
      const u = usage as unknown as Record<string, unknown>;
      t.equal(u.output, words(TEXT).length, "usage.output (words of the reply)");
      t.check(
        typeof u.input === "number" && u.total_tokens === u.input + (u.output as number),
        `usage.total_tokens ${show(u.total_tokens)} is not usage.input ${show(u.input)} + usage.output ${show(u.output)}`,
      );
    },
  },
  {
    id: "AGENT-PROMPT-003",
    level: "MUST",
    profiles: ["pyflue"],
    kind: "core",
    section: "DESIGN §7 (tools)",
    statement: "the tools fixture calls its server tool reverse({text}) and replies with the reversed message",
    async run(t: TestContext) {
      const result = await promptOk(t, "tools", t.unique(), { message: "hello world" });
      t.equal(result.text, "dlrow olleh", "result.text");
    },
  },
]);
