import type {
  AgentDispatchReceipt,
  AgentEvent,
  AgentPromptResponse,
  AgentSessionHistory,
} from "@switchboard/protocol/agents";
import { show, type TestContext } from "../../context.js";
import type { HttpResponse, SseFrame, SseResponse } from "../../http.js";
import { isRefusal, type WsClient } from "../../ws.js";
import { isObject } from "../define.js";

export const ERROR_SCHEMA = "AgentErrorResponse";

export const instancePath = (name: string, id: string) =>
  `/agents/${encodeURIComponent(name)}/${encodeURIComponent(id)}`;
export const sessionPath = (name: string, id: string, session: string) =>
  `${instancePath(name, id)}/sessions/${encodeURIComponent(session)}`;

export function prompt(t: TestContext, name: string, id: string, body: unknown, headers?: Record<string, string>) {
  return t.request("POST", instancePath(name, id), {
    json: body,
    headers,
    okSchema: "AgentPromptResponse",
    errorSchema: ERROR_SCHEMA,
  });
}

export function expectStatus(t: TestContext, res: HttpResponse, status: number, what: string): void {
  if (res.status !== status)
    t.fail(`${what}: expected status ${status}, got ${res.status} ${show(res.text.slice(0, 300))}`);
}

export async function promptOk(t: TestContext, name: string, id: string, body: Record<string, unknown>) {
  const res = await prompt(t, name, id, body);
  expectStatus(t, res, 200, `POST ${instancePath(name, id)}`);
  return (res.json as AgentPromptResponse).result;
}

/** Checks an error answer: status, envelope (schema recorded), `error.type`, optionally the field. */
export function expectError(
  t: TestContext,
  res: HttpResponse | { status: number; json?: unknown; text?: string },
  status: number,
  type: string,
  what: string,
  param?: string,
): Record<string, unknown> {
  if (res.status !== status)
    t.fail(`${what}: expected status ${status}, got ${res.status} ${show(res.text?.slice(0, 300))}`);
  const error = isObject(res.json) ? res.json.error : undefined;
  if (!isObject(error)) t.fail(`${what}: body has no "error" object: ${show(res.text?.slice(0, 200))}`);
  t.equal(error.type, type, `${what}: error.type`);
  if (param !== undefined)
    t.equal(isObject(error.details) ? error.details.param : undefined, param, `${what}: error.details.param`);
  return error;
}

export async function history(t: TestContext, name: string, id: string, session: string): Promise<AgentSessionHistory> {
  const res = await t.request("GET", sessionPath(name, id, session), {
    okSchema: "AgentSessionHistory",
    errorSchema: ERROR_SCHEMA,
  });
  expectStatus(t, res, 200, `GET ${sessionPath(name, id, session)}`);
  return res.json as AgentSessionHistory;
}

export function abortSession(t: TestContext, name: string, id: string, session: string) {
  return t.request("POST", `${sessionPath(name, id, session)}/abort`, {
    okSchema: "AgentAbortResult",
    errorSchema: ERROR_SCHEMA,
  });
}

export function dispatch(t: TestContext, name: string, id: string, body: unknown) {
  return t.request("POST", `${instancePath(name, id)}/dispatch`, {
    json: body,
    okSchema: "AgentDispatchReceipt",
    errorSchema: ERROR_SCHEMA,
  });
}

export async function dispatchOk(
  t: TestContext,
  name: string,
  id: string,
  body: unknown,
): Promise<AgentDispatchReceipt> {
  const res = await dispatch(t, name, id, body);
  t.check(res.status >= 200 && res.status < 300, `dispatch: ${res.status} ${show(res.text.slice(0, 200))}`);
  return res.json as AgentDispatchReceipt;
}

export interface AgentStreamFrame {
  frame: SseFrame;
  event: AgentEvent;
}

