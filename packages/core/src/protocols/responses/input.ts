import type {
  CreateResponse,
  InputContent,
  InputItem,
  ItemResource,
  OutputItem,
} from "@switchboard/protocol/responses";
import type { ModelContentPart, ModelMessage, ModelReasoning, ModelToolCall } from "../../runtime/model/types.js";
import { ResponsesApiError } from "./errors.js";
import { newId } from "./ids.js";

/** An item of a conversation as the protocol stores it: an input item or an output item. */
export type HistoryItem = ItemResource | OutputItem;

type Input = Exclude<CreateResponse["input"], undefined | string>;

/** The ids of the `item_reference`s in an input, to be looked up before `toInputItems`. */
export function referencedIds(input: CreateResponse["input"] | null): string[] {
  if (!Array.isArray(input)) return [];
  return input.flatMap((item) => (isReference(item) ? [item.id] : []));
}

const isReference = (item: InputItem): item is Extract<InputItem, { id: string; type?: "item_reference" | null }> =>
  "id" in item &&
  !("role" in item) &&
  (item.type === undefined || item.type === null || item.type === "item_reference");

/**
 * The request's `input` as stored items, each with a server-assigned id. `item_reference`s are
 * replaced by the stored items in `resolved` (an unknown id is a 400 naming it); `param` is the
 * request field the input came in (`input`, or `items` for conversation items).
 */
const NO_REFERENCES: ReadonlyMap<string, HistoryItem> = new Map();

export function toInputItems(
  input: CreateResponse["input"] | null,
  resolved: ReadonlyMap<string, HistoryItem> = NO_REFERENCES,
  param = "input",
): ItemResource[] {
  if (input === undefined || input === null) return [];
  if (typeof input === "string") {
    return [
      { type: "message", id: newId("msg"), role: "user", status: "completed", content: [textPart("user", input)] },
    ];
  }
  return (input as Input).map((item, i) => toItemResource(item, resolved, `${param}[${i}]`));
}

function toItemResource(item: InputItem, resolved: ReadonlyMap<string, HistoryItem>, at: string): ItemResource {
  if (isReference(item)) {
    const target = resolved.get(item.id);
    if (!target) {
      throw new ResponsesApiError(400, "invalid_value", `${at}.id: no stored item '${item.id}'.`, `${at}.id`);
    }
    return structuredClone(target) as ItemResource;
  }
  // Client-given ids are stored and looked up by databases, which cannot hold NUL in text.
  if ("id" in item && typeof item.id === "string" && item.id.includes("\u0000")) {
    throw new ResponsesApiError(400, "invalid_value", `${at}.id must not contain NUL.`, `${at}.id`);
  }
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
    case "reasoning":
      return {
        type: "reasoning",
        id: item.id ?? newId("rs"),
        summary: item.summary,
        ...(item.content ? { content: item.content } : {}),
        ...(item.encrypted_content != null ? { encrypted_content: item.encrypted_content } : {}),
      };
    case "compaction":
      readCompaction(item.encrypted_content, `${at}.encrypted_content`);
      return { type: "compaction", id: item.id ?? newId("cmp"), encrypted_content: item.encrypted_content };
    default: {
      const message = item as Extract<InputItem, { role: string }>;
      const content =
        typeof message.content === "string"
          ? [textPart(message.role, message.content)]
          : message.content.map((part, j) => checkedPart(part, `${at}.content[${j}]`));
      return {
        type: "message",
        id: newId("msg"),
        role: message.role,
        status: message.status ?? "completed",
        content,
        ...(message.phase != null ? { phase: message.phase } : {}),
      };
    }
  }
}

/** An image or file part as stored: what it needs is there, `file_id` (OpenAI's Files API) is refused. */
function checkedPart(part: InputContent, at: string): InputContent {
  if (part.type !== "input_image" && part.type !== "input_file") return part;
  if (part.file_id != null) {
    throw new ResponsesApiError(
      400,
      "unsupported_parameter",
      `${at}.file_id: uploaded files are not served here; send the content inline or by URL.`,
      `${at}.file_id`,
    );
  }
  if (part.type === "input_image") {
    if (part.image_url == null) {
      throw new ResponsesApiError(400, "missing_required_parameter", `${at}.image_url is required.`, `${at}.image_url`);
    }
    if (!/^(https?:|data:image\/)/i.test(part.image_url)) {
      throw new ResponsesApiError(
        400,
        "invalid_value",
        `${at}.image_url must be an http(s) URL or a data:image/… URL.`,
        `${at}.image_url`,
      );
    }
    return { type: "input_image", image_url: part.image_url, detail: part.detail ?? "auto" };
  }
  if (part.file_data == null && part.file_url == null) {
    throw new ResponsesApiError(
      400,
      "missing_required_parameter",
      `${at}: an input_file needs file_data or file_url.`,
      `${at}.file_data`,
    );
  }
  return {
    type: "input_file",
    ...(part.filename != null ? { filename: part.filename } : {}),
    ...(part.file_data != null ? { file_data: part.file_data } : {}),
    ...(part.file_url != null ? { file_url: part.file_url } : {}),
  };
}

