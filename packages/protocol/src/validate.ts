import type { ValidateFunction, ValidatorError } from "./validator-types.js";

/** One fault in a payload, located precisely enough for a client to fix it. */
export interface ValidationIssue {
  /** JSON Pointer to the offending value, e.g. `/input/0/content`. */
  pointer: string;
  /** The same location as a dotted path (`input[0].content`), the form OpenAI uses for `param`. */
  param: string;
  message: string;
  /**
   * What is wrong, for code that maps an issue onto its own error codes (the message is for
   * people and may change): a required member is missing, a member is not part of the schema, or
   * a value breaks the schema.
   */
  kind: ValidationIssueKind;
}

export type ValidationIssueKind = "required" | "unsupported_field" | "invalid";

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issue: ValidationIssue };

export function check<T>(validator: ValidateFunction, data: unknown): ValidationResult<T> {
  if (validator(data)) return { ok: true, value: data as T };
  const error = mostSpecific(validator.errors ?? []);
  if (!error) return { ok: false, issue: { pointer: "", param: "", message: "invalid payload", kind: "invalid" } };
  return { ok: false, issue: describe(error) };
}

/**
 * A union (`anyOf`) that fails reports the failure of every branch it tried. The branch the
 * client meant is the one that got furthest into the payload, so the deepest error wins; a
 * union's own summary error only when nothing deeper exists.
 */
function mostSpecific(errors: ValidatorError[]): ValidatorError | undefined {
  let best: ValidatorError | undefined;
  let bestScore = -1;
  for (const e of errors) {
    const depth =
      e.instancePath.split("/").length + (e.keyword === "required" || e.keyword === "discriminator" ? 1 : 0);
    // At equal depth, a wrong value beats a missing field: the branch with the wrong value is the
    // one whose fields the client did send.
    const rank = e.keyword === "anyOf" || e.keyword === "oneOf" ? 0 : e.keyword === "required" ? 1 : 2;
    const score = depth * 3 + rank;
    if (score > bestScore) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

function describe(error: ValidatorError): ValidationIssue {
  let segments = error.instancePath.split("/").slice(1).map(unescapePointer);
  let message = error.message ?? "is invalid";
  let kind: ValidationIssueKind = "invalid";
  if (error.keyword === "required" && typeof error.params.missingProperty === "string") {
    segments = [...segments, error.params.missingProperty];
    message = "is required";
    kind = "required";
  } else if (error.keyword === "not" && error.schemaPath.endsWith("/unevaluatedProperties/not")) {
    message = "is not a supported field";
    kind = "unsupported_field";
  } else if (error.keyword === "additionalProperties" && typeof error.params.additionalProperty === "string") {
    segments = [...segments, error.params.additionalProperty];
    message = "is not a supported field";
    kind = "unsupported_field";
  } else if (error.keyword === "discriminator") {
    const tag = String(error.params.tag ?? "type");
    segments = [...segments, tag];
    if (error.params.tagValue === undefined) {
      message = "is required";
      kind = "required";
    } else message = `has an unknown value ${JSON.stringify(error.params.tagValue)}`;
  } else if (error.keyword === "enum" || error.keyword === "const") {
    const allowed = (error.params.allowedValues as unknown[] | undefined) ?? [error.params.allowedValue];
    message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return { pointer: segments.map((s) => `/${escapePointer(s)}`).join(""), param: toParam(segments), message, kind };
}

function toParam(segments: string[]): string {
  let out = "";
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

const unescapePointer = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");
const escapePointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
