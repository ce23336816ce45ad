import type { ValidationIssue, ValidationIssueKind } from "@switchboard/protocol";
import type { ResponsesErrorEnvelope } from "@switchboard/protocol/responses";
import { json } from "../../http/response.js";
import type { CoreResponse } from "../../http/types.js";
import type { AppErrorCode } from "../protocol-module.js";

/** A refusal that maps one-to-one onto OpenAI's error envelope and an HTTP status. */
export class ResponsesApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    readonly param: string | null = null,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ResponsesApiError";
  }

  toResponse(): CoreResponse {
    const body: ResponsesErrorEnvelope = {
      error: { type: errorType(this.status), message: this.message, param: this.param, code: this.code },
    };
    return json(this.status, body, this.headers);
  }
}

/** The `type` OpenAI's clients branch on, by status. */
function errorType(status: number): string {
  switch (status) {
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 409:
      return "conflict_error";
    case 429:
      return "rate_limit_error";
    default:
      return status >= 500 ? "server_error" : "invalid_request_error";
  }
}

/** The app reports cross-cutting failures with generic codes; these are OpenAI's names for them. */
const APP_CODES: Partial<Record<AppErrorCode, string>> = {
  unauthorized: "invalid_api_key",
  internal_error: "server_error",
  not_found: "not_found",
  validation_failed: "invalid_value",
  too_many_requests: "rate_limit_exceeded",
};

export function appError(status: number, code: AppErrorCode, message: string, param?: string): CoreResponse {
  return new ResponsesApiError(status, APP_CODES[code] ?? code, message, param ?? null).toResponse();
}

/** OpenAI's `code` for each kind of schema violation. */
const VALIDATION_CODES: Record<ValidationIssueKind, string> = {
  required: "missing_required_parameter",
  unsupported_field: "unknown_parameter",
  invalid: "invalid_value",
};

/** A schema violation, phrased so that the message starts with the offending field. */
export function validationError(issue: ValidationIssue): ResponsesApiError {
  const code = VALIDATION_CODES[issue.kind];
  const field = issue.param || "request body";
  return new ResponsesApiError(400, code, `${field} ${issue.message}`, issue.param || null);
}

const NOT_FOUND: Record<string, (id: string) => string> = {
  model: (id) => `The model '${id}' does not exist: it is not an agent this server serves (see GET /v1/models).`,
  response: (id) => `No response with id '${id}' is stored.`,
  conversation: (id) => `No conversation with id '${id}' exists.`,
  item: (id) => `No item with id '${id}' is in this conversation.`,
};

export const notFound = (
  what: "response" | "model" | "conversation" | "item",
  id: string,
  param: string | null = null,
) => new ResponsesApiError(404, `${what}_not_found`, NOT_FOUND[what]!(id), param);
