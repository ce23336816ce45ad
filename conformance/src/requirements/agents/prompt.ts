import type { TestContext } from "../../context.js";
import { defineRequirements, words } from "../define.js";
import { promptOk } from "./client.js";
import { PROMPT, S4, TEXT } from "./shared.js";

// ── Prompt (JSON) ─────────────────────────────────────────────────────────────────────────
export const promptRequirements = defineRequirements("agents", [
  {
    id: "AGENT-PROMPT-001",
    level: "MUST",
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
    section: "DESIGN §7 (echo); Agents.AgentUsage",
    statement: "usage: outputTokens counts the echo reply's words and totalTokens = inputTokens + outputTokens",
    async run(t: TestContext) {
      const { usage } = await promptOk(t, "echo", t.unique(), { message: TEXT });
      t.equal(usage.outputTokens, words(TEXT).length, "usage.outputTokens (words of the reply)");
      t.equal(usage.totalTokens, usage.inputTokens + usage.outputTokens, "usage.totalTokens");
    },
  },
  {
    id: "AGENT-PROMPT-003",
    level: "MUST",
    section: "DESIGN §7 (tools)",
    statement: "the tools fixture calls its server tool reverse({text}) and replies with the reversed message",
    async run(t: TestContext) {
      const result = await promptOk(t, "tools", t.unique(), { message: "hello world" });
      t.equal(result.text, "dlrow olleh", "result.text");
    },
  },
]);
