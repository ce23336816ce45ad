import { randomUUID } from "node:crypto";
import type { WorkflowInitiateResponse } from "@switchboard/protocol/workflows";
import { show, type TestContext } from "../../context.js";
import type { HttpResponse } from "../../http.js";
import { isRefusal, type WsClient } from "../../ws.js";
import { isObject } from "../define.js";

export const ERROR_SCHEMA = "WorkflowErrorEnvelope";

export type Frame = Record<string, unknown> & { type?: unknown; uuid?: unknown; content?: Record<string, unknown> };

export const path = (t: TestContext, suffix: string) => `${t.target.workflowPrefix}/${suffix}`;

export function expectStatus(t: TestContext, res: HttpResponse, status: number, what: string): void {
  if (res.status !== status)
    t.fail(`${what}: expected status ${status}, got ${res.status} ${show(res.text.slice(0, 300))}`);
}

export function expectError(
  t: TestContext,
  res: { status: number; json?: unknown; text?: string },
  status: number,
  type: string,
  what: string,
  param?: string,
): void {
  if (res.status !== status)
    t.fail(`${what}: expected status ${status}, got ${res.status} ${show(res.text?.slice(0, 300))}`);
  const error = isObject(res.json) ? res.json.error : undefined;
  if (!isObject(error)) t.fail(`${what}: body has no "error" object: ${show(res.text?.slice(0, 200))}`);
  t.equal(error.type, type, `${what}: error.type`);
  if (param !== undefined) t.equal(error.param, param, `${what}: error.param`);
}

export function initiate(t: TestContext, body: unknown) {
  return t.request("POST", path(t, "initiate_workflow"), {
    json: body,
    okSchema: "WorkflowInitiateResponse",
    errorSchema: ERROR_SCHEMA,
  });
}

/** A valid initiate_workflow body (as FastAgency's client sends it); requirements change one member. */
export const validInitiate = () => ({ workflow_name: "ask", workflow_uuid: randomUUID(), user_id: null, params: {} });

export async function initiateOk(t: TestContext, name: string, params: Record<string, unknown> = {}) {
  const res = await initiate(t, { workflow_name: name, workflow_uuid: randomUUID(), user_id: null, params });
  expectStatus(t, res, 200, `initiate_workflow ${name}`);
  return res.json as WorkflowInitiateResponse;
}

/** Opens the workflow socket; keep-alives are validated but never handed to the test. */
export async function openSocket(t: TestContext): Promise<WsClient> {
  const ws = await t.websocket(path(t, "ws"), {
    frameSchema: "WorkflowServerFrame",
    errorSchema: ERROR_SCHEMA,
    ignore: (f) => isObject(f.json) && f.json.type === "keep_alive",
  });
  if (isRefusal(ws)) t.fail(`WebSocket upgrade refused: ${ws.status} ${show(ws.text.slice(0, 200))}`);
  return ws;
}

export async function next(ws: WsClient, what: string, timeoutMs = 5_000): Promise<Frame> {
  return (await ws.nextJson(timeoutMs, what)) as Frame;
}

/** Reads the next frame and insists on its type. */
export async function expectFrame(t: TestContext, ws: WsClient, type: string, timeoutMs = 5_000): Promise<Frame> {
  const frame = await next(ws, type, timeoutMs);
  if (frame.type !== type) t.fail(`expected a ${type} frame, got ${show(frame)}`);
  return frame;
}

/** Reads the next frame and insists it is an `error` with the given `short` code. */
export async function expectErrorFrame(t: TestContext, ws: WsClient, short: string, what: string): Promise<Frame> {
  const frame = await next(ws, `an error frame (${what})`, 5_000);
  if (frame.type !== "error") t.fail(`${what}: expected an error frame, got ${show(frame)}`);
  t.equal(frame.content?.short, short, `${what}: content.short`);
  return frame;
}

export interface AskRun {
  ws: WsClient;
  uuid: string;
  frames: Frame[];
  started: Frame;
  hello: Frame;
  question: Frame;
}

/**
 * Starts the `ask` fixture and reads it up to its first question (workflow_started, text_message
 * "Hello", text_input).
 */
export async function startAsk(t: TestContext, init?: Record<string, unknown>): Promise<AskRun> {
  const frame = init ?? (await initiateOk(t, "ask"));
  const ws = await openSocket(t);
  ws.send(frame as Record<string, unknown>);
  const started = await expectFrame(t, ws, "workflow_started");
  const hello = await expectFrame(t, ws, "text_message");
  const question = await expectFrame(t, ws, "text_input");
  return { ws, uuid: String(frame.workflow_uuid), frames: [started, hello, question], started, hello, question };
}

/**
 * The same UUID in either spelling: FastAgency sends 32 hex digits, others the hyphenated form;
 * case does not matter.
 */
export const sameUuid = (a: unknown, b: unknown) =>
  typeof a === "string" &&
  typeof b === "string" &&
  a.replace(/-/g, "").toLowerCase() === b.replace(/-/g, "").toLowerCase();

/** A UUID in either spelling (hex or hyphenated). */
export const isUuid = (x: unknown) =>
  typeof x === "string" && /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(x);

/**
 * After an answer outside the choices: an `error` frame with `invalid_choice`, then the question is
 * asked again as a new `multiple_choice`, which is returned.
 */
export async function expectReask(t: TestContext, ws: WsClient, what: string): Promise<Frame> {
  await expectErrorFrame(t, ws, "invalid_choice", what);
  const again = await next(ws, `the question asked again after ${what}`);
  if (again.type !== "multiple_choice") t.fail(`${what}: expected the multiple_choice again, got ${show(again)}`);
  return again;
}

export const answer = (question: Frame, msg: string | string[]) => ({
  type: "input_response",
  question_uuid: question.uuid as string,
  msg,
});

/** A fresh run's UUID minted by the client (as FastAgency's clients do). */
export const clientUuid = () => randomUUID();

/** Waits for the close and returns its code, failing on frames other than the allowed ones. */
export async function closeCode(t: TestContext, ws: WsClient, what: string, timeoutMs = 5_000): Promise<number> {
  const closed = await ws.closed(timeoutMs, what);
  const extra = closed.frames.filter((f) => !(isObject(f.json) && f.json.type === "keep_alive"));
  if (extra.length) t.fail(`${what}: unexpected frames before the close: ${show(extra.map((f) => f.json ?? f.text))}`);
  return closed.code;
}
