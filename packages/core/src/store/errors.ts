/**
 * Telling store failures apart from other errors without depending on a driver: a store that
 * cannot be reached makes the app answer 503 with `Retry-After` (the request may simply be
 * retried), and no store's own message is ever shown to a client.
 */

/** Thrown by a store that knows it cannot reach its database right now. */
export class StoreUnavailableError extends Error {
  constructor(message = "the store is unreachable", options?: ErrorOptions) {
    super(message, options);
    this.name = "StoreUnavailableError";
  }
}

// Socket-level failures (Node's errno codes) and Postgres's SQLSTATEs of a lost or refused
// connection: class 08 (connection exception) and 57P01–57P03 (shutdown, crash, cannot connect now).
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
]);
const UNAVAILABLE_STATES = /^(?:08...|57P0[123])$/;
// What `pg` says when a connection dies under a query or the pool cannot get one.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed|Cannot use a pool after calling end|PGlite is closed/i;

/** Whether `error` (or one of its causes) says the store cannot be reached. */
export function isStoreUnavailable(error: unknown): boolean {
  for (
    let current = error, depth = 0;
    current && depth < 5;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    if (current instanceof StoreUnavailableError) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
    if (current instanceof AggregateError && current.errors.some(isStoreUnavailable)) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.test(message)) return true;
  }
  return false;
}

/**
 * Whether `error` comes from a database driver (it has Postgres's `severity` and a SQLSTATE
 * `code`) or says the store is unreachable: its message is for the log, not for a client.
 */
export function isStoreFailure(error: unknown): boolean {
  if (isStoreUnavailable(error)) return true;
  const e = error as { code?: unknown; severity?: unknown } | null;
  return typeof e?.severity === "string" && typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code);
}
