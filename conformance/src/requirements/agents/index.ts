import type { AgentAbortResult, AgentEvent } from "@switchboard/protocol/agents";
import { show, type TestContext } from "../../context.js";
import { isRefusal } from "../../ws.js";
import { defineRequirements, isObject, isOneWord, OVERSIZE_BYTES, words } from "../define.js";
import {
  abortSession,
  dispatch,
  dispatchOk,
  ERROR_SCHEMA,
  expectError,
  expectStatus,
  history,
  instancePath,
  occupySession,
  openSocket,
  prompt,
  promptOk,
  readAgentStream,
  readAgentUntil,
  requireStream,
  SWITCHBOARD_FRAMING,
  sessionPath,
  startPromptStream,
  streamPrompt,
  untilOutcome,
} from "./client.js";

const S4 = "DESIGN §4";
const PROMPT = "Agents.Instances.prompt";
const CONNECT = "Agents.Instances.connect";
const TEXT = "The quick brown fox jumps over the lazy dog";

const types = (events: { event: AgentEvent }[]) => events.map((e) => e.event.type);

/** Collapses runs of `text_delta` so an order check does not depend on the number of words. */
const collapsed = (list: string[]) => list.filter((type, i) => type !== "text_delta" || list[i - 1] !== type);

function parseIndex(id: string | undefined): { stream: string; index: number } | undefined {
  if (id === undefined) return undefined;
  const colon = id.lastIndexOf(":");
  if (colon <= 0) return undefined;
  const index = Number(id.slice(colon + 1));
  return Number.isInteger(index) && index >= 0 ? { stream: id.slice(0, colon), index } : undefined;
}

/** Calls the session abort route until it reports it stopped something. */
async function abortWhenRunning(t: TestContext, name: string, id: string, session: string) {
  return t.eventually("a running prompt to abort", async () => {
    const res = await abortSession(t, name, id, session);
    expectStatus(t, res, 200, "abort");
    return (res.json as AgentAbortResult).aborted ? res : undefined;
  });
}

/** A request that must not wait long: a server that queues instead of refusing is caught. */
function quick(t: TestContext, ms = 3_000) {
  return AbortSignal.any([t.signal, AbortSignal.timeout(ms)]);
}

