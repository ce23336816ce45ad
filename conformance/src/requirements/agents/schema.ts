import type { TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import {
  abortSession,
  dispatch,
  ERROR_SCHEMA,
  history,
  instancePath,
  openSocket,
  prompt,
  promptOk,
  streamPrompt,
  untilOutcome,
} from "./client.js";
import { PROMPT, TEXT } from "./shared.js";

/*
 * Schema conformance is judged here, once per payload kind, with every violation listed; the
 * behaviour requirements record violations but do not fail on them.
 */
export const schemaRequirements = defineRequirements("agents", [
  {
    id: "AGENT-SCHEMA-001",
    level: "MUST",
    kind: "extension",
    section: `${PROMPT}; Agents.AgentPromptResponse`,
    statement: "prompt answers (echo and tools) match the AgentPromptResponse schema",
    async run(t: TestContext) {
      await promptOk(t, "echo", t.unique(), { message: TEXT });
      await promptOk(t, "tools", t.unique(), { message: "hello world" });
      t.conforms(["AgentPromptResponse"]);
    },
  },
  {
    id: "AGENT-SCHEMA-002",
    level: "MUST",
    kind: "extension",
    section: `${PROMPT}; Agents.AgentEvent`,
    statement: "every streamed event of a prompt (echo and tools) matches the AgentEvent schema",
    async run(t: TestContext) {
      await streamPrompt(t, "echo", t.unique(), { message: TEXT });
      await streamPrompt(t, "tools", t.unique(), { message: "hello world" });
      t.conforms(["AgentEvent"]);
    },
  },
  {
    id: "AGENT-SCHEMA-003",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentSessionHistory; Agents.AgentAbortResult; Agents.AgentDispatchReceipt",
    statement: "session histories, abort results and dispatch receipts match their schemas",
    async run(t: TestContext) {
      const id = t.unique();
      await promptOk(t, "tools", id, { message: "hello world" });
      await history(t, "tools", id, "default");
      await abortSession(t, "tools", id, "default");
      await dispatch(t, "echo", id, { input: { n: 1 }, session: "dispatched" });
      t.conforms(["AgentSessionHistory", "AgentAbortResult", "AgentDispatchReceipt"]);
    },
  },
  {
    id: "AGENT-SCHEMA-004",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentErrorResponse",
    statement:
      "every HTTP error answer (malformed JSON, missing message, unknown agent) is JSON in the agent error envelope",
    async run(t: TestContext) {
      await t.request("POST", instancePath("echo", t.unique()), {
        body: "{not json",
        headers: { "content-type": "application/json" },
        errorSchema: ERROR_SCHEMA,
      });
      await prompt(t, "echo", t.unique(), {});
      await prompt(t, t.unique("no-such-agent"), "x", { message: "hi" });
      t.conforms([ERROR_SCHEMA]);
    },
  },
  {
    id: "AGENT-SCHEMA-005",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentServerFrame",
    statement:
      "every frame of a switchboard.v1 socket (ready, started, event, result) matches the AgentServerFrame schema",
    async run(t: TestContext) {
      const ws = await openSocket(t, "tools", t.unique());
      ws.send({ type: "prompt", requestId: "r1", message: "hello world" });
      await untilOutcome(ws, "r1", 10_000);
      t.conforms(["AgentServerFrame"]);
    },
  },
]);
