import { show, type TestContext } from "../../context.js";
import type { WsClient } from "../../ws.js";
import { defineRequirements, isObject } from "../define.js";
import { openPlainSocket } from "./client.js";
import { CONNECT, S4, TEXT } from "./shared.js";

/**
 * The agent socket as pyflue's own server and client speak it: no subprotocol, no `ready` frame,
 * and one `{type: "result", result}` or `{type: "error", error}` frame per `{type: "prompt",
 * message, session}` frame, in order.
 */
async function answerOf(t: TestContext, ws: WsClient, what: string): Promise<Record<string, unknown>> {
  const frame = await ws.nextJson(10_000, what);
  t.require(
    frame.type === "result" || frame.type === "error",
    `${what}: expected a result or error frame, got ${show(frame)}`,
  );
  return frame;
}

function resultText(t: TestContext, frame: Record<string, unknown>, what: string): unknown {
  t.require(frame.type === "result", `${what}: expected a result frame, got ${show(frame)}`);
  t.require(isObject(frame.result), `${what}: result is not an object: ${show(frame)}`);
  return frame.result.text;
}

export const pyflueSocketRequirements = defineRequirements("agents", [
  {
    id: "AGENT-PYWS-001",
    level: "MUST",
    profiles: ["pyflue"],
    kind: "core",
    section: `${S4}; ${CONNECT}`,
    statement:
      'without a subprotocol, a {type: "prompt", message, session} frame is answered by one {type: "result", result: {text}} frame (echo: the message verbatim), with no ready frame before it',
    async run(t: TestContext) {
      const ws = await openPlainSocket(t, "echo", t.unique());
      t.equal(ws.protocol, "", "the selected subprotocol (none was asked for)");
      const message = "Hello,  wörld! ✓";
      ws.send({ type: "prompt", message, session: "s1" });
      const frame = await answerOf(t, ws, "the answer to the prompt");
      t.equal(resultText(t, frame, "the answer"), message, "result.text");
    },
  },
  {
    id: "AGENT-PYWS-002",
    level: "MUST",
    profiles: ["pyflue"],
    kind: "core",
    section: `${S4}; ${CONNECT}`,
    statement: "prompts sent back to back get one result frame each, in the order they were sent, and nothing else",
    async run(t: TestContext) {
      const ws = await openPlainSocket(t, "echo", t.unique());
      const messages = ["first prompt", "second prompt", TEXT];
      for (const message of messages) ws.send({ type: "prompt", message, session: "default" });
      for (const [i, message] of messages.entries()) {
        const frame = await answerOf(t, ws, `the answer to prompt #${i}`);
        t.equal(resultText(t, frame, `answer #${i}`), message, `answer #${i} result.text`);
      }
      // A pyflue client reads exactly one frame per prompt: anything more would be read as the
      // answer to its next prompt.
      ws.send({ type: "prompt", message: "last", session: "default" });
      t.equal(resultText(t, await answerOf(t, ws, "the answer to the last prompt"), "last answer"), "last", "last");
    },
  },
  {
    id: "AGENT-PYWS-003",
    level: "MUST",
    profiles: ["pyflue"],
    kind: "core",
    section: "DESIGN §7 (tools)",
    statement: "over the plain socket the tools fixture's single result frame carries the reversed message",
    async run(t: TestContext) {
      const ws = await openPlainSocket(t, "tools", t.unique());
      ws.send({ type: "prompt", message: "hello world", session: "default" });
      t.equal(resultText(t, await answerOf(t, ws, "the answer"), "the answer"), "dlrow olleh", "result.text");
    },
  },
  {
    id: "AGENT-PYWS-004",
    level: "SHOULD",
    profiles: ["pyflue"],
    kind: "core",
    section: `${S4}; ${CONNECT}`,
    statement:
      'a prompt frame whose message is not text gets exactly one frame — a result, or {type: "error", error: {type, message}} — and the socket keeps serving',
    async run(t: TestContext) {
      const ws = await openPlainSocket(t, "echo", t.unique());
      ws.send({ type: "prompt", message: { not: "text" }, session: "default" });
      const frame = await answerOf(t, ws, "the answer to a bad prompt");
      if (frame.type === "error") {
        const error = frame.error;
        t.check(
          isObject(error) && typeof error.type === "string" && typeof error.message === "string",
          `error frame without {type, message}: ${show(frame)}`,
        );
      }
      ws.send({ type: "prompt", message: "still here", session: "default" });
      t.equal(resultText(t, await answerOf(t, ws, "the next answer"), "the next answer"), "still here", "result.text");
    },
  },
]);
