import type { ValidationIssue } from "@switchboard/protocol";
import type { AgentError, AgentErrorDetails, AgentErrorResponse, AgentErrorType } from "@switchboard/protocol/agents";
import { json } from "../../http/response.js";
import type { CoreResponse } from "../../http/types.js";

/** A refusal that maps one-to-one onto the protocol's error envelope and HTTP status. */
export class AgentsProtocolError extends Error {
  constructor(
    readonly status: number,
    readonly type: AgentErrorType,
    message: string,
    readonly details?: AgentErrorDetails,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AgentsProtocolError";
  }

  toError(): AgentError {
    return this.details
      ? { type: this.type, message: this.message, details: this.details }
      : { type: this.type, message: this.message };
  }

  toResponse(): CoreResponse {
    const body: AgentErrorResponse = { error: this.toError() };
    return json(this.status, body, this.headers);
  }
}

const TYPES = new Set<string>([
  "invalid_json",
  "validation_failed",
  "agent_not_found",
  "route_not_found",
  "stream_not_found",
  "method_not_allowed",
  "payload_too_large",
  "unsupported_media_type",
  "upgrade_required",
  "session_busy",
  "aborted",
  "unauthorized",
  "forbidden",
  "internal_error",
] satisfies AgentErrorType[]);

/**
 * The app reports cross-cutting failures with generic codes (`not_found`, `unauthorized`, …);
 * this picks the protocol's own type for them, falling back on the status.
 */
export function errorTypeFor(status: number, code: string): AgentErrorType {
  if (TYPES.has(code)) return code as AgentErrorType;
  switch (status) {
    case 400:
      return "validation_failed";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "route_not_found";
    case 405:
      return "method_not_allowed";
    case 409:
      return "session_busy";
    case 413:
      return "payload_too_large";
    case 415:
      return "unsupported_media_type";
    case 426:
      return "upgrade_required";
    default:
      return "internal_error";
  }
}

/** A schema violation, phrased so the message starts with the offending field. */
export function validationError(issue: ValidationIssue, where?: string): AgentsProtocolError {
  const field = issue.param || where || "body";
  return new AgentsProtocolError(400, "validation_failed", `${field} ${issue.message}`, {
    param: issue.param,
    pointer: issue.pointer,
  });
}
