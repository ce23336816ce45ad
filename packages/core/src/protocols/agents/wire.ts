import type { ValidationResult } from "@switchboard/protocol";
import { type AgentError, type AgentMessage, validate } from "@switchboard/protocol/agents";
import { readJson } from "../../http/read-json.js";
import type { CoreRequest } from "../../http/types.js";
import { OUTAGE_RETRY_AFTER_SECONDS } from "../../observability/outage.js";
import { abortReason } from "../../runtime/model/abort.js";
import type { ModelMessage } from "../../runtime/model/types.js";
import { isStoreFailure, isStoreUnavailable } from "../../store/errors.js";
import type { SessionKey } from "../../store/sessions.js";
import { AgentsProtocolError, validationError } from "./errors.js";

// Conversions between the instance-agent wire and what the core runs: request bodies, session
// keys, dispatch ids, errors and stored messages.

const DEFAULT_SESSION = "default";

/** The session addressed by the URL's `{name}/{id}` and a session name (`default` when absent). */
export function sessionKeyFor(params: Record<string, string>, session: string | undefined): SessionKey {
  const name = session ?? DEFAULT_SESSION;
  const checked = validate.AgentSessionName(name);
  if (!checked.ok) throw validationError({ ...checked.issue, param: "session", pointer: "/session" });
  return { agent: params.name!, id: params.id!, session: name };
}

/** The request's JSON body checked by `validator`; throws the protocol's 415/400 errors. */
export async function readBody<T>(
  req: CoreRequest,
  maxBodyBytes: number,
  validator: (data: unknown) => ValidationResult<T>,
): Promise<T> {
  const read = await readJson(req, maxBodyBytes);
  if (!read.ok) {
    throw read.reason === "unsupported_media_type"
      ? new AgentsProtocolError(415, "unsupported_media_type", read.message)
      : new AgentsProtocolError(400, "invalid_json", read.message);
  }
  const checked = validator(read.value);
  if (!checked.ok) throw validationError(checked.issue);
  return checked.value;
}

export function abortedByRequest(): DOMException {
  return new DOMException("aborted by request", "AbortError");
}

const CLIENT_GONE = "the client went away";

/** The abort of a prompt whose client left (and, streamed, did not come back within the grace). */
export function clientGone(): DOMException {
  return new DOMException(CLIENT_GONE, "AbortError");
}

export function isClientGone(reason: unknown): boolean {
  return reason instanceof DOMException && reason.message === CLIENT_GONE;
}

/** `Accept` lists `text/event-stream` (with a non-zero quality). */
export function acceptsEventStream(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(",").some((part) => {
    const [type, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (type !== "text/event-stream") return false;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * Dispatch ids chosen by callers are scoped to their agent instance in the queue, so that two
 * instances picking the same id never swallow each other's work.
 */
export function queueId(key: SessionKey, dispatchId: string): string {
  return `${encodeURIComponent(key.agent)}/${encodeURIComponent(key.id)}/${dispatchId}`;
}

export function wireId(queued: string): string {
  return queued.slice(queued.indexOf("/", queued.indexOf("/") + 1) + 1);
}

export function serialize(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * A failed prompt as the wire tells it. The agent's own error message is the client's to read
 * (it is the agent author's text); a store's or a driver's is not, and is only logged.
 */
export function toAgentError(error: unknown, signal: AbortSignal, report: (error: unknown) => void): AgentError {
  // Only the run's own signal makes an abort: a tool's timed-out fetch is an ordinary failure.
  if (signal.aborted) return { type: "aborted", message: `the prompt was aborted: ${abortReason(signal).message}` };
  if (error instanceof AgentsProtocolError) return error.toError();
  report(error);
  if (isStoreUnavailable(error)) {
    return { type: "service_unavailable", message: "the server cannot reach its store right now; retry shortly" };
  }
  if (isStoreFailure(error)) return { type: "internal_error", message: "internal server error" };
  return { type: "internal_error", message: error instanceof Error ? error.message : String(error) };
}

export function errorFromOutcome(error: AgentError): AgentsProtocolError {
  const status =
    error.type === "aborted" || error.type === "session_busy"
      ? 409
      : error.type === "internal_error"
        ? 500
        : error.type === "service_unavailable"
          ? 503
          : 400;
  const headers = status === 503 ? { "retry-after": String(OUTAGE_RETRY_AFTER_SECONDS) } : undefined;
  return new AgentsProtocolError(status, error.type, error.message, error.details, headers);
}

export function toWireMessage(message: ModelMessage): AgentMessage[] {
  switch (message.role) {
    case "user":
      return [{ role: "user", content: message.content }];
    case "assistant":
      return [
        message.toolCalls?.length
          ? {
              role: "assistant",
              content: message.content,
              toolCalls: message.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })),
            }
          : { role: "assistant", content: message.content },
      ];
    case "tool":
      return [
        message.name === undefined
          ? { role: "tool", toolCallId: message.toolCallId, content: message.content }
          : { role: "tool", toolCallId: message.toolCallId, name: message.name, content: message.content },
      ];
    default:
      // Instructions are part of the agent, not of the conversation.
      return [];
  }
}
