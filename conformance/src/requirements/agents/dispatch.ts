import { show, type TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import {
  dispatch,
  dispatchOk,
  ERROR_SCHEMA,
  expectError,
  expectStatus,
  history,
  instancePath,
  occupySession,
} from "./client.js";
import { abortWhenRunning, quick, S4 } from "./shared.js";

// ── Dispatch ──────────────────────────────────────────────────────────────────────────────
export const dispatchRequirements = defineRequirements("agents", [
  {
    id: "AGENT-DISPATCH-001",
    level: "MUST",
    profiles: ["pyflue"],
    kind: "core",
    section: `${S4}; Agents.Dispatch.dispatch`,
    statement: "POST …/dispatch answers 202 {dispatchId, acceptedAt (RFC 3339)}, a new dispatchId each time",
    async run(t: TestContext) {
      const id = t.unique();
      const a = await dispatch(t, "echo", id, { input: { n: 1 } });
      expectStatus(t, a, 202, "dispatch");
      const b = await dispatch(t, "echo", id, { input: { n: 2 } });
      expectStatus(t, b, 202, "second dispatch");
      const ra = a.json as { dispatchId: string; acceptedAt: string };
      const rb = b.json as { dispatchId: string; acceptedAt: string };
      t.check(ra.dispatchId !== rb.dispatchId, `two dispatches share the id ${ra.dispatchId}`);
      t.check(!Number.isNaN(Date.parse(ra.acceptedAt)), `acceptedAt ${show(ra.acceptedAt)} is not a date`);
    },
  },
  {
    id: "AGENT-DISPATCH-002",
    level: "MUST",
    kind: "extension",
    section: "Agents.Dispatch.dispatch; Agents.AgentDispatchRequest",
    statement:
      "dispatched input runs in the background: the session history gains the input as JSON text and the agent's reply",
    async run(t: TestContext) {
      const id = t.unique();
      const input = { note: "hi there", n: 1, list: [true, null] };
      await dispatchOk(t, "echo", id, { input, session: "work" });
      const messages = await t.eventually("the dispatched work to complete", async () => {
        const h = await history(t, "echo", id, "work");
        return h.messages.length >= 2 ? h.messages : undefined;
      });
      t.equal(messages[0]?.role, "user", "first message role");
      t.equal(JSON.parse(messages[0]!.content), input, "user message (parsed JSON)");
      t.equal(messages[1]?.role, "assistant", "second message role");
      t.equal(JSON.parse(messages[1]!.content), input, "echo reply (parsed JSON)");
    },
  },
  {
    id: "AGENT-DISPATCH-003",
    level: "MUST",
    kind: "extension",
    section: `${S4}; Agents.Dispatch.dispatch`,
    statement: "dispatch to a busy session is accepted at once and runs after the attached prompt instead of failing",
    async run(t: TestContext) {
      const id = t.unique();
      await occupySession(t, id, "s");
      const res = await t.request("POST", `${instancePath("slow", id)}/dispatch`, {
        json: { input: "queued work", session: "s" },
        signal: quick(t),
        okSchema: "AgentDispatchReceipt",
        errorSchema: ERROR_SCHEMA,
      });
      t.check(
        res.status >= 200 && res.status < 300,
        `dispatch to a busy session: ${res.status} ${show(res.text.slice(0, 200))}`,
      );
      await abortWhenRunning(t, "slow", id, "s");
      // The dispatched work takes the session once the prompt is gone: it can be aborted in turn.
      await abortWhenRunning(t, "slow", id, "s");
    },
  },
  {
    id: "AGENT-DISPATCH-005",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentDispatchRequest.dispatchId",
    statement: "a repeated client dispatchId answers the first receipt again and the work runs once",
    async run(t: TestContext) {
      const id = t.unique();
      const dispatchId = t.unique("dispatch");
      const first = await dispatch(t, "echo", id, { input: "once", session: "s", dispatchId });
      expectStatus(t, first, 202, "dispatch");
      const again = await dispatch(t, "echo", id, { input: "once", session: "s", dispatchId });
      expectStatus(t, again, 202, "repeated dispatch");
      t.equal(again.json, first.json, "receipt of the repeated dispatch");
      t.equal((first.json as { dispatchId?: unknown }).dispatchId, dispatchId, "receipt dispatchId");
      await t.eventually("the dispatched work to complete", async () => {
        const h = await history(t, "echo", id, "s");
        return h.messages.length >= 2 ? true : undefined;
      });
      await t.sleep(200);
      t.equal((await history(t, "echo", id, "s")).messages.length, 2, "history length (the work ran twice)");
    },
  },
  {
    id: "AGENT-DISPATCH-004",
    level: "MUST",
    kind: "extension",
    section: "Agents.Dispatch.dispatch",
    statement:
      "dispatch refuses a body without input (400 validation_failed naming input) and an unknown agent (404 agent_not_found)",
    async run(t: TestContext) {
      expectError(
        t,
        await dispatch(t, "echo", t.unique(), { session: "s" }),
        400,
        "validation_failed",
        "no input",
        "input",
      );
      expectError(
        t,
        await dispatch(t, t.unique("no-such-agent"), "x", { input: 1 }),
        404,
        "agent_not_found",
        "unknown agent",
      );
    },
  },
]);
