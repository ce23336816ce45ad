import { nulError, nulPointer } from "./input-guard.js";
import type { CoreRequest } from "./types.js";

export type ReadJsonResult =
  | { ok: true; value: unknown }
  | { ok: false; reason: "invalid_json" | "unsupported_media_type"; message: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads and parses a JSON request body. A body over `limit` rejects with `PayloadTooLargeError`
 * (the app turns it into the protocol's 413), a body holding U+0000 in any string or key with
 * `BadInputError` (400: no store can keep it); everything else is a result the caller maps to
 * its own envelope.
 */
export async function readJson(req: CoreRequest, limit: number): Promise<ReadJsonResult> {
  const type = req.header("content-type");
  if (type !== undefined && type !== "" && !isJsonMediaType(type)) {
    return {
      ok: false,
      reason: "unsupported_media_type",
      message: `expected Content-Type application/json, got ${type}`,
    };
  }
  const bytes = await req.body(limit);
  if (bytes.byteLength === 0) return { ok: false, reason: "invalid_json", message: "request body is empty" };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: "invalid_json", message: "request body is not valid UTF-8" };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      reason: "invalid_json",
      message: `request body is not valid JSON: ${(error as Error).message}`,
    };
  }
  const nul = nulPointer(value, text);
  if (nul !== undefined) throw nulError(nul);
  return { ok: true, value };
}

/** `application/json`, any `+json` suffix type, with or without parameters such as charset. */
export function isJsonMediaType(contentType: string): boolean {
  const semi = contentType.indexOf(";");
  const essence = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return essence === "application/json" || (essence.startsWith("application/") && essence.endsWith("+json"));
}
