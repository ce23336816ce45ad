import type { ChatMessage, CreateChatCompletion } from "@switchboard/protocol/responses";
import { ResponsesApiError } from "./errors.js";

// Chat Completions in, a Responses create body out: the agent then runs exactly as for
// `POST /v1/responses`, under the same parameter policy, and a refusal of the mapped body is
// reported under the Chat Completions name of the field at fault.

/** The mapped body, and what only the Chat Completions layer honours. */
export interface ChatRun {
  /** A `CreateResponse`, still to be validated by its own schema and policy. */
  body: Record<string, unknown>;
  /** Stop sequences: the text ends before the first one the agent writes. */
  stop: string[];
  stream: boolean;
  includeUsage: boolean;
  /** For `chatParam`: the message each input item came from. */
  origin: number[];
}

const MAX_STOP = 4;

/**
 * Parameters no served agent can honour with a value other than their default: refused with 400
 * naming them (defaults and `null` are accepted, as OpenAI's SDKs and LangChain send them).
 */
function refuseUnhonourable(chat: CreateChatCompletion): void {
  const refuse = (param: string, why: string) => {
    throw new ResponsesApiError(400, "unsupported_value", `${param}: ${why}`, param);
  };
  if (chat.n != null && chat.n !== 1) refuse("n", "only one choice (n: 1) is served.");
  if (chat.logprobs) refuse("logprobs", "agents do not expose log-probabilities.");
  if (chat.logit_bias && Object.keys(chat.logit_bias).length) refuse("logit_bias", "agents take no token biases.");
  if (chat.modalities?.some((m) => m !== "text")) refuse("modalities", "agents answer in text only.");
  if (chat.audio != null) refuse("audio", "agents answer in text only.");
  if (chat.prediction != null) refuse("prediction", "predicted outputs are not supported.");
  if (chat.web_search_options !== undefined) refuse("web_search_options", "web search is not a served tool.");
  if (chat.functions !== undefined) refuse("functions", "the deprecated functions are not served; use tools.");
  if (chat.function_call !== undefined)
    refuse("function_call", "the deprecated function_call is not served; use tool_choice.");
  if (chat.stream_options != null && chat.stream !== true) {
    throw new ResponsesApiError(
      400,
      "invalid_value",
      "stream_options is only allowed with stream: true.",
      "stream_options",
    );
  }
  const stop = chat.stop;
  if (Array.isArray(stop) && stop.length > MAX_STOP) refuse("stop", `at most ${MAX_STOP} stop sequences.`);
}

const text = (content: string | { type: string; text?: string; refusal?: string }[] | null | undefined) =>
  typeof content === "string" ? content : (content ?? []).map((part) => part.text ?? part.refusal ?? "").join("");

function userContent(message: Extract<ChatMessage, { role: "user" }>, index: number) {
  if (typeof message.content === "string") return message.content;
  return message.content.map((part, j) => {
    if (part.type === "text") return { type: "input_text", text: part.text };
    if (part.type === "image_url") {
      return { type: "input_image", image_url: part.image_url.url, detail: part.image_url.detail ?? "auto" };
    }
    throw new ResponsesApiError(
      400,
      "unsupported_value",
      `messages[${index}].content[${j}].type '${part.type}' is not supported: send text or image_url parts.`,
      `messages[${index}].content[${j}].type`,
    );
  });
}

/** The conversation as Responses input items; `origin[k]` is the message of item `k`. */
function toInput(messages: readonly ChatMessage[]): { input: unknown[]; origin: number[] } {
  const input: unknown[] = [];
  const origin: number[] = [];
  const push = (item: unknown, index: number) => {
    input.push(item);
    origin.push(index);
  };
  messages.forEach((message, index) => {
    switch (message.role) {
      case "system":
      case "developer":
        push({ type: "message", role: message.role, content: text(message.content) }, index);
        break;
      case "user":
        push({ type: "message", role: "user", content: userContent(message, index) }, index);
        break;
      case "assistant": {
        const said = text(message.content) || (message.refusal ?? "");
        if (said !== "") push({ type: "message", role: "assistant", content: said }, index);
        for (const call of message.tool_calls ?? []) {
          push(
            { type: "function_call", call_id: call.id, name: call.function.name, arguments: call.function.arguments },
            index,
          );
        }
        break;
      }
      case "tool":
        push({ type: "function_call_output", call_id: message.tool_call_id, output: text(message.content) }, index);
        break;
    }
  });
  return { input, origin };
}

