/**
 * A failed model call. `retryable` tells callers (and the provider's own retry loop) whether the
 * same request may succeed later: rate limits, upstream 5xx, timeouts and dropped connections are;
 * bad requests and authentication failures are not.
 */
export class ModelError extends Error {
  /** Upstream HTTP status; absent when no response arrived (network error, timeout). */
  readonly status: number | undefined;
  /** Upstream error code when it sent one, else one of ours (`network_error`, `timeout`, …). */
  readonly code: string;
  readonly retryable: boolean;
  /** Delay the upstream asked for (`Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    init: { status?: number; code: string; retryable: boolean; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "ModelError";
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
  }
}
