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

/** A schema violation, phrased so the message starts with the offending field. */
export function validationError(issue: ValidationIssue, where?: string): AgentsProtocolError {
  const field = issue.param || where || "body";
  return new AgentsProtocolError(400, "validation_failed", `${field} ${issue.message}`, {
    param: issue.param,
    pointer: issue.pointer,
  });
}
