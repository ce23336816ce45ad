/** The text of a `json` parameter. `json` (not `jsonb`) keeps the text as sent, so key order survives. */
export function toJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`cannot store ${typeof value} as JSON`);
  return text;
}

/** Postgres's SQLSTATE of a failed statement, when it is one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

export const FOREIGN_KEY_VIOLATION = "23503";
export const UNIQUE_VIOLATION = "23505";
