import { show, type TestContext } from "../../context.js";
import { defineRequirements, isOneWord, words } from "../define.js";
import {
  abortSession,
  expectError,
  history,
  occupySession,
  readAgentStream,
  readAgentUntil,
  requireStream,
  startPromptStream,
  streamPrompt,
} from "./client.js";
import { collapsed, PROMPT, parseIndex, S4, TEXT, types } from "./shared.js";

// ── Prompt (SSE) ──────────────────────────────────────────────────────────────────────────
export const sseRequirements = defineRequirements("agents", [
  {
    id: "AGENT-SSE-001",
    level: "MUST",
    profiles: ["pyflue"],
    kind: "core",
    section: `${S4}; ${PROMPT}`,
    statement: "Accept: text/event-stream answers 200 with Content-Type text/event-stream",
    async run(t: TestContext) {
      const res = await startPromptStream(t, "echo", t.unique(), { message: "stream" });
      requireStream(t, res, "prompt");
      t.equal(res.status, 200, "status");
      await readAgentStream(t, res, "prompt stream");
    },
  },
  {
    id: "AGENT-SSE-002",
    level: "MUST",
    profiles: ["pyflue"],
    kind: "core",
    section: "Agents.AgentStreamEvents",
    statement: "every frame's event: line equals the type of its JSON data",
    async run(t: TestContext) {
      const frames = await streamPrompt(t, "echo", t.unique(), { message: TEXT });
      for (const [i, { frame, event }] of frames.entries()) {
        t.check(
          frame.event === event.type,
          `frame #${i}: event ${show(frame.event)} but data.type ${show(event.type)}`,
        );
      }
    },
  },
  {
    id: "AGENT-SSE-003",
    level: "MUST",
    kind: "extension",
    section: `${S4}; Agents.AgentStreamEvents`,
    statement: "every frame has id: <streamId>:<index>, one streamId per prompt, index counting from 0 by one",
    async run(t: TestContext) {
      const frames = await streamPrompt(t, "echo", t.unique(), { message: TEXT });
      const ids = frames.map(({ frame }) => parseIndex(frame.id));
      ids.forEach((parsed, i) => {
        t.require(parsed, `frame #${i} id ${show(frames[i]!.frame.id)} is not <streamId>:<index>`);
        t.equal(parsed.index, i, `frame #${i} index`);
        t.equal(parsed.stream, ids[0]!.stream, `frame #${i} streamId`);
      });
    },
  },
  {
    id: "AGENT-SSE-004",
    level: "MUST",
    kind: "extension",
    section: `${S4}; Agents.AgentEvent`,
    statement: "a prompt streams turn_start, text_delta*, turn_end, result, idle, and the stream ends after idle",
    async run(t: TestContext) {
      const frames = await streamPrompt(t, "echo", t.unique(), { message: TEXT });
      t.equal(collapsed(types(frames)), ["turn_start", "text_delta", "turn_end", "result", "idle"], "event types");
    },
  },
  {
    id: "AGENT-SSE-005",
    level: "MUST",
    kind: "extension",
    section: "DESIGN §7 (echo); Agents.AgentTextDeltaEvent",
    statement: "the echo fixture sends one text_delta per word; the deltas concatenate to result.text",
    async run(t: TestContext) {
      const frames = await streamPrompt(t, "echo", t.unique(), { message: TEXT });
      const deltas = frames.flatMap(({ event }) => (event.type === "text_delta" ? [event.text] : []));
      t.equal(deltas.join(""), TEXT, "concatenated text_delta");
      t.equal(deltas.length, words(TEXT).length, `number of deltas (${show(deltas)})`);
      for (const d of deltas) t.check(isOneWord(d), `delta ${show(d)} is not one word`);
      const result = frames.find(({ event }) => event.type === "result")?.event;
      t.equal(result?.type === "result" ? result.result.text : undefined, TEXT, "result.text");
    },
  },
  {
    id: "AGENT-SSE-006",
    level: "MUST",
    kind: "extension",
    section: "DESIGN §7 (tools); Agents.AgentToolStartEvent; Agents.AgentToolCallEvent",
    statement:
      "the tools fixture streams tool_start{reverse, args {text}} then tool_call with the same toolCallId, isError false, and a second turn with the reply",
    async run(t: TestContext) {
      const frames = await streamPrompt(t, "tools", t.unique(), { message: "hello world" });
      const events = frames.map((f) => f.event);
      const start = events.find((e) => e.type === "tool_start");
      const done = events.find((e) => e.type === "tool_call");
      t.require(start?.type === "tool_start", `no tool_start in ${show(types(frames))}`);
      t.require(done?.type === "tool_call", `no tool_call in ${show(types(frames))}`);
      t.equal(start.toolName, "reverse", "tool_start.toolName");
      t.equal(start.args, { text: "hello world" }, "tool_start.args");
      t.equal(done.toolCallId, start.toolCallId, "tool_call.toolCallId");
      t.equal(done.isError, false, "tool_call.isError");
      t.require(done.durationMs >= 0, `tool_call.durationMs ${done.durationMs}`);
      t.require(events.indexOf(start) < events.indexOf(done), "tool_call came before tool_start");
      t.equal(events.filter((e) => e.type === "turn_start").length, 2, "number of turns");
      t.equal(types(frames).slice(-2), ["result", "idle"], "last events");
      const result = events.find((e) => e.type === "result");
      t.equal(result?.type === "result" ? result.result.text : undefined, "dlrow olleh", "result.text");
    },
  },
  {
    id: "AGENT-SSE-007",
    level: "MUST",
    kind: "extension",
    section: `${S4}; ${PROMPT}`,
    statement:
      "Last-Event-ID resumes a running prompt's stream: the events after that index, then live, without duplicates",
    async run(t: TestContext) {
      const id = t.unique();
      const first = await startPromptStream(t, "slow", id, { message: "go", session: "r" });
      t.defer(() => abortSession(t, "slow", id, "r"));
      const seen = await readAgentUntil(t, first, (e) => e.type === "text_delta", "the first delta");
      const last = seen.at(-1)!.frame.id;
      const lastIndex = parseIndex(last);
      t.require(lastIndex, `frame id ${show(last)} is not <streamId>:<index>`);
      first.close();
      const resumed = await startPromptStream(
        t,
        "slow",
        id,
        { message: "ignored", session: "r" },
        { "last-event-id": last! },
      );
      requireStream(t, resumed, "resumed stream");
      const more = await readAgentUntil(t, resumed, (e) => e.type === "text_delta", "a live delta after resuming");
      await readAgentUntil(t, resumed, (e) => e.type === "text_delta", "a second live delta");
      const ids = more.map((f) => parseIndex(f.frame.id));
      t.equal(ids[0], { stream: lastIndex.stream, index: lastIndex.index + 1 }, "first resumed frame id");
      for (const [i, p] of ids.entries()) t.equal(p?.index, lastIndex.index + 1 + i, `resumed frame #${i} index`);
    },
  },
  {
    id: "AGENT-SSE-008",
    level: "MUST",
    kind: "extension",
    section: "Agents.Instances.prompt; Agents.AgentErrorType.stream_not_found",
    statement: "a Last-Event-ID naming no held stream is 404 stream_not_found",
    async run(t: TestContext) {
      const res = await startPromptStream(
        t,
        "echo",
        t.unique(),
        { message: "x" },
        { "last-event-id": "no-such-stream:3" },
      );
      t.check(!res.events, "the server streamed instead of refusing the unknown Last-Event-ID");
      expectError(
        t,
        { status: res.status, json: res.json, text: res.text },
        404,
        "stream_not_found",
        "unknown Last-Event-ID",
      );
    },
  },

  {
    id: "AGENT-SSE-009",
    level: "MUST",
    kind: "extension",
    section: PROMPT,
    statement:
      "with Accept: text/event-stream, errors found before the prompt starts (bad body, busy session) are plain JSON error responses",
    async run(t: TestContext) {
      const id = t.unique();
      const bad = await startPromptStream(t, "echo", id, { message: 42 });
      t.check(!bad.events, "a bad body was answered with an event stream");
      expectError(t, { status: bad.status, json: bad.json, text: bad.text }, 400, "validation_failed", "bad body");
      await occupySession(t, id, "s");
      const busy = await startPromptStream(t, "slow", id, { message: "second", session: "s" });
      t.check(!busy.events, "a prompt on a busy session was answered with an event stream");
      expectError(t, { status: busy.status, json: busy.json, text: busy.text }, 409, "session_busy", "busy session");
    },
  },
  {
    id: "AGENT-SSE-010",
    level: "SHOULD",
    kind: "extension",
    section: PROMPT,
    statement: "a Last-Event-ID of a stream held for another session is 404 stream_not_found, not that stream",
    async run(t: TestContext) {
      const id = t.unique();
      const frames = await streamPrompt(t, "echo", id, { message: "mine", session: "a" });
      const held = frames[0]?.frame.id;
      t.require(held, "the stream's first frame has no id");
      const res = await startPromptStream(t, "echo", id, { message: "x", session: "b" }, { "last-event-id": held });
      t.check(!res.events, "another session's stream was resumed");
      expectError(t, { status: res.status, json: res.json, text: res.text }, 404, "stream_not_found", "other session");
    },
  },
  {
    id: "AGENT-SSE-011",
    level: "MUST",
    kind: "extension",
    section: PROMPT,
    statement:
      "a prompt that already ended can be resumed within the window: the events after the index are replayed and the stream ends",
    async run(t: TestContext) {
      const id = t.unique();
      const frames = await streamPrompt(t, "echo", id, { message: TEXT });
      const held = frames[1]?.frame.id;
      t.require(held, "the stream's second frame has no id");
      const res = await startPromptStream(t, "echo", id, { message: "ignored" }, { "last-event-id": held });
      const replay = await readAgentStream(t, res, "replay of an ended prompt", 5_000);
      t.equal(
        replay.map((f) => [f.frame.id, f.event]),
        frames.slice(2).map((f) => [f.frame.id, f.event]),
        "replayed frames",
      );
      t.equal(
        (await history(t, "echo", id, "default")).messages.length,
        2,
        "history length (the replay ran a new prompt)",
      );
    },
  },
]);
