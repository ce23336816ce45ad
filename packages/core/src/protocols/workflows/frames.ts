import type { WorkflowErrorCode } from "@switchboard/protocol/workflows";
import type { Problem } from "./link.js";

// Reading the client's frames: the first (init or resume), the answers after it, and their size.

const UUID_HEX = /^[0-9a-f]{32}$/;

/** `0A1B…` and `0a1b-…` name the same run: lower-case, hyphenated. */
export function canonicalUuid(uuid: string): string {
  const hex = uuid.replace(/-/g, "").toLowerCase();
  if (!UUID_HEX.test(hex)) return uuid;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `uuid` (canonical) spelled as `sample` is: 32 hex digits when `sample` is a hyphen-less UUID. */
export function inFormOf(sample: string | undefined, uuid: string): string {
  return sample !== undefined && /^[0-9a-fA-F]{32}$/.test(sample) ? uuid.replace(/-/g, "") : uuid;
}

export type ParsedObject =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; short: Extract<WorkflowErrorCode, "invalid_json" | "validation_failed">; long: string };

export function parseObject(text: string): ParsedObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, short: "invalid_json", long: "the first frame must be JSON (an init or a resume frame)" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      ok: false,
      short: "validation_failed",
      long: "the first frame must be a JSON object (an init or a resume frame)",
    };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** A JSON object with a string `type` is a structured frame; any other text is a raw answer. */
export function structuredFrame(text: string): (Record<string, unknown> & { type: string }) | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string") {
      return value as Record<string, unknown> & { type: string };
    }
  } catch {}
  return undefined;
}

export function issueProblem(issue: { param: string; message: string }): Problem {
  return { short: "validation_failed", long: `${issue.param || "frame"} ${issue.message}` };
}

export function workflowUuidOf(frame: Record<string, unknown>): string | undefined {
  return typeof frame.workflow_uuid === "string" ? canonicalUuid(frame.workflow_uuid) : undefined;
}

const encoder = new TextEncoder();

export function exceeds(data: string | Uint8Array, limit: number): boolean {
  if (typeof data !== "string") return data.byteLength > limit;
  // A UTF-16 unit takes one to three UTF-8 bytes, so most text is decided without encoding it.
  if (data.length > limit) return true;
  if (data.length * 3 <= limit) return false;
  return encoder.encode(data).byteLength > limit;
}
