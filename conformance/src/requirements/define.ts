import type { Protocol, Requirement } from "../types.js";

/** Builds requirements of one protocol without repeating the protocol on each. */
export function defineRequirements(protocol: Protocol, list: Omit<Requirement, "protocol">[]): Requirement[] {
  return list.map((r) => ({ ...r, protocol }));
}

/** The words of a text, as the fixtures count them (runs of non-whitespace). */
export function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** True when the delta holds exactly one word (whitespace around it is allowed). */
export function isOneWord(delta: string): boolean {
  return words(delta).length === 1;
}

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** A body larger than every default limit of the protocols (1 MiB). */
export const OVERSIZE_BYTES = 3 * 1024 * 1024;
