import { show, type TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import {
  abortSession,
  ERROR_SCHEMA,
  expectError,
  expectStatus,
  history,
  instancePath,
  occupySession,
  prompt,
  readAgentStream,
  readAgentUntil,
  requireStream,
  startPromptStream,
} from "./client.js";
import { abortWhenRunning, PROMPT, quick, S4 } from "./shared.js";

// ── Busy sessions and abort ───────────────────────────────────────────────────────────────
export const busyAbortRequirements = defineRequirements("agents", [
  {
    id: "AGENT-BUSY-001",
    level: "MUST",
    kind: "extension",
    section: `${S4}; ${PROMPT}`,
    statement: "a second prompt on a session with a running prompt is 409 session_busy",
    async run(t: TestContext) {
      const id = t.unique();
      await occupySession(t, id, "s");
      let res: Awaited<ReturnType<typeof prompt>>;
      try {
        res = await t.request("POST", instancePath("slow", id), {
          json: { message: "second", session: "s" },
          signal: quick(t),
          errorSchema: ERROR_SCHEMA,
          okSchema: "AgentPromptResponse",
        });
      } catch {
        t.fail("the second prompt waited for the first instead of answering 409 session_busy");
      }
      expectError(t, res, 409, "session_busy", "second prompt");
    },
  },
  {
    id: "AGENT-BUSY-002",
    level: "MUST",
    kind: "extension",
    section: S4,
    statement: "a running prompt does not block the other sessions of the same instance",
    async run(t: TestContext) {
      const id = t.unique();
      await occupySession(t, id, "busy");
      t.defer(() => abortSession(t, "slow", id, "free"));
      const res = await startPromptStream(t, "slow", id, { message: "other", session: "free" });
      requireStream(t, res, "prompt on another session");
      await readAgentUntil(t, res, (e) => e.type === "text_delta", "the other session's first delta");
    },
  },
  {
    id: "AGENT-ABORT-001",
    level: "MUST",
    kind: "extension",
    section: "Agents.Sessions.abort",
    statement:
      "POST …/sessions/{session}/abort stops the running prompt ({aborted: true}) and its JSON caller gets 409 aborted",
    async run(t: TestContext) {
      const id = t.unique();
      const pending = prompt(t, "slow", id, { message: "go", session: "s" });
      pending.catch(() => {});
      await abortWhenRunning(t, "slow", id, "s");
      expectError(t, await pending, 409, "aborted", "the aborted prompt");
    },
  },
  {
    id: "AGENT-ABORT-002",
    level: "MUST",
    kind: "extension",
    section: "Agents.Sessions.abort",
    statement: "abort on an idle session answers {aborted: false}",
    async run(t: TestContext) {
      const res = await abortSession(t, "echo", t.unique(), "idle");
      expectStatus(t, res, 200, "abort");
      t.equal(res.json, { aborted: false }, "abort result");
    },
  },
  {
    id: "AGENT-ABORT-003",
    level: "MUST",
    kind: "extension",
    section: "Agents.Sessions.abort; Agents.AgentErrorEvent",
    statement: "an aborted streamed prompt ends its stream with an error event of type aborted",
    async run(t: TestContext) {
      const id = t.unique();
      const res = await occupySession(t, id, "s");
      await abortWhenRunning(t, "slow", id, "s");
      const rest = await readAgentStream(t, res, "stream after abort", 5_000);
      const last = rest.at(-1)?.event;
      t.require(last?.type === "error", `the stream ended with ${show(last)} instead of an error event`);
      t.equal(last.error.type, "aborted", "error.type");
    },
  },
  {
    id: "AGENT-ABORT-004",
    level: "MUST",
    kind: "extension",
    section: "Agents.Sessions.abort",
    statement: "nothing of an aborted prompt is added to the history",
    async run(t: TestContext) {
      const id = t.unique();
      const res = await occupySession(t, id, "s");
      await abortWhenRunning(t, "slow", id, "s");
      await readAgentStream(t, res, "stream after abort", 5_000);
      t.equal((await history(t, "slow", id, "s")).messages, [], "history after the abort");
    },
  },
]);