export async function startPromptStream(
  t: TestContext,
  name: string,
  id: string,
  body: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<SseResponse> {
  return t.stream("POST", instancePath(name, id), { json: body, headers, errorSchema: ERROR_SCHEMA });
}

/** Parses and validates one SSE frame of an agent stream. */
export function parseEvent(t: TestContext, frame: SseFrame, where: string): AgentEvent {
  let json: unknown;
  try {
    json = JSON.parse(frame.data ?? "");
  } catch {
    t.fail(`${where}: data is not JSON: ${show(frame.data)}`);
  }
  t.schema("AgentEvent", json, where);
  return json as AgentEvent;
}

export function requireStream(
  t: TestContext,
  res: SseResponse,
  what: string,
): asserts res is SseResponse & { events: NonNullable<SseResponse["events"]> } {
  if (!res.events) {
    t.fail(
      `${what}: expected 200 text/event-stream, got ${res.status} ${show(res.headers["content-type"])} ${show(res.text?.slice(0, 200))}`,
    );
  }
}

/** Reads a prompt's stream to its end. */
export async function readAgentStream(t: TestContext, res: SseResponse, what: string, timeoutMs = 10_000) {
  requireStream(t, res, what);
  const frames = await res.events.rest(timeoutMs);
  return frames.map((frame, i) => ({ frame, event: parseEvent(t, frame, `${what} frame #${i}`) }));
}

/** Reads frames of a running stream until `match`; returns every frame read. */
export async function readAgentUntil(
  t: TestContext,
  res: SseResponse,
  match: (e: AgentEvent) => boolean,
  what: string,
  timeoutMs = 5_000,
): Promise<AgentStreamFrame[]> {
  requireStream(t, res, what);
  const out: AgentStreamFrame[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await res.events.next(Math.max(1, deadline - Date.now()));
    if (!frame) t.fail(`stream ended before ${what}`);
    const event = parseEvent(t, frame, `stream frame #${out.length}`);
    out.push({ frame, event });
    if (match(event)) return out;
  }
}

export async function streamPrompt(t: TestContext, name: string, id: string, body: Record<string, unknown>) {
  const res = await startPromptStream(t, name, id, body);
  return readAgentStream(t, res, `POST ${instancePath(name, id)} (stream)`);
}

/**
 * Switchboard's richer socket framing (`ready`, `started`, `event`, `requestId`, abort) is opt-in
 * through this WebSocket subprotocol; without it the socket speaks pyflue's wire.
 */
export const SUBPROTOCOL = "switchboard.v1";

/** Opens an agent socket asking for `switchboard.v1` and reads its `ready` frame. */
export async function openSocket(t: TestContext, name: string, id: string): Promise<WsClient> {
  const ws = await t.websocket(instancePath(name, id), {
    frameSchema: "AgentServerFrame",
    errorSchema: ERROR_SCHEMA,
    protocols: [SUBPROTOCOL],
  });
  if (isRefusal(ws)) t.fail(`WebSocket upgrade refused: ${ws.status} ${show(ws.text.slice(0, 200))}`);
  const ready = await ws.nextJson(5_000, "the ready frame");
  t.equal(ready.type, "ready", "first frame type");
  return ws;
}

/** Opens an agent socket without a subprotocol: pyflue's wire (frames are not schema-checked). */
export async function openPlainSocket(t: TestContext, name: string, id: string): Promise<WsClient> {
  const ws = await t.websocket(instancePath(name, id), { frameSchema: "", errorSchema: ERROR_SCHEMA });
  if (isRefusal(ws)) t.fail(`WebSocket upgrade refused: ${ws.status} ${show(ws.text.slice(0, 200))}`);
  return ws;
}

const PROMPT_ANSWERS = new Set(["started", "event", "result", "error"]);

/**
 * Throws when `frame` answers a prompt under a requestId that none of the prompts sent on the socket
 * carries (when every one of them carried one): the frames awaited for those prompts can then never
 * come, and waiting out the timeout would only delay the same failure.
 */
export function expectCorrelated(ws: WsClient, frame: Record<string, unknown>, what: string): void {
  if (!PROMPT_ANSWERS.has(frame.type as string) || typeof frame.requestId !== "string") return;
  // A frame sent as text (raw, oversized, broken) may be a prompt of any id: nothing to go by then.
  if (ws.sent.some((sent) => typeof sent === "string")) return;
  const prompts = (ws.sent as Record<string, unknown>[]).filter((sent) => sent.type === "prompt");
  if (prompts.some((prompt) => typeof prompt.requestId !== "string")) return;
  if (prompts.some((prompt) => prompt.requestId === frame.requestId)) return;
  throw new Error(
    `a ${frame.type} frame for requestId ${show(frame.requestId)}, which none of the prompts sent on this socket carries ` +
      `(${prompts.map((prompt) => show(prompt.requestId)).join(", ")}), while waiting for ${what}`,
  );
}

/** `ws.until` for the answers to prompts: fails at once on an answer to no prompt of the socket (`expectCorrelated`). */
export function untilAnswer(
  ws: WsClient,
  match: (frame: Record<string, unknown>) => boolean,
  timeoutMs: number,
  what: string,
): ReturnType<WsClient["until"]> {
  return ws.until(
    (frame) => {
      expectCorrelated(ws, frame, what);
      return match(frame);
    },
    timeoutMs,
    what,
  );
}

/** Reads socket frames of one request until its `result` or `error`. */
export async function untilOutcome(ws: WsClient, requestId: string, timeoutMs = 5_000) {
  const frames: Record<string, unknown>[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await ws.nextJson(Math.max(1, deadline - Date.now()), `the outcome of ${requestId}`);
    expectCorrelated(ws, frame, `the outcome of ${requestId}`);
    if (frame.requestId !== requestId) continue;
    frames.push(frame);
    if (frame.type === "result" || frame.type === "error") return frames;
  }
}

/** Runs `slow` in a session until its first text arrives; cleanup aborts the session. */
export async function occupySession(t: TestContext, id: string, session: string) {
  const res = await startPromptStream(t, "slow", id, { message: "go", session });
  t.defer(() => abortSession(t, "slow", id, session));
  await readAgentUntil(t, res, (e) => e.type === "text_delta", "the slow fixture's first delta");
  return res;
}
