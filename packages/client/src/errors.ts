// One error story for the client: everything it throws on purpose is a `SwitchboardError`.
// An answer with an error status is a `SwitchboardApiError`, specialised by status (as the
// official OpenAI SDK does), so callers catch the class they care about.

/** The base of every error the client throws on purpose. */
export class SwitchboardError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

interface ErrorDetail {
  type?: string;
  message?: string;
  code?: string;
  param?: string;
}

/**
 * A non-2xx answer. `type`, `code`, `param` and `message` come from the protocol's error envelope
 * (`{"error":{...}}`) when the body has one; `body` is the parsed body either way.
 */
export class SwitchboardApiError extends SwitchboardError {
  readonly status: number;
  readonly type: string | undefined;
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly body: unknown;
  readonly headers: Headers;

  constructor(status: number, body: unknown, headers: Headers) {
    const detail = errorDetail(body);
    super(detail?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.type = detail?.type;
    this.code = detail?.code;
    this.param = detail?.param;
  }

  /** The error for an answer with `status`: the subclass for that status when there is one. */
  static from(status: number, body: unknown, headers: Headers): SwitchboardApiError {
    const specific = BY_STATUS[status] ?? (status >= 500 ? InternalServerError : SwitchboardApiError);
    return new specific(status, body, headers);
  }
}

/** 400: the request broke the protocol's rules; `param` names the offending member. */
export class BadRequestError extends SwitchboardApiError {}
/** 401: the API key is missing or wrong. */
export class AuthenticationError extends SwitchboardApiError {}
/** 403: the server's authorization refused the caller. */
export class PermissionDeniedError extends SwitchboardApiError {}
/** 404: no such route, agent, workflow, response or model. */
export class NotFoundError extends SwitchboardApiError {}
/** 409: the target is busy or in the wrong state (a session running another prompt, say). */
export class ConflictError extends SwitchboardApiError {}
/** 413: the body is larger than the server accepts. */
export class PayloadTooLargeError extends SwitchboardApiError {}
/** 429: too many requests; `headers` may say when to retry. */
export class RateLimitError extends SwitchboardApiError {}
/** 5xx: the server failed; the request may be retried. */
export class InternalServerError extends SwitchboardApiError {}

const BY_STATUS: Record<number, typeof SwitchboardApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  429: RateLimitError,
};

/** The server could not be reached, or the connection broke before an answer; `cause` says why. */
export class ConnectionError extends SwitchboardError {
  constructor(message = "could not reach the Switchboard server", options?: { cause?: unknown }) {
    super(message, options);
  }
}

function errorDetail(body: unknown): ErrorDetail | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return undefined;
  const { type, message, code, param } = error as Record<string, unknown>;
  return {
    type: typeof type === "string" ? type : undefined,
    message: typeof message === "string" ? message : undefined,
    code: typeof code === "string" ? code : undefined,
    param: typeof param === "string" ? param : undefined,
  };
}
