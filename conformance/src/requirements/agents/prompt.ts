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
    profiles: ["pyflue"],
    kind: "core",
    section: "DESIGN §7 (echo); Agents.AgentUsage",
    statement:
      "usage: the output count is the echo reply's words and the total is input plus output (outputTokens/inputTokens/totalTokens, or pyflue's output/input/total_tokens)",
    async run(t: TestContext) {
      const { usage } = await promptOk(t, "echo", t.unique(), { message: TEXT });
      // pyflue's server spells the counts output/input/total_tokens; Switchboard's schema camelCases them.
      const u = usage as unknown as Record<string, unknown>;
      const output = u.outputTokens ?? u.output;
      const input = u.inputTokens ?? u.input;
      const total = u.totalTokens ?? u.total_tokens;
      t.equal(output, words(TEXT).length, "usage output count (words of the reply)");
      t.check(
        typeof input === "number" && total === input + (output as number),
        `usage total ${show(total)} is not input ${show(input)} + output ${show(output)}`,
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
