import { show, type TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import { history, promptOk } from "./client.js";
import { S4 } from "./shared.js";

// ── Sessions and history ──────────────────────────────────────────────────────────────────
export const sessionsRequirements = defineRequirements("agents", [
  {
    id: "AGENT-SESSION-001",
    level: "MUST",
    kind: "extension",
    section: `${S4}; Agents.Sessions.history`,
    statement:
      "a prompt continues its session: the history lists each prompt's user and assistant messages, oldest first",
    async run(t: TestContext) {
      const id = t.unique();
      await promptOk(t, "echo", id, { message: "one", session: "s" });
      await promptOk(t, "echo", id, { message: "two", session: "s" });
      const h = await history(t, "echo", id, "s");
      t.equal(
        h.messages.map((m) => [m.role, m.content]),
        [
          ["user", "one"],
          ["assistant", "one"],
          ["user", "two"],
          ["assistant", "two"],
        ],
        "history",
      );
      t.equal([h.name, h.id, h.session], ["echo", id, "s"], "history name, id, session");
    },
  },
  {
    id: "AGENT-SESSION-002",
    level: "MUST",
    kind: "extension",
    section: `${S4}; Agents (service doc)`,
    statement: "sessions of one instance are independent threads",
    async run(t: TestContext) {
      const id = t.unique();
      await promptOk(t, "echo", id, { message: "to a", session: "a" });
      await promptOk(t, "echo", id, { message: "to b", session: "b" });
      t.equal(
        (await history(t, "echo", id, "a")).messages.map((m) => m.content),
        ["to a", "to a"],
        "session a",
      );
      t.equal(
        (await history(t, "echo", id, "b")).messages.map((m) => m.content),
        ["to b", "to b"],
        "session b",
      );
    },
  },
  {
    id: "AGENT-SESSION-003",
    level: "MUST",
    kind: "extension",
    section: `${S4}; Agents.AgentPromptRequest.session`,
    statement: 'a prompt without session runs in the session "default"',
    async run(t: TestContext) {
      const id = t.unique();
      await promptOk(t, "echo", id, { message: "no session" });
      t.equal(
        (await history(t, "echo", id, "default")).messages.map((m) => m.content),
        ["no session", "no session"],
        "default",
      );
    },
  },
  {
    id: "AGENT-SESSION-004",
    level: "MUST",
    kind: "extension",
    section: `${S4}; Agents (service doc)`,
    statement: "instances (ids) of one agent do not share history",
    async run(t: TestContext) {
      const a = t.unique();
      const b = t.unique();
      await promptOk(t, "echo", a, { message: "only in a" });
      t.equal((await history(t, "echo", b, "default")).messages, [], `history of ${b}`);
    },
  },
  {
    id: "AGENT-SESSION-005",
    level: "MUST",
    kind: "extension",
    section: "Agents.Sessions.history",
    statement: "a session never used has an empty history that names the agent, id and session",
    async run(t: TestContext) {
      const id = t.unique();
      const h = await history(t, "echo", id, "fresh");
      t.equal(h, { name: "echo", id, session: "fresh", messages: [] }, "history");
    },
  },
  {
    id: "AGENT-SESSION-006",
    level: "MUST",
    kind: "extension",
    section: "DESIGN §7 (tools); Agents.AgentMessage",
    statement:
      "the history records the assistant's tool call, the tool's result (with its toolCallId) and the final reply",
    async run(t: TestContext) {
      const id = t.unique();
      await promptOk(t, "tools", id, { message: "hello world" });
      const { messages } = await history(t, "tools", id, "default");
      t.equal(messages[0], { role: "user", content: "hello world" }, "first message");
      const asking = messages.find((m) => m.role === "assistant" && m.toolCalls?.length);
      t.require(asking && asking.role === "assistant", `no assistant message with toolCalls in ${show(messages)}`);
      const toolCall = asking.toolCalls![0]!;
      t.equal(toolCall.name, "reverse", "toolCalls[0].name");
      t.equal(JSON.parse(toolCall.arguments), { text: "hello world" }, "toolCalls[0].arguments");
      const result = messages.find((m) => m.role === "tool");
      t.require(result && result.role === "tool", `no tool message in ${show(messages)}`);
      t.equal(result.toolCallId, toolCall.id, "tool message toolCallId");
      t.require(
        result.content.includes("dlrow olleh"),
        `tool message content ${show(result.content)} lacks the result`,
      );
      t.equal(messages.at(-1), { role: "assistant", content: "dlrow olleh" }, "last message");
    },
  },
]);