function textFormat(format: CreateChatCompletion["response_format"]): unknown {
  if (!format || format.type === "text") return undefined;
  if (format.type === "json_object") return { type: "json_object" };
  const { name, description, schema, strict } = format.json_schema;
  return {
    type: "json_schema",
    name,
    ...(description === undefined ? {} : { description }),
    ...(schema === undefined ? {} : { schema }),
    ...(strict == null ? {} : { strict }),
  };
}

/** Maps a validated Chat Completions body; throws `ResponsesApiError` for what no agent honours. */
export function toChatRun(chat: CreateChatCompletion): ChatRun {
  refuseUnhonourable(chat);
  const { input, origin } = toInput(chat.messages);
  const body: Record<string, unknown> = { model: chat.model, input, store: chat.store === true };
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) body[key] = value;
  };
  set(
    "tools",
    chat.tools?.map(({ function: f }) => ({
      type: "function",
      name: f.name,
      ...(f.description === undefined ? {} : { description: f.description }),
      parameters: f.parameters ?? { type: "object", properties: {} },
      ...(f.strict == null ? {} : { strict: f.strict }),
    })),
  );
  const choice = chat.tool_choice;
  set("tool_choice", typeof choice === "object" ? { type: "function", name: choice.function.name } : choice);
  set("parallel_tool_calls", chat.parallel_tool_calls);
  set("max_output_tokens", chat.max_completion_tokens ?? chat.max_tokens);
  set("temperature", chat.temperature);
  // Passed on to the same policy as POST /v1/responses: honoured by providers that take them.
  set("frequency_penalty", chat.frequency_penalty);
  set("presence_penalty", chat.presence_penalty);
  set("top_logprobs", chat.top_logprobs);
  set("top_p", chat.top_p);
  set("metadata", chat.metadata);
  set("user", chat.user);
  set("service_tier", chat.service_tier);
  set("prompt_cache_key", chat.prompt_cache_key);
  set("prompt_cache_retention", chat.prompt_cache_retention);
  set("safety_identifier", chat.safety_identifier);
  if (chat.reasoning_effort != null) body.reasoning = { effort: chat.reasoning_effort };
  const format = textFormat(chat.response_format);
  if (format !== undefined || chat.verbosity != null) {
    body.text = {
      ...(format === undefined ? {} : { format }),
      ...(chat.verbosity == null ? {} : { verbosity: chat.verbosity }),
    };
  }
  const stop = chat.stop == null ? [] : typeof chat.stop === "string" ? [chat.stop] : chat.stop;
  return {
    body,
    stop: stop.filter((s) => s !== ""),
    stream: chat.stream === true,
    includeUsage: chat.stream_options?.include_usage === true,
    origin,
  };
}

/** The Chat Completions name of a field of the mapped Responses body (for `param`). */
export function chatParam(param: string, origin: readonly number[]): string {
  const item = /^input\[(\d+)\](.*)$/.exec(param);
  if (item) {
    const message = origin[Number(item[1])];
    return message === undefined
      ? "messages"
      : `messages[${message}]${item[2]!.replace(/^\.call_id$/, ".tool_call_id")}`;
  }
  const renames: [RegExp, string][] = [
    [/^input$/, "messages"],
    [/^tools\[(\d+)\]\.(name|description|parameters|strict)/, "tools[$1].function.$2"],
    [/^tool_choice\.name/, "tool_choice.function.name"],
    [/^max_output_tokens/, "max_completion_tokens"],
    [/^reasoning(\.effort)?/, "reasoning_effort"],
    [/^text\.verbosity/, "verbosity"],
    [/^text(\.format)?\.schema/, "response_format.json_schema.schema"],
    [/^text(\.format)?\.(name|strict|description)/, "response_format.json_schema.$2"],
    [/^text(\.format)?/, "response_format"],
  ];
  for (const [pattern, replacement] of renames) if (pattern.test(param)) return param.replace(pattern, replacement);
  return param;
}
