/**
 * Refuses input no store can keep before it reaches one: Postgres cannot store U+0000 in `text`
 * or `json`, and an id, a name or a session is stored, indexed and logged as it is, so control
 * characters and oversize values there are refused too. The app checks every path and every JSON
 * body (`readJson`); sockets check their frames with `nulPointer`.
 */
import type { CoreRequest } from "./types.js";

/** The longest id, name or session a path may carry (characters, once percent-decoded). */
export const MAX_ID_LENGTH = 256;

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

// A raw control character or a percent-encoded one (%00–%1F, %7F): what this rule is for.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_IN_PATH = /[\u0000-\u001f\u007f]|%(?:[01][0-9a-f]|7f)/i;

/**
 * A control character in a request's path, raw or percent-encoded, or `undefined`. Checked by
 * the app for every protocol; the length of each id is checked by its protocol (`oversizeParam`),
 * which can name it.
 */
export function pathFault(path: string): BadInputError | undefined {
  if (!CONTROL_IN_PATH.test(path)) return undefined;
  return new BadInputError("path", "the path holds a control character (U+0000–U+001F or U+007F)");
}

/** The name of the first route parameter longer than `MAX_ID_LENGTH`, or `undefined`. */
export function oversizeParam(params: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(params)) if (value.length > MAX_ID_LENGTH) return name;
  return undefined;
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
