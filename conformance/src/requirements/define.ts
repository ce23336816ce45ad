import type { Profile, Protocol, Requirement } from "../types.js";

/** The peer profiles a requirement names; `switchboard` is implied. */
type PeerProfile = Exclude<Profile, "switchboard">;

export type RequirementSpec = Omit<Requirement, "protocol" | "profiles"> & { profiles?: readonly PeerProfile[] };

/**
 * Builds requirements of one protocol without repeating the protocol on each. Every requirement
 * belongs to the `switchboard` profile; an extension belongs to no other.
 */
export function defineRequirements(protocol: Protocol, list: RequirementSpec[]): Requirement[] {
  return list.map((r) => {
    const peers = r.profiles ?? [];
    if (r.kind === "extension" && peers.length) throw new Error(`${r.id}: an extension belongs to switchboard only`);
    if (r.kind === "core" && !peers.length) throw new Error(`${r.id}: a core requirement names the wire it claims`);
    return { ...r, protocol, profiles: [...peers, "switchboard"] };
  });
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
