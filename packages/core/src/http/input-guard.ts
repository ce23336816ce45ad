/**
 * Refuses input no store can keep before it reaches one: Postgres cannot store U+0000 in `text`
 * or `json`, and an id, a name or a session is stored, indexed and logged as it is, so control
 * characters and oversize values there are refused too. The app checks every path and every JSON
 * body (`readJson`); sockets check their frames with `nulPointer`.
 */
import type { CoreRequest } from "./types.js";

/** The longest path segment (an id, a name, a session) once percent-decoded. */
export const MAX_PATH_SEGMENT = 256;

/** Bad input found by a check shared by every protocol; the app answers 400 in the protocol's envelope. */
export class BadInputError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = "BadInputError";
  }
}

// A raw control character or a percent-encoded one (%00–%1F, %7F).
const CONTROL_IN_PATH = /[\u0000-\u001f\u007f]|%(?:[01][0-9a-f]|7f)/i;

/** What is wrong with a request's path, or `undefined` when nothing is. */
export function pathFault(path: string): BadInputError | undefined {
  if (CONTROL_IN_PATH.test(path)) {
    return new BadInputError("path", "the path holds a control character (U+0000–U+001F or U+007F)");
  }
  // Cheap first: a path no longer than the limit cannot hold a longer segment.
  if (path.length <= MAX_PATH_SEGMENT) return undefined;
  for (const segment of path.split("/")) {
    if (segment.length > MAX_PATH_SEGMENT && decodedLength(segment) > MAX_PATH_SEGMENT) {
      return new BadInputError(
        "path",
        `a path segment is longer than ${MAX_PATH_SEGMENT} characters (ids, names and sessions are at most ${MAX_PATH_SEGMENT})`,
      );
    }
  }
  return undefined;
}

function decodedLength(segment: string): number {
  try {
    return decodeURIComponent(segment).length;
  } catch {
    return segment.length;
  }
}

/**
 * Several values for one query parameter are refused rather than silently reduced to one, which
 * would let a proxy and the server read different values.
 */
export function duplicateQueryFault(req: CoreRequest): BadInputError | undefined {
  const query = req.query;
  if (query.size < 2) return undefined;
  const seen = new Set<string>();
  for (const name of query.keys()) {
    if (seen.has(name)) return new BadInputError(name, `query parameter ${name} is given more than once`);
    seen.add(name);
  }
  return undefined;
}

/**
 * The JSON Pointer of the first string or object key in `value` that holds U+0000, or
 * `undefined`. `text` is the JSON it was parsed from: without the escape `\u0000` in it (JSON
 * cannot carry a raw NUL) there is nothing to look for, which keeps the common case free.
 */
export function nulPointer(value: unknown, text?: string): string | undefined {
  if (text !== undefined && !text.includes("\\u0000")) return undefined;
  return walk(value, "");
}

function walk(value: unknown, pointer: string): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? pointer : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i], `${pointer}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    if (key.includes("\u0000")) return at;
    const found = walk(item, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The error for a NUL found at `pointer` (a JSON Pointer) in a body or frame. */
export function nulError(pointer: string): BadInputError {
  const param = pointerToParam(pointer);
  return new BadInputError(
    param,
    `${param || "the body"} holds the character U+0000, which cannot be stored; remove it`,
  );
}

/** `/input/0/content` → `input[0].content`, the dotted form the protocols name fields with. */
function pointerToParam(pointer: string): string {
  let out = "";
  for (const raw of pointer.split("/").slice(1)) {
    const part = raw.replaceAll("~1", "/").replaceAll("~0", "~").replaceAll("\u0000", "\\u0000");
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}
