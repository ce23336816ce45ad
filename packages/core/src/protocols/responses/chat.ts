import { type CreateResponse, validate } from "@switchboard/protocol/responses";
import { readJson } from "../../http/read-json.js";
import { framedStream, json, sse, sseFrame } from "../../http/response.js";
import type { CoreRequest, CoreResponse } from "../../http/types.js";
import { withHeartbeat } from "../../streaming/heartbeat.js";
import { type ChatPiece, chatChunks, chatCompletion } from "./chat-answer.js";
import { chatParam, toChatRun } from "./chat-request.js";
import { precheck } from "./checks.js";
import { ResponsesApiError, validationError } from "./errors.js";
import { abortWhenClosed, type TurnHost } from "./turn.js";

// POST /v1/chat/completions: the request becomes a Responses create body, the agent runs as for
// POST /v1/responses, and its events come back as a completion or `chat.completion.chunk`s.

const SSE_DONE = sseFrame({ data: "[DONE]" });

/** A refusal of the mapped body, renamed to the Chat Completions field the client sent. */
function renamed(error: ResponsesApiError, origin: readonly number[]): ResponsesApiError {
  if (error.param === null) return error;
  const param = chatParam(error.param, origin);
  if (param === error.param) return error;
  const message = error.message.startsWith(error.param)
    ? param + error.message.slice(error.param.length)
    : error.message;
  return new ResponsesApiError(error.status, error.code, message, param, error.headers);
}

export interface ChatLimits {
  maxBodyBytes: number;
  /** Interval of the SSE keep-alive comment of a streamed completion. */
  heartbeatMs: number;
}

export async function createChatCompletion(
  req: CoreRequest,
  host: TurnHost,
  limits: ChatLimits,
): Promise<CoreResponse> {
  const body = await readJson(req, limits.maxBodyBytes);
  if (!body.ok) throw new ResponsesApiError(400, body.reason, body.message);
  if (typeof body.value !== "object" || body.value === null || Array.isArray(body.value)) {
    throw new ResponsesApiError(400, "invalid_value", "The request body must be a JSON object.");
  }
  const checked = validate.CreateChatCompletion(body.value);
  if (!checked.ok) throw validationError(checked.issue);
  const chat = toChatRun(checked.value);

  let turn: Awaited<ReturnType<TurnHost["prepare"]>>;
  try {
    precheck(chat.body);
    const mapped = validate.CreateResponse(chat.body);
    if (!mapped.ok) throw validationError(mapped.issue);
    turn = await host.prepare(mapped.value as CreateResponse);
  } catch (error) {
    if (error instanceof ResponsesApiError) throw renamed(error, chat.origin);
    throw error;
  }
  abortWhenClosed(req, turn.controller, turn.finished);

  if (chat.stream) {
    const pieces = chatChunks(turn.events(), { stop: chat.stop, includeUsage: chat.includeUsage });
    return sse(withHeartbeat(framedStream(pieces, streamFrame, SSE_DONE), limits.heartbeatMs));
  }
  const answer = await chatCompletion(chatChunks(turn.events(), { stop: chat.stop, includeUsage: true }));
  if ("failed" in answer) throw new ResponsesApiError(500, answer.failed.code ?? "server_error", answer.failed.message);
  return json(200, answer.completion);
}

/** A chunk as a `data:` line; a failure as OpenAI streams one: `{"error": {…}}`. */
function streamFrame(piece: ChatPiece): string {
  if ("chunk" in piece) return sseFrame({ data: piece.chunk });
  const { code, message } = piece.failed;
  return sseFrame({ data: { error: { type: "server_error", code, message, param: null } } });
}
