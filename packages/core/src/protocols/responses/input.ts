import type {
  CreateResponse,
  InputContent,
  InputItem,
  ItemResource,
  OutputItem,
} from "@switchboard/protocol/responses";
import type { ModelMessage, ModelToolCall } from "../../runtime/model/types.js";
import { ResponsesApiError } from "./errors.js";
import { newId } from "./ids.js";

/** An item of a conversation as the protocol stores it: an input item or an output item. */
export type HistoryItem = ItemResource | OutputItem;

/** The request's `input` as stored items, each with a server-assigned id. */
export function toInputItems(input: CreateResponse["input"]): ItemResource[] {
  if (input === undefined) return [];
  if (typeof input === "string") {
    return [
      { type: "message", id: newId("msg"), role: "user", status: "completed", content: [textPart("user", input)] },
    ];
  }
  return input.map(toItemResource);
}

function toItemResource(item: InputItem): ItemResource {
  switch (item.type) {
    case "function_call":
      return {
        type: "function_call",
        id: item.id ?? newId("fc"),
        call_id: item.call_id,
        name: item.name,
        arguments: item.arguments,
        status: item.status ?? "completed",
      };
    case "function_call_output":
      return {
        type: "function_call_output",
        id: newId("fco"),
        call_id: item.call_id,
        output: item.output,
        status: "completed",
      };
    default:
      return {
        type: "message",
        id: newId("msg"),
        role: item.role,
        status: item.status ?? "completed",
        content: typeof item.content === "string" ? [textPart(item.role, item.content)] : item.content,
      };
  }
}

function textPart(role: string, text: string): InputContent {
  return role === "assistant" ? { type: "output_text", text, annotations: [] } : { type: "input_text", text };
}

function contentText(content: readonly InputContent[]): string {
  return content.map((part) => (part.type === "refusal" ? part.refusal : part.text)).join("\n");
}

/**
 * Translates a conversation into the model's neutral messages. Function calls join the assistant
 * message right before them (that is how models emit them); every call must be answered by a
 * `function_call_output` later in the history and every output must answer an earlier call,
 * otherwise no model accepts the history — so both are refused with 400 naming the input item.
 * `offset` is the index of the request's first input item in `items` (earlier ones come from
 * `previous_response_id`), so that `param` points into the request.
 */
export function toModelMessages(items: readonly HistoryItem[], offset: number): ModelMessage[] {
  const messages: ModelMessage[] = [];
  const calls = new Map<string, { name: string; index: number }>();
  const param = (index: number, field: string) =>
    index >= offset ? `input[${index - offset}].${field}` : "previous_response_id";
  items.forEach((item, index) => {
    switch (item.type) {
      case "message": {
        const text = contentText(item.content);
        messages.push(
          item.role === "assistant" ? { role: "assistant", content: text } : { role: item.role, content: text },
        );
        break;
      }
      case "function_call": {
        const call: ModelToolCall = { id: item.call_id, name: item.name, arguments: item.arguments };
        const last = messages[messages.length - 1];
        if (last?.role === "assistant") last.toolCalls = [...(last.toolCalls ?? []), call];
        else messages.push({ role: "assistant", content: "", toolCalls: [call] });
        calls.set(item.call_id, { name: item.name, index });
        break;
      }
      case "function_call_output": {
        const call = calls.get(item.call_id);
        if (!call) {
          throw new ResponsesApiError(
            400,
            "invalid_value",
            `No function_call with call_id '${item.call_id}' comes before this function_call_output.`,
            param(index, "call_id"),
          );
        }
        calls.delete(item.call_id);
        messages.push({ role: "tool", toolCallId: item.call_id, name: call.name, content: item.output });
        break;
      }
    }
  });
  for (const [callId, call] of calls) {
    throw new ResponsesApiError(
      400,
      "invalid_value",
      `No function_call_output answers the function call with call_id '${callId}'; send one in input.`,
      call.index >= offset ? param(call.index, "call_id") : "input",
    );
  }
  return messages;
}
