import { show, type TestContext } from "../../context.js";
import { isRefusal } from "../../ws.js";
import { defineRequirements, isObject, OVERSIZE_BYTES } from "../define.js";
import {
  abortSession,
  ERROR_SCHEMA,
  expectError,
  instancePath,
  occupySession,
  openSocket,
  SUBPROTOCOL,
  startPromptStream,
  untilAnswer,
  untilOutcome,
} from "./client.js";
import { CONNECT, S4, TEXT } from "./shared.js";

// ── WebSocket ─────────────────────────────────────────────────────────────────────────────
export const websocketRequirements = defineRequirements("agents", [
  {
    id: "AGENT-WS-001",
    level: "MUST",
    kind: "extension",
    section: `${S4}; ${CONNECT}; Agents.AgentReadyFrame`,
    statement:
      "an upgrade asking for the switchboard.v1 subprotocol gets it, and the first frame is ready {version: 1, target: agent, name, instanceId}",
    async run(t: TestContext) {
      const id = t.unique();
      const ws = await t.websocket(instancePath("echo", id), {
        frameSchema: "AgentServerFrame",
        protocols: [SUBPROTOCOL],
        errorSchema: ERROR_SCHEMA,
      });
      if (isRefusal(ws)) t.fail(`upgrade refused: ${ws.status} ${show(ws.text.slice(0, 200))}`);
      t.equal(ws.protocol, SUBPROTOCOL, "the selected subprotocol");
      t.equal(
        await ws.nextJson(5_000, "ready"),
        { type: "ready", version: 1, target: "agent", name: "echo", instanceId: id },
        "ready frame",
      );
    },
  },
  {
    id: "AGENT-WS-002",
    level: "MUST",
    kind: "extension",
    section: `${S4}; ${CONNECT}`,
    statement: "a prompt frame is answered by started, event*, result, each with its requestId and version 1",
    async run(t: TestContext) {
      const ws = await openSocket(t, "echo", t.unique());
      ws.send({ type: "prompt", requestId: "req-1", message: TEXT, session: "s" });
      const frames = await untilOutcome(ws, "req-1");
      t.equal(frames[0]?.type, "started", "first frame");
      t.equal(frames[0]?.session, "s", "started.session");
      for (const f of frames) t.equal(f.version, 1, `${f.type} version`);
      const deltas = frames.flatMap((f) => (isObject(f.event) && f.event.type === "text_delta" ? [f.event.text] : []));
      t.equal(deltas.join(""), TEXT, "concatenated text_delta events");
      const last = frames.at(-1)!;
      t.equal(last.type, "result", "last frame");
      t.equal((last.result as { text?: unknown }).text, TEXT, "result.text");
    },
  },
  {
    id: "AGENT-WS-003",
    level: "MUST",
    kind: "extension",
    section: `${S4}; Agents.AgentPromptFrame.requestId`,
    statement: "concurrent prompts on one socket (different sessions) are correlated by requestId",
    async run(t: TestContext) {
      const ws = await openSocket(t, "echo", t.unique());
      const prompts = { "req-a": "alpha bravo charlie delta", "req-b": "one two three four five" } as const;
      ws.send({ type: "prompt", requestId: "req-a", message: prompts["req-a"], session: "a" });
      ws.send({ type: "prompt", requestId: "req-b", message: prompts["req-b"], session: "b" });
      const byRequest = new Map<unknown, Record<string, unknown>[]>();
      let outcomes = 0;
      while (outcomes < 2) {
        const f = await ws.nextJson(5_000, "the outcomes of both prompts");
        byRequest.set(f.requestId, [...(byRequest.get(f.requestId) ?? []), f]);
        if (f.type === "result" || f.type === "error") outcomes++;
      }
      t.equal([...byRequest.keys()].sort(), ["req-a", "req-b"], "requestIds of the frames");
      for (const [requestId, message] of Object.entries(prompts)) {
        const frames = byRequest.get(requestId)!;
        const text = frames
          .flatMap((f) => (isObject(f.event) && f.event.type === "text_delta" ? [f.event.text] : []))
          .join("");
        t.equal(text, message, `text_delta events of ${requestId}`);
        const result = frames.find((f) => f.type === "result");
        t.equal((result?.result as { text?: unknown } | undefined)?.text, message, `result of ${requestId}`);
      }
    },
  },
  {
    id: "AGENT-WS-004",
    level: "MUST",
    kind: "extension",
    section: `${S4}; Agents.AgentPromptFrame`,
    statement:
      "prompts without requestId (pyflue) get a server-assigned requestId and are answered in the order they came",
    async run(t: TestContext) {
      const ws = await openSocket(t, "echo", t.unique());
      ws.send({ type: "prompt", message: "first prompt" });
      ws.send({ type: "prompt", message: "second prompt" });
      const started: unknown[] = [];
      const results: Record<string, unknown>[] = [];
      while (results.length < 2) {
        const f = await ws.nextJson(5_000, "two results");
        t.check(typeof f.requestId === "string" && f.requestId !== "", `${f.type} frame without a requestId`);
        if (f.type === "started") started.push(f.requestId);
        if (f.type === "error") t.fail(`error frame: ${show(f)}`);
        if (f.type === "result") results.push(f);
      }
      t.equal(
        results.map((r) => (r.result as { text?: unknown }).text),
        ["first prompt", "second prompt"],
        "results in order",
      );
      t.equal(new Set(started).size, 2, "distinct assigned requestIds");
      t.equal(
        results.map((r) => r.requestId),
        started,
        "result requestIds match the started frames",
      );
    },
  },
  {
    id: "AGENT-WS-005",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentPingFrame",
    statement: "ping is answered by pong with the same requestId",
    async run(t: TestContext) {
      const ws = await openSocket(t, "echo", t.unique());
      ws.send({ type: "ping", requestId: "p-1" });
      t.equal(await ws.nextJson(5_000, "pong"), { type: "pong", version: 1, requestId: "p-1" }, "pong");
      ws.send({ type: "ping" });
      const bare = await ws.nextJson(5_000, "pong");
      t.equal(bare.type, "pong", "answer to a ping without requestId");
    },
  },
  {
    id: "AGENT-WS-006",
    level: "MUST",
    kind: "extension",
    section: `${S4}; Agents.AgentErrorFrame`,
    statement: "a frame that is not JSON gets an error frame invalid_json and the socket stays open",
    async run(t: TestContext) {
      const ws = await openSocket(t, "echo", t.unique());
      ws.send("{this is not json");
      const error = await ws.nextJson(5_000, "an error frame");
      t.equal(error.type, "error", "frame type");
      t.equal((error.error as { type?: unknown }).type, "invalid_json", "error.type");
      ws.send({ type: "ping", requestId: "after" });
      t.equal((await ws.nextJson(5_000, "pong")).type, "pong", "answer to a ping after the bad frame");
    },
  },
  {
    id: "AGENT-WS-007",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentErrorFrame",
    statement:
      "a frame breaking the schema gets error validation_failed carrying its requestId, and the socket stays open",
    async run(t: TestContext) {
      const ws = await openSocket(t, "echo", t.unique());
      ws.send({ type: "prompt", requestId: "bad-1" });
      const error = await ws.nextJson(5_000, "an error frame");
      t.equal([error.type, error.requestId], ["error", "bad-1"], "error frame type and requestId");
      t.equal((error.error as { type?: unknown }).type, "validation_failed", "error.type");
      ws.send({ type: "prompt", requestId: "bad-3", message: "x", colour: "red" });
      const sealed = await ws.nextJson(5_000, "an error frame for an unknown member");
      t.equal([sealed.type, sealed.requestId], ["error", "bad-3"], "unknown member: error frame type and requestId");
      t.equal((sealed.error as { type?: unknown }).type, "validation_failed", "unknown member: error.type");
      ws.send({ type: "dance", requestId: "bad-2" });
      const unknown = await ws.nextJson(5_000, "an error frame for an unknown type");
      t.equal(
        (unknown.error as { type?: unknown } | undefined)?.type,
        "validation_failed",
        "unknown frame type: error.type",
      );
      ws.send({ type: "ping", requestId: "after" });
      t.equal((await ws.nextJson(5_000, "pong")).type, "pong", "answer to a ping after the bad frames");
    },
  },
  {
    id: "AGENT-WS-008",
    level: "MUST",
    kind: "extension",
    section: `${S4}; Agents.AgentClientFrame`,
    statement: "a binary frame closes the socket with 1003",
    async run(t: TestContext) {
      const ws = await openSocket(t, "echo", t.unique());
      ws.sendBinary(new Uint8Array([1, 2, 3, 4]));
      t.equal((await ws.closed(5_000)).code, 1003, "close code");
    },
  },
  {
    id: "AGENT-WS-009",
    level: "MUST",
    kind: "extension",
    section: `${S4}; ${CONNECT}`,
    statement: "a frame over the size limit closes the socket with 1009",
    async run(t: TestContext) {
      const ws = await openSocket(t, "echo", t.unique());
      ws.send({ type: "prompt", requestId: "big", message: "x".repeat(OVERSIZE_BYTES) });
      t.equal((await ws.closed(5_000)).code, 1009, "close code");
    },
  },
  {
    id: "AGENT-WS-010",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentAbortFrame",
    statement: "an abort frame stops the running prompt, which ends with error {requestId, type aborted}",
    async run(t: TestContext) {
      const id = t.unique();
      const ws = await openSocket(t, "slow", id);
      t.defer(() => abortSession(t, "slow", id, "s"));
      ws.send({ type: "prompt", requestId: "long", message: "go", session: "s" });
      await untilAnswer(ws, (f) => f.type === "event" && f.requestId === "long", 5_000, "a first event");
      ws.send({ type: "abort", requestId: "long" });
      const { frame } = await untilAnswer(
        ws,
        (f) => f.requestId === "long" && (f.type === "error" || f.type === "result"),
        5_000,
        "the outcome",
      );
      t.equal(frame.type, "error", "outcome frame");
      t.equal((frame.error as { type?: unknown }).type, "aborted", "error.type");
    },
  },
  {
    id: "AGENT-WS-011",
    level: "MUST",
    kind: "extension",
    section: `${S4}; Agents.AgentErrorFrame`,
    statement: "a prompt frame for a busy session gets error session_busy with its requestId",
    async run(t: TestContext) {
      const id = t.unique();
      await occupySession(t, id, "s");
      const ws = await openSocket(t, "slow", id);
      ws.send({ type: "prompt", requestId: "second", message: "x", session: "s" });
      const { frame } = await ws.until((f) => f.type === "error" || f.type === "started", 5_000, "an answer");
      t.equal([frame.type, frame.requestId], ["error", "second"], "answer type and requestId");
      t.equal((frame.error as { type?: unknown }).type, "session_busy", "error.type");
    },
  },
  {
    id: "AGENT-WS-012",
    level: "MUST",
    kind: "extension",
    section: CONNECT,
    statement: "an upgrade for an unknown agent is refused with 404 agent_not_found before the handshake",
    async run(t: TestContext) {
      const ws = await t.websocket(instancePath(t.unique("no-such-agent"), "x"), {
        frameSchema: "AgentServerFrame",
        protocols: [SUBPROTOCOL],
        errorSchema: ERROR_SCHEMA,
      });
      if (!isRefusal(ws)) t.fail("the upgrade for an unknown agent succeeded");
      expectError(t, ws, 404, "agent_not_found", "upgrade for an unknown agent");
    },
  },
  {
    id: "AGENT-WS-013",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentEventFrame",
    statement: "event frames carry only progress events; the outcome comes as a result frame, not as an event",
    async run(t: TestContext) {
      const ws = await openSocket(t, "echo", t.unique());
      ws.send({ type: "prompt", requestId: "r", message: "progress only" });
      const frames = await untilOutcome(ws, "r");
      const kinds = frames.filter((f) => f.type === "event").map((f) => (f.event as { type?: unknown }).type);
      for (const k of kinds)
        t.check(
          ["turn_start", "text_delta", "tool_start", "tool_call", "turn_end"].includes(k as string),
          `event frame with ${show(k)}`,
        );
    },
  },
  {
    id: "AGENT-WS-014",
    level: "MUST",
    kind: "extension",
    section: CONNECT,
    statement: "closing the socket aborts its running prompts",
    async run(t: TestContext) {
      const id = t.unique();
      const ws = await openSocket(t, "slow", id);
      t.defer(() => abortSession(t, "slow", id, "s"));
      ws.send({ type: "prompt", requestId: "long", message: "go", session: "s" });
      await ws.until((f) => f.type === "event", 5_000, "a first event");
      ws.close();
      await t.eventually(
        "the session to become idle after the socket closed",
        async () => {
          const probe = await startPromptStream(t, "slow", id, { message: "probe", session: "s" });
          probe.close();
          return probe.status === 200 ? true : undefined;
        },
        4_000,
        100,
      );
    },
  },
  {
    id: "AGENT-WS-015",
    level: "MUST",
    kind: "extension",
    section: "DESIGN §7 (tools); Agents.AgentEventFrame",
    statement:
      "over the socket the tools fixture reports tool_start and tool_call events and replies with the reversed message",
    async run(t: TestContext) {
      const ws = await openSocket(t, "tools", t.unique());
      ws.send({ type: "prompt", requestId: "tool", message: "abc def" });
      const frames = await untilOutcome(ws, "tool");
      const kinds = frames.filter((f) => f.type === "event").map((f) => (f.event as { type?: unknown }).type);
      t.check(
        kinds.includes("tool_start") && kinds.includes("tool_call"),
        `events ${show(kinds)} lack tool_start/tool_call`,
      );
      t.equal((frames.at(-1)?.result as { text?: unknown } | undefined)?.text, "fed cba", "result.text");
    },
  },

  {
    id: "AGENT-WS-016",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentAbortFrame",
    statement: "aborting an unknown or finished request does nothing: no error, the socket stays open",
    async run(t: TestContext) {
      const ws = await openSocket(t, "echo", t.unique());
      ws.send({ type: "prompt", requestId: "done", message: "quick" });
      await untilOutcome(ws, "done");
      ws.send({ type: "abort", requestId: "done" });
      ws.send({ type: "abort", requestId: "never-sent" });
      ws.send({ type: "ping", requestId: "after" });
      t.equal(await ws.nextJson(5_000, "pong"), { type: "pong", version: 1, requestId: "after" }, "next frame");
    },
  },
  {
    id: "AGENT-WS-017",
    level: "MUST",
    kind: "extension",
    section: "Agents.AgentPromptFrame",
    statement: "prompts with distinct requestIds on different sessions run concurrently over one socket",
    async run(t: TestContext) {
      const id = t.unique();
      const ws = await openSocket(t, "slow", id);
      t.defer(() => abortSession(t, "slow", id, "one"));
      t.defer(() => abortSession(t, "slow", id, "two"));
      ws.send({ type: "prompt", requestId: "one", message: "go", session: "one" });
      ws.send({ type: "prompt", requestId: "two", message: "go", session: "two" });
      const seen = new Set<unknown>();
      await untilAnswer(
        ws,
        (f) => {
          if (f.type === "error" || f.type === "result") t.fail(`unexpected outcome ${show(f)}`);
          if (f.type === "event" && isObject(f.event) && f.event.type === "text_delta") seen.add(f.requestId);
          return seen.size === 2;
        },
        5_000,
        "text from both prompts before either ended",
      );
    },
  },
]);