export const agentsRequirements = defineRequirements("agents", [
  // ── Prompt (JSON) ─────────────────────────────────────────────────────────────────────────
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

  // ── Sessions and history ──────────────────────────────────────────────────────────────────
  {
    id: "AGENT-SESSION-001",
    level: "MUST",
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
    section: "DESIGN §7 (tools); Agents.AgentMessage",
    statement:
      "the history records the assistant's tool call, the tool's result (with its toolCallId) and the final reply",
    async run(t: TestContext) {
      const id = t.unique();
      await promptOk(t, "tools", id, { message: "hello world" });
      const { messages } = await history(t, "tools", id, "default");
      t.equal(messages[0], { role: "user", content: "hello world" }, "first message");
      const asking = messages.find((m) => m.role === "assistant" && m.toolCalls?.length);
      t.check(asking && asking.role === "assistant", `no assistant message with toolCalls in ${show(messages)}`);
      const toolCall = asking.toolCalls![0]!;
      t.equal(toolCall.name, "reverse", "toolCalls[0].name");
      t.equal(JSON.parse(toolCall.arguments), { text: "hello world" }, "toolCalls[0].arguments");
      const result = messages.find((m) => m.role === "tool");
      t.check(result && result.role === "tool", `no tool message in ${show(messages)}`);
      t.equal(result.toolCallId, toolCall.id, "tool message toolCallId");
      t.check(result.content.includes("dlrow olleh"), `tool message content ${show(result.content)} lacks the result`);
      t.equal(messages.at(-1), { role: "assistant", content: "dlrow olleh" }, "last message");
    },
  },

  // ── Prompt (SSE) ──────────────────────────────────────────────────────────────────────────
  {
    id: "AGENT-SSE-001",
    level: "MUST",
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
    section: `${S4}; Agents.AgentStreamEvents`,
    statement: "every frame has id: <streamId>:<index>, one streamId per prompt, index counting from 0 by one",
    async run(t: TestContext) {
      const frames = await streamPrompt(t, "echo", t.unique(), { message: TEXT });
      const ids = frames.map(({ frame }) => parseIndex(frame.id));
      ids.forEach((parsed, i) => {
        t.check(parsed, `frame #${i} id ${show(frames[i]!.frame.id)} is not <streamId>:<index>`);
        t.equal(parsed.index, i, `frame #${i} index`);
        t.equal(parsed.stream, ids[0]!.stream, `frame #${i} streamId`);
      });
    },
  },
  {
    id: "AGENT-SSE-004",
    level: "MUST",
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
    section: "DESIGN §7 (tools); Agents.AgentToolStartEvent; Agents.AgentToolCallEvent",
    statement:
      "the tools fixture streams tool_start{reverse, args {text}} then tool_call with the same toolCallId, isError false, and a second turn with the reply",
    async run(t: TestContext) {
      const frames = await streamPrompt(t, "tools", t.unique(), { message: "hello world" });
      const events = frames.map((f) => f.event);
      const start = events.find((e) => e.type === "tool_start");
      const done = events.find((e) => e.type === "tool_call");
      t.check(start?.type === "tool_start", `no tool_start in ${show(types(frames))}`);
      t.check(done?.type === "tool_call", `no tool_call in ${show(types(frames))}`);
      t.equal(start.toolName, "reverse", "tool_start.toolName");
      t.equal(start.args, { text: "hello world" }, "tool_start.args");
      t.equal(done.toolCallId, start.toolCallId, "tool_call.toolCallId");
      t.equal(done.isError, false, "tool_call.isError");
      t.check(done.durationMs >= 0, `tool_call.durationMs ${done.durationMs}`);
      t.check(events.indexOf(start) < events.indexOf(done), "tool_call came before tool_start");
      t.equal(events.filter((e) => e.type === "turn_start").length, 2, "number of turns");
      t.equal(types(frames).slice(-2), ["result", "idle"], "last events");
      const result = events.find((e) => e.type === "result");
      t.equal(result?.type === "result" ? result.result.text : undefined, "dlrow olleh", "result.text");
    },
  },
  {
    id: "AGENT-SSE-007",
    level: "MUST",
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
      t.check(lastIndex, `frame id ${show(last)} is not <streamId>:<index>`);
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
    section: PROMPT,
    statement: "a Last-Event-ID of a stream held for another session is 404 stream_not_found, not that stream",
    async run(t: TestContext) {
      const id = t.unique();
      const frames = await streamPrompt(t, "echo", id, { message: "mine", session: "a" });
      const held = frames[0]?.frame.id;
      t.check(held, "the stream's first frame has no id");
      const res = await startPromptStream(t, "echo", id, { message: "x", session: "b" }, { "last-event-id": held });
      t.check(!res.events, "another session's stream was resumed");
      expectError(t, { status: res.status, json: res.json, text: res.text }, 404, "stream_not_found", "other session");
    },
  },
  {
    id: "AGENT-SSE-011",
    level: "MUST",
    section: PROMPT,
    statement:
      "a prompt that already ended can be resumed within the window: the events after the index are replayed and the stream ends",
    async run(t: TestContext) {
      const id = t.unique();
      const frames = await streamPrompt(t, "echo", id, { message: TEXT });
      const held = frames[1]?.frame.id;
      t.check(held, "the stream's second frame has no id");
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

  // ── Busy sessions and abort ───────────────────────────────────────────────────────────────
  {
    id: "AGENT-BUSY-001",
    level: "MUST",
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
    section: "Agents.Sessions.abort; Agents.AgentErrorEvent",
    statement: "an aborted streamed prompt ends its stream with an error event of type aborted",
    async run(t: TestContext) {
      const id = t.unique();
      const res = await occupySession(t, id, "s");
      await abortWhenRunning(t, "slow", id, "s");
      const rest = await readAgentStream(t, res, "stream after abort", 5_000);
      const last = rest.at(-1)?.event;
      t.check(last?.type === "error", `the stream ended with ${show(last)} instead of an error event`);
      t.equal(last.error.type, "aborted", "error.type");
    },
  },
  {
    id: "AGENT-ABORT-004",
    level: "MUST",
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

  // ── Dispatch ──────────────────────────────────────────────────────────────────────────────
  {
    id: "AGENT-DISPATCH-001",
    level: "MUST",
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

  // ── Bad input ─────────────────────────────────────────────────────────────────────────────
  {
    id: "AGENT-ERR-001",
    level: "MUST",
    section: `${S4}; Agents.AgentErrorType.invalid_json`,
    statement: "a malformed JSON body is 400 invalid_json",
    async run(t: TestContext) {
      const res = await t.request("POST", instancePath("echo", t.unique()), {
        body: '{"message": ',
        headers: { "content-type": "application/json" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 400, "invalid_json", "malformed JSON");
    },
  },
  {
    id: "AGENT-ERR-002",
    level: "MUST",
    section: `${S4}; Agents.AgentError.details`,
    statement: "a missing message is 400 validation_failed with details.param message",
    async run(t: TestContext) {
      expectError(
        t,
        await prompt(t, "echo", t.unique(), { session: "s" }),
        400,
        "validation_failed",
        "no message",
        "message",
      );
    },
  },
  {
    id: "AGENT-ERR-003",
    level: "MUST",
    section: "Agents.AgentPromptRequest",
    statement: "a wrongly typed message is 400 validation_failed naming message",
    async run(t: TestContext) {
      expectError(
        t,
        await prompt(t, "echo", t.unique(), { message: 42 }),
        400,
        "validation_failed",
        "message: 42",
        "message",
      );
    },
  },
  {
    id: "AGENT-ERR-004",
    level: "MUST",
    section: "Agents.AgentPromptRequest",
    statement: "an unknown field is 400 validation_failed naming it",
    async run(t: TestContext) {
      const res = await prompt(t, "echo", t.unique(), { message: "x", temperature: 1 });
      expectError(t, res, 400, "validation_failed", "unknown field", "temperature");
    },
  },
  {
    id: "AGENT-ERR-005",
    level: "MUST",
    section: `${S4}; Agents.AgentErrorType.agent_not_found`,
    statement: "a prompt to an unknown agent is 404 agent_not_found",
    async run(t: TestContext) {
      expectError(
        t,
        await prompt(t, t.unique("no-such-agent"), "x", { message: "x" }),
        404,
        "agent_not_found",
        "unknown agent",
      );
    },
  },
  {
    id: "AGENT-ERR-006",
    level: "MUST",
    section: "Agents.AgentErrorType.route_not_found",
    statement: "a path under /agents that matches no route is 404 route_not_found",
    async run(t: TestContext) {
      for (const path of ["/agents/echo", `${instancePath("echo", t.unique())}/nowhere/else`]) {
        const res = await t.request("POST", path, { json: { message: "x" }, errorSchema: ERROR_SCHEMA });
        expectError(t, res, 404, "route_not_found", `POST ${path}`);
      }
    },
  },
  {
    id: "AGENT-ERR-007",
    level: "MUST",
    section: "Agents.AgentErrorType.method_not_allowed",
    statement: "a known route with a wrong method is 405 method_not_allowed with an Allow header",
    async run(t: TestContext) {
      const res = await t.request("DELETE", instancePath("echo", t.unique()), { errorSchema: ERROR_SCHEMA });
      expectError(t, res, 405, "method_not_allowed", "DELETE on the instance route");
      t.check(/\bPOST\b/i.test(res.headers.allow ?? ""), `Allow header ${show(res.headers.allow)} does not list POST`);
    },
  },
  {
    id: "AGENT-ERR-008",
    level: "MUST",
    section: "Agents.AgentErrorType.unsupported_media_type",
    statement: "a body that is not application/json is 415 unsupported_media_type",
    async run(t: TestContext) {
      const res = await t.request("POST", instancePath("echo", t.unique()), {
        body: "message=hello",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 415, "unsupported_media_type", "form body");
    },
  },
  {
    id: "AGENT-ERR-009",
    level: "MUST",
    section: "Agents.AgentPayloadTooLargeResponse",
    statement: "a body over the size limit is 413 payload_too_large, and the server keeps serving",
    async run(t: TestContext) {
      const id = t.unique();
      const res = await t.request("POST", instancePath("echo", id), {
        body: JSON.stringify({ message: "x".repeat(OVERSIZE_BYTES) }),
        headers: { "content-type": "application/json" },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 413, "payload_too_large", "oversize body");
      await promptOk(t, "echo", id, { message: "still here" });
    },
  },
  {
    id: "AGENT-ERR-010",
    level: "MUST",
    section: `${CONNECT}; Agents.AgentUpgradeRequiredResponse`,
    statement: "a plain GET on the instance route is 426 upgrade_required with Upgrade: websocket",
    async run(t: TestContext) {
      const res = await t.request("GET", instancePath("echo", t.unique()), { errorSchema: ERROR_SCHEMA });
      expectError(t, res, 426, "upgrade_required", "plain GET");
      t.check(/websocket/i.test(res.headers.upgrade ?? ""), `Upgrade header ${show(res.headers.upgrade)}`);
    },
  },
  {
    id: "AGENT-ERR-011",
    level: "MUST",
    section: "Agents.AgentSessionName",
    statement: "an empty or over-long session name is 400 validation_failed naming session",
    async run(t: TestContext) {
      for (const session of ["", "s".repeat(257)]) {
        const res = await prompt(t, "echo", t.unique(), { message: "x", session });
        expectError(t, res, 400, "validation_failed", `session of length ${session.length}`, "session");
      }
    },
  },

  {
    id: "AGENT-ERR-012",
    level: "MUST",
    section: "Agents (path parameters); Agents.AgentSessionName",
    statement:
      "path parameters are validated on every route: an over-long session in the path is 400 validation_failed naming session",
    async run(t: TestContext) {
      const id = t.unique();
      const long = "s".repeat(257);
      const res = await t.request("GET", sessionPath("echo", id, long), { errorSchema: ERROR_SCHEMA });
      expectError(t, res, 400, "validation_failed", "history of a 257-character session", "session");
      const abort = await t.request("POST", `${sessionPath("echo", id, long)}/abort`, { errorSchema: ERROR_SCHEMA });
      expectError(t, abort, 400, "validation_failed", "abort of a 257-character session", "session");
    },
  },

  // ── WebSocket ─────────────────────────────────────────────────────────────────────────────
  {
    id: "AGENT-WS-001",
    level: "MUST",
    section: `${S4}; ${CONNECT}; Agents.AgentReadyFrame`,
    statement: "the upgrade succeeds and the first frame is ready {version: 1, target: agent, name, instanceId}",
    async run(t: TestContext) {
      const id = t.unique();
      const ws = await t.websocket(instancePath("echo", id), {
        frameSchema: "AgentServerFrame",
        errorSchema: ERROR_SCHEMA,
        protocols: SWITCHBOARD_FRAMING,
      });
      if (isRefusal(ws)) t.fail(`upgrade refused: ${ws.status} ${show(ws.text.slice(0, 200))}`);
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
    section: "Agents.AgentAbortFrame",
    statement: "an abort frame stops the running prompt, which ends with error {requestId, type aborted}",
    async run(t: TestContext) {
      const id = t.unique();
      const ws = await openSocket(t, "slow", id);
      t.defer(() => abortSession(t, "slow", id, "s"));
      ws.send({ type: "prompt", requestId: "long", message: "go", session: "s" });
      await ws.until((f) => f.type === "event" && f.requestId === "long", 5_000, "a first event");
      ws.send({ type: "abort", requestId: "long" });
      const { frame } = await ws.until(
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
    section: CONNECT,
    statement: "an upgrade for an unknown agent is refused with 404 agent_not_found before the handshake",
    async run(t: TestContext) {
      const ws = await t.websocket(instancePath(t.unique("no-such-agent"), "x"), {
        frameSchema: "AgentServerFrame",
        errorSchema: ERROR_SCHEMA,
      });
      if (!isRefusal(ws)) t.fail("the upgrade for an unknown agent succeeded");
      expectError(t, ws, 404, "agent_not_found", "upgrade for an unknown agent");
    },
  },
  {
    id: "AGENT-WS-013",
    level: "MUST",
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
      await ws.until(
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

  // ── Authentication (only with --token) ────────────────────────────────────────────────────
  {
    id: "AGENT-AUTH-001",
    level: "MUST",
    needsToken: true,
    section: "Agents (service doc); Agents.AgentUnauthorizedResponse",
    statement:
      "with an API key configured, prompt, history, abort and dispatch without Authorization are 401 unauthorized",
    async run(t: TestContext) {
      const id = t.unique();
      const calls: Array<[string, string, unknown]> = [
        ["POST", instancePath("echo", id), { message: "x" }],
        ["GET", `${instancePath("echo", id)}/sessions/default`, undefined],
        ["POST", `${instancePath("echo", id)}/sessions/default/abort`, undefined],
        ["POST", `${instancePath("echo", id)}/dispatch`, { input: 1 }],
      ];
      for (const [method, path, json] of calls) {
        const res = await t.request(method, path, { anonymous: true, json, errorSchema: ERROR_SCHEMA });
        expectError(t, res, 401, "unauthorized", `${method} ${path} without Authorization`);
      }
    },
  },
  {
    id: "AGENT-AUTH-002",
    level: "MUST",
    needsToken: true,
    section: "Agents.AgentUnauthorizedResponse",
    statement: "a wrong bearer token is 401 unauthorized",
    async run(t: TestContext) {
      const res = await t.request("POST", instancePath("echo", t.unique()), {
        json: { message: "x" },
        headers: { authorization: `Bearer ${t.target.token}-wrong` },
        errorSchema: ERROR_SCHEMA,
      });
      expectError(t, res, 401, "unauthorized", "wrong token");
    },
  },
  {
    id: "AGENT-AUTH-003",
    level: "MUST",
    needsToken: true,
    section: CONNECT,
    statement: "a WebSocket upgrade without Authorization is refused with 401 before the handshake",
    async run(t: TestContext) {
      const ws = await t.websocket(instancePath("echo", t.unique()), {
        anonymous: true,
        frameSchema: "AgentServerFrame",
        errorSchema: ERROR_SCHEMA,
      });
      if (!isRefusal(ws)) t.fail("the upgrade without credentials succeeded");
      expectError(t, ws, 401, "unauthorized", "upgrade without Authorization");
    },
  },
]);
