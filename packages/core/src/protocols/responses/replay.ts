import type { ResponseObject, ResponseStreamEvent } from "@switchboard/protocol/responses";
import type { PendingEvent } from "./builder.js";

/**
 * The stream events of a finished response that was stored without its event log (stored, neither
 * streamed nor in the background: nobody saw its events while it ran), for a replay
 * (`GET /v1/responses/{id}?stream=true`). They are the events a stream of the same response would
 * have carried, in the order `ResponseBuilder` emits them, with the stored items' ids; the text of
 * a part and the arguments of a call come in one delta each, since no client ever saw how the
 * model chunked them.
 */
export function logOf(response: ResponseObject): ResponseStreamEvent[] {
  const start: ResponseObject = {
    ...response,
    status: "in_progress",
    output: [],
    completed_at: null,
    error: null,
    incomplete_details: null,
    usage: null,
  };
  const events: PendingEvent[] = [
    { type: "response.created", response: start },
    { type: "response.in_progress", response: start },
  ];
  response.output.forEach((item, index) => {
    if (item.type === "message") {
      events.push({
        type: "response.output_item.added",
        output_index: index,
        item: { ...item, status: "in_progress", content: [] },
      });
      item.content.forEach((part, contentIndex) => {
        const at = { item_id: item.id, output_index: index, content_index: contentIndex };
        if (part.type !== "output_text") {
          events.push({ type: "response.content_part.added", ...at, part });
          events.push({ type: "response.content_part.done", ...at, part });
          return;
        }
        events.push({
          type: "response.content_part.added",
          ...at,
          part: { type: "output_text", text: "", annotations: [], logprobs: [] },
        });
        if (part.text !== "") {
          events.push({ type: "response.output_text.delta", ...at, delta: part.text, logprobs: part.logprobs ?? [] });
        }
        events.push({ type: "response.output_text.done", ...at, text: part.text, logprobs: [] });
        events.push({ type: "response.content_part.done", ...at, part });
      });
    } else if (item.type === "function_call") {
      events.push({
        type: "response.output_item.added",
        output_index: index,
        item: { ...item, arguments: "", status: "in_progress" },
      });
      const at = { item_id: item.id, output_index: index };
      if (item.arguments !== "")
        events.push({ type: "response.function_call_arguments.delta", ...at, delta: item.arguments });
      events.push({ type: "response.function_call_arguments.done", ...at, name: item.name, arguments: item.arguments });
    } else {
      events.push({ type: "response.output_item.added", output_index: index, item });
    }
    events.push({ type: "response.output_item.done", output_index: index, item });
  });
  if (response.status === "completed") events.push({ type: "response.completed", response });
  else if (response.status === "incomplete") events.push({ type: "response.incomplete", response });
  else {
    // failed or cancelled; a failure is announced by the flat `error` event first.
    const { error } = response;
    if (response.status === "failed" && error)
      events.push({ type: "error", code: error.code, message: error.message, param: null });
    events.push({ type: "response.failed", response });
  }
  return events.map((event, sequence_number) => ({ ...event, sequence_number }) as ResponseStreamEvent);
}
