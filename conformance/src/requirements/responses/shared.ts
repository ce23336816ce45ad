import type { ResponseItemList, ResponseObject, ResponseStreamEvent } from "@switchboard/protocol/responses";
import { show, type TestContext } from "../../context.js";
import { createOk, expectStatus, LOOKUP_TOOL, retrieve, SECOND_TOOL, streamCreate, WORDS } from "./client.js";

export const CREATE = "Responses.ResponsesOperations.create";
export const RETRIEVE = "Responses.ResponsesOperations.retrieve";
export const S3 = "DESIGN §3";

/** A text reply of the echo fixture, streamed. */
export const echoStream = (t: TestContext, input = WORDS) => streamCreate(t, { model: "echo", input });

export function byType<T extends ResponseStreamEvent["type"]>(events: ResponseStreamEvent[], type: T) {
  return events.filter((e): e is Extract<ResponseStreamEvent, { type: T }> => e.type === type);
}

export function terminal(events: ResponseStreamEvent[]): ResponseStreamEvent | undefined {
  return events.find(
    (e) => e.type === "response.completed" || e.type === "response.failed" || e.type === "response.incomplete",
  );
}

export function isSeconds(value: unknown): boolean {
  // Integer seconds since 1970, not milliseconds: before the year 5138.
  return Number.isInteger(value) && (value as number) > 1_000_000_000 && (value as number) < 1e11;
}

export function functionCalls(response: ResponseObject) {
  return response.output.filter((i) => i.type === "function_call");
}

export async function toolCallResponse(t: TestContext, input: string) {
  const response = await createOk(t, { model: "tools", input, tools: [LOOKUP_TOOL, SECOND_TOOL] });
  const calls = functionCalls(response);
  t.check(calls.length > 0, `the tools fixture made no function_call: output ${show(response.output)}`);
  return { response, call: calls[0]! };
}

/** Starts a background response of the slow fixture; the run's cleanup cancels it. */
export async function slowBackground(t: TestContext): Promise<ResponseObject> {
  const response = await createOk(t, { model: "slow", input: "go", background: true });
  t.defer(() => t.http.request("POST", `/v1/responses/${response.id}/cancel`));
  return response;
}

export async function pollUntil(t: TestContext, id: string, done: (r: ResponseObject) => boolean, what: string) {
  return t.eventually(what, async () => {
    const res = await retrieve(t, id);
    expectStatus(t, res, 200, `GET /v1/responses/${id}`);
    const response = res.json as ResponseObject;
    return done(response) ? response : undefined;
  });
}

export const itemsInput = [
  { role: "developer", content: "Be brief." },
  { role: "user", content: "first" },
  { role: "assistant", content: [{ type: "output_text", text: "answer", annotations: [] }] },
  { role: "user", content: [{ type: "input_text", text: "second" }] },
] as const;
export const itemTexts = ["Be brief.", "first", "answer", "second"] as const;

export function itemText(item: ResponseItemList["data"][number]): string {
  if (item.type === "message") return item.content.map((p) => ("text" in p ? p.text : "")).join("");
  if (item.type === "function_call_output") return item.output;
  return item.type === "function_call" ? item.arguments : "";
}