function textPart(role: string, text: string): InputContent {
  return role === "assistant" ? { type: "output_text", text, annotations: [] } : { type: "input_text", text };
}

/** The text of a message: its text and refusal parts, one per line; images and files have none. */
function contentText(content: readonly InputContent[]): string {
  const texts: string[] = [];
  for (const part of content) {
    if (part.type === "refusal") texts.push(part.refusal);
    else if (part.type === "input_text" || part.type === "output_text") texts.push(part.text);
  }
  return texts.join("\n");
}

function modelParts(content: readonly InputContent[]): ModelContentPart[] | undefined {
  if (!content.some((part) => part.type === "input_image" || part.type === "input_file")) return undefined;
  return content.map((part): ModelContentPart => {
    switch (part.type) {
      case "input_text":
      case "output_text":
        return { type: "text", text: part.text };
      case "refusal":
        return { type: "text", text: part.refusal };
      case "input_image":
        return { type: "image", url: part.image_url ?? "", ...(part.detail != null ? { detail: part.detail } : {}) };
      default:
        return {
          type: "file",
          ...(part.file_data != null ? { data: part.file_data } : {}),
          ...(part.file_url != null ? { url: part.file_url } : {}),
          ...(part.filename != null ? { filename: part.filename } : {}),
        };
    }
  });
}

const COMPACTION_PREFIX = "sbc1.";

/** The opaque `encrypted_content` of a compaction item holding `summary` (not encrypted: encoded). */
export function compactionContent(summary: string): string {
  return COMPACTION_PREFIX + Buffer.from(JSON.stringify({ summary }), "utf8").toString("base64url");
}

/** The summary inside a compaction item; a 400 naming `param` when it was not made here. */
export function readCompaction(content: string, param: string): string {
  if (content.startsWith(COMPACTION_PREFIX)) {
    try {
      const value = JSON.parse(Buffer.from(content.slice(COMPACTION_PREFIX.length), "base64url").toString("utf8"));
      if (typeof value?.summary === "string") return value.summary;
    } catch {
      // Reported below.
    }
  }
  throw new ResponsesApiError(
    400,
    "invalid_value",
    `${param}: not a compaction made by this server (POST /v1/responses/compact).`,
    param,
  );
}

/**
 * Translates a conversation into the model's neutral messages. Function calls join the assistant
 * message right before them (that is how models emit them); every call must be answered by a
 * `function_call_output` later in the history and every output must answer an earlier call,
 * otherwise no model accepts the history — so both are refused with 400 naming the input item.
 * Reasoning items ride on the assistant message after them; a compaction item becomes the summary
 * it carries. `offset` is the index of the request's first input item in `items` (earlier ones
 * come from `earlier`, the request field that brought them), so that `param` points into the request.
 */
export function toModelMessages(
  items: readonly HistoryItem[],
  offset: number,
  earlier = "previous_response_id",
): ModelMessage[] {
  const messages: ModelMessage[] = [];
  const calls = new Map<string, { name: string; index: number }>();
  let reasoning: ModelReasoning[] = [];
  const param = (index: number, field: string) => (index >= offset ? `input[${index - offset}].${field}` : earlier);
  const assistant = (content: string, extra: Partial<Extract<ModelMessage, { role: "assistant" }>> = {}) => {
    const message: ModelMessage = { role: "assistant", content, ...extra };
    if (reasoning.length > 0) message.reasoning = reasoning;
    reasoning = [];
    messages.push(message);
    return message;
  };
  items.forEach((item, index) => {
    switch (item.type) {
      case "message": {
        const text = contentText(item.content);
        if (item.role === "assistant") {
          const phase = "phase" in item ? item.phase : undefined;
          assistant(text, phase ? { phase } : {});
        } else if (item.role === "user") {
          const parts = modelParts(item.content);
          messages.push(parts ? { role: "user", content: text, parts } : { role: "user", content: text });
        } else messages.push({ role: item.role, content: text });
        break;
      }
      case "reasoning":
        reasoning.push({
          ...(item.id ? { id: item.id } : {}),
          summary: item.summary.map((part) => part.text),
          ...(item.content ? { content: item.content.map((part) => part.text) } : {}),
          ...(item.encrypted_content != null ? { encryptedContent: item.encrypted_content } : {}),
        });
        break;
      case "compaction":
        messages.push({
          role: "developer",
          content: `Summary of the earlier conversation:\n${readCompaction(item.encrypted_content, param(index, "encrypted_content"))}`,
        });
        break;
      case "function_call": {
        const call: ModelToolCall = { id: item.call_id, name: item.name, arguments: item.arguments };
        const last = messages[messages.length - 1];
        if (last?.role === "assistant" && reasoning.length === 0) last.toolCalls = [...(last.toolCalls ?? []), call];
        else assistant("", { toolCalls: [call] });
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
