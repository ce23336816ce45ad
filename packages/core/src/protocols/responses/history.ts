import type { CreateResponse, ResponseObject } from "@switchboard/protocol/responses";
import type { Model, ModelMessage } from "../../runtime/model/types.js";
import type { ConversationStore } from "../../store/conversations.js";
import type { ResponseStore } from "../../store/responses.js";
import type { StoredResponses } from "./background.js";
import { notFound, ResponsesApiError } from "./errors.js";
import { type HistoryItem, referencedIds, toInputItems, toModelMessages } from "./input.js";
import { FINAL_STATUSES } from "./translate.js";

// What a response sees before its input: the chain of `previous_response_id`, or its
// conversation's items; the stored items its `item_reference`s name; trimmed to the agent's
// context budget under `truncation: "auto"`.

const NUL = "\u0000";

/** Guards against a cycle of `previous_response_id`s written into the store by hand. */
const MAX_CHAIN = 10_000;

export interface HistorySources {
  store: ResponseStore;
  stored: StoredResponses;
  conversations: ConversationStore;
}

/** The part of a create (or token count, or compaction) that decides its history. */
export interface HistoryRequest {
  input?: CreateResponse["input"] | null;
  previous_response_id?: string | null;
  conversation?: CreateResponse["conversation"];
}

export interface History {
  /** The items before the input. */
  earlier: HistoryItem[];
  /** The request field the earlier items came from, for errors about them. */
  earlierParam: string;
  /** The input as stored items (references resolved). */
  inputItems: ReturnType<typeof toInputItems>;
  /** The conversation the request belongs to. */
  conversationId: string | null;
  messages: ModelMessage[];
}

export const conversationIdOf = (conversation: HistoryRequest["conversation"]): string | null =>
  conversation == null ? null : typeof conversation === "string" ? conversation : conversation.id;

/**
 * `remembered`: the history a WebSocket-mode socket kept of `previous_response_id` (its chain,
 * input and output), used instead of reading the chain from the store.
 */
export async function loadHistory(
  sources: HistorySources,
  request: HistoryRequest,
  remembered?: readonly HistoryItem[],
): Promise<History> {
  const conversationId = conversationIdOf(request.conversation);
  if (conversationId !== null && request.previous_response_id != null) {
    throw new ResponsesApiError(
      400,
      "invalid_value",
      "previous_response_id cannot be combined with conversation: a conversation already carries the history.",
      "previous_response_id",
    );
  }
  let earlier: HistoryItem[] = [];
  let earlierParam = "previous_response_id";
  // Ids are the server's and never hold NUL, which a database could not even look up.
  if (conversationId?.includes(NUL)) throw notFound("conversation", conversationId, "conversation");
  if (request.previous_response_id?.includes(NUL)) {
    throw notFound("response", request.previous_response_id, "previous_response_id");
  }
  if (conversationId !== null) {
    const items = await sources.conversations.getItems(conversationId);
    if (!items) throw notFound("conversation", conversationId, "conversation");
    earlier = items;
    earlierParam = "conversation";
  } else if (request.previous_response_id != null) {
    earlier = remembered ? [...remembered] : await chain(sources, request.previous_response_id);
  }
  const ids = referencedIds(request.input);
  const resolved = ids.length === 0 ? undefined : await resolveReferences(sources, ids, earlier);
  const inputItems = toInputItems(request.input, resolved);
  const messages = toModelMessages(
    earlier.length === 0 ? inputItems : [...earlier, ...inputItems],
    earlier.length,
    earlierParam,
  );
  return { earlier, earlierParam, inputItems, conversationId, messages };
}

/** The items of a stored chain, oldest first: each response's input then its output. */
async function chain(sources: HistorySources, lastId: string): Promise<HistoryItem[]> {
  const responses: ResponseObject[] = [];
  let id: string | null = lastId;
  while (id !== null && responses.length < MAX_CHAIN) {
    const response: ResponseObject | undefined = await sources.stored.fresh(id);
    if (!response) {
      // A deleted response in the middle of a chain ends the history there.
      if (responses.length === 0) throw notFound("response", id, "previous_response_id");
      break;
    }
    if (responses.length === 0 && !FINAL_STATUSES.has(response.status)) {
      throw new ResponsesApiError(
        409,
        "response_in_progress",
        `Response '${id}' is still ${response.status}; continue from it once it has finished.`,
        "previous_response_id",
      );
    }
    responses.unshift(response);
    id = response.previous_response_id;
  }
  const items: HistoryItem[] = [];
  for (const response of responses) {
    items.push(...(await sources.store.getInputItems(response.id)), ...response.output);
  }
  return items;
}

/** The stored items the input's `item_reference`s name: from the history first, then any stored response or conversation. */
async function resolveReferences(
  sources: HistorySources,
  ids: readonly string[],
  earlier: readonly HistoryItem[],
): Promise<Map<string, HistoryItem>> {
  const resolved = new Map<string, HistoryItem>();
  for (const id of ids) {
    if (resolved.has(id) || id.includes(NUL)) continue;
    const item =
      earlier.find((candidate) => candidate.id === id) ??
      (await sources.store.findItem?.(id)) ??
      (await sources.conversations.findItem(id));
    if (item) resolved.set(id, item);
  }
  return resolved;
}

/**
 * `truncation: "auto"`: drops the oldest turns until the history fits the model's context window
 * (minus the room its reply needs), keeping system and developer messages. A turn starts at a user
 * message, so a tool call is never separated from its result. A model without a known window, or a
 * history that fits, is left alone; a last turn that alone does not fit is sent as it is (the model
 * then reports the overflow).
 */
export async function truncateToContext(
  model: Model,
  messages: ModelMessage[],
  request: { instructions?: string; maxOutputTokens?: number },
): Promise<ModelMessage[]> {
  const window = model.contextWindow;
  if (window === undefined || !model.countTokens) return messages;
  const budget = window - (request.maxOutputTokens ?? 0);
  const count = (candidate: ModelMessage[]) =>
    Promise.resolve(
      model.countTokens!({
        messages: candidate,
        ...(request.instructions ? { instructions: request.instructions } : {}),
      }),
    );
  let kept = messages;
  while ((await count(kept)) > budget) {
    const start = kept.findIndex((message) => message.role !== "system" && message.role !== "developer");
    const next = kept.findIndex((message, index) => index > start && message.role === "user");
    if (start === -1 || next === -1) break;
    kept = [...kept.slice(0, next).filter(isInstruction), ...kept.slice(next)];
  }
  return kept;
}

const isInstruction = (message: ModelMessage) => message.role === "system" || message.role === "developer";
