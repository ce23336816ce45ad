import type { ResponseObject, ResponseStreamEvent } from "@switchboard/protocol/responses";
import { show, type TestContext } from "../../context.js";
import type { HttpResponse, SseFrame, SseResponse } from "../../http.js";
import { isObject } from "../define.js";

export const ERROR_SCHEMA = "ResponsesErrorEnvelope";

export const LOOKUP_TOOL = {
  type: "function",
  name: "lookup",
  description: "Looks something up.",
  parameters: { type: "object", properties: { input: { type: "string" } }, required: ["input"] },
  // OpenAI's FunctionTool requires `strict` (a boolean or null); a body the suite sends is valid.
  strict: false,
} as const;

export const SECOND_TOOL = {
  type: "function",
  name: "never_called",
  description: "The fixture only ever calls the first tool.",
  parameters: { type: "object", properties: {} },
  strict: false,
} as const;

export function call(t: TestContext, method: string, path: string, okSchema?: string, json?: unknown) {
  return t.request(method, path, { okSchema, errorSchema: ERROR_SCHEMA, json });
}

export function create(t: TestContext, body: Record<string, unknown>): Promise<HttpResponse> {
  return call(t, "POST", "/v1/responses", "ResponseObject", body);
}

/** Creates a response and insists on a 200 (the precondition of most checks). */
export async function createOk(t: TestContext, body: Record<string, unknown>): Promise<ResponseObject> {
  const res = await create(t, body);
  expectStatus(t, res, 200, `POST /v1/responses (${show(body).slice(0, 80)})`);
  return res.json as ResponseObject;
}

export function retrieve(t: TestContext, id: string): Promise<HttpResponse> {
  return call(t, "GET", `/v1/responses/${encodeURIComponent(id)}`, "ResponseObject");
}

export function expectStatus(t: TestContext, res: HttpResponse, status: number, what: string): void {
  if (res.status !== status)
    t.fail(`${what}: expected status ${status}, got ${res.status} ${show(res.text.slice(0, 300))}`);
}

/**
 * Checks an error answer: the status, OpenAI's envelope (the schema check is already recorded),
 * and optionally the offending `param` and the `code`.
 */
export function expectError(
  t: TestContext,
  res: HttpResponse,
  status: number,
  what: string,
  expected: { param?: string | ((param: string) => boolean); code?: string } = {},
): { type: string; message: string; param: string | null; code: string | null } {
  expectStatus(t, res, status, what);
  const error = isObject(res.json) ? res.json.error : undefined;
  if (!isObject(error)) t.fail(`${what}: body has no "error" object: ${show(res.text.slice(0, 200))}`);
  const param = error.param;
  if (typeof expected.param === "string") {
    t.equal(param, expected.param, `${what}: error.param`);
  } else if (expected.param) {
    t.check(
      typeof param === "string" && expected.param(param),
      `${what}: error.param ${show(param)} does not name the offending field`,
    );
  }
  if (expected.code !== undefined) t.equal(error.code, expected.code, `${what}: error.code`);
  return error as { type: string; message: string; param: string | null; code: string | null };
}

/** The text of every `output_text` part of every message of a response. */
export function outputText(response: Pick<ResponseObject, "output">): string {
  let text = "";
  for (const item of response.output ?? []) {
    if (item.type !== "message") continue;
    for (const part of item.content) if (part.type === "output_text") text += part.text;
  }
  return text;
}

export interface ParsedStream {
  frames: SseFrame[];
  /** JSON events before `[DONE]`. */
  events: ResponseStreamEvent[];
  /** Index in `frames` of the `[DONE]` frame, or -1. */
  doneAt: number;
}

/**
 * Reads an event stream to its end and validates every event against the schema. Non-JSON data
 * (other than `[DONE]`) is recorded as a violation.
 */
export async function readStream(
  t: TestContext,
  res: SseResponse,
  where: string,
  timeoutMs = 10_000,
): Promise<ParsedStream> {
  if (!res.events) {
    t.fail(
      `${where}: expected text/event-stream, got ${res.status} ${show(res.headers["content-type"])} ${show(res.text?.slice(0, 200))}`,
    );
  }
  const frames = await res.events.rest(timeoutMs);
  return parseFrames(t, frames, where);
}

export function parseFrames(t: TestContext, frames: SseFrame[], where: string): ParsedStream {
  const events: ResponseStreamEvent[] = [];
  let doneAt = -1;
  frames.forEach((frame, i) => {
    if (frame.data === "[DONE]") {
      if (doneAt === -1) doneAt = i;
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(frame.data ?? "");
    } catch {
      t.fail(`${where}: frame #${i} data is not JSON: ${show(frame.data)}`);
    }
    t.schema("ResponseStreamEvent", json, `${where} event #${i}`);
    events.push(json as ResponseStreamEvent);
  });
  return { frames, events, doneAt };
}

/** Starts a streamed create and checks it really is an event stream. */
export async function startStream(t: TestContext, body: Record<string, unknown>): Promise<SseResponse> {
  const res = await t.stream("POST", "/v1/responses", { json: { ...body, stream: true }, errorSchema: ERROR_SCHEMA });
  if (!res.events) {
    t.fail(
      `POST /v1/responses (stream): expected 200 text/event-stream, got ${res.status} ${show(res.headers["content-type"])} ${show(res.text?.slice(0, 200))}`,
    );
  }
  return res;
}

export async function streamCreate(
  t: TestContext,
  body: Record<string, unknown>,
): Promise<ParsedStream & { res: SseResponse }> {
  const res = await startStream(t, body);
  return { res, ...(await readStream(t, res, "POST /v1/responses (stream)")) };
}

/** Reads events of a running stream until `match`; returns every event read. */
export async function readUntil(
  t: TestContext,
  res: SseResponse,
  match: (event: ResponseStreamEvent) => boolean,
  what: string,
  timeoutMs = 5_000,
): Promise<ResponseStreamEvent[]> {
  const seen: ResponseStreamEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await res.events!.next(Math.max(1, deadline - Date.now()));
    if (!frame) t.fail(`stream ended before ${what}`);
    if (frame.data === "[DONE]") t.fail(`stream ended before ${what}`);
    const parsed = parseFrames(t, [frame], "stream").events[0]!;
    seen.push(parsed);
    if (match(parsed)) return seen;
  }
}

/** The response carried by the first lifecycle event (`response.created`). */
export function createdId(t: TestContext, events: ResponseStreamEvent[]): string {
  const first = events[0];
  if (!first || !("response" in first)) t.fail(`the first event is not response.created: ${show(first)}`);
  return first.response.id;
}

export const WORDS = "The quick brown fox jumps over the lazy dog";
