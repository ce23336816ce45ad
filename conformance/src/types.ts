import type { TestContext } from "./context.js";

import type { Protocol } from "./protocols.js";

export { PROTOCOLS, type Protocol } from "./protocols.js";

export type Level = "MUST" | "SHOULD" | "MAY";

/**
 * Whose rules a run judges by. `openai` and `open-responses` judge a Responses server by those
 * specifications only; `pyflue` and `fastagency` judge an agent or workflow server by the wire that
 * pyflue's and FastAgency's own servers and clients speak; `switchboard` (the default) runs
 * everything, Switchboard's additions included.
 */
export type Profile = "openai" | "open-responses" | "pyflue" | "fastagency" | "switchboard";
export const PROFILES: readonly Profile[] = ["openai", "open-responses", "pyflue", "fastagency", "switchboard"];

/** `core`: a rule of the wire the requirement claims. `extension`: one of Switchboard's additions. */
export type Kind = "core" | "extension";
export const LEVELS: readonly Level[] = ["MUST", "SHOULD", "MAY"];

/** One checkable statement of a protocol, with the test that checks it. */
export interface Requirement {
  /** Stable id, `<PROTO>-<AREA>-<NNN>`; never reused for a different statement. */
  id: string;
  protocol: Protocol;
  level: Level;
  /** Where the statement comes from: a DESIGN section and/or a TypeSpec model or operation. */
  section: string;
  /** The statement, in one line. */
  statement: string;
  /** The profiles that run it; every requirement also belongs to `switchboard`. */
  profiles: readonly Profile[];
  kind: Kind;
  /** Only meaningful when the server requires a bearer token (`--token`); skipped otherwise. */
  needsToken?: boolean;
  /** Overrides the run's per-requirement timeout. */
  timeoutMs?: number;
  run(t: TestContext): Promise<void>;
}

/**
 * `xfail`: failed and listed as an expected failure. `xpass`: listed as an expected failure but
 * passed — the list is stale, which counts as a failure of the run.
 */
export type Outcome = "pass" | "fail" | "skip" | "xfail" | "xpass";

export interface RequirementResult {
  id: string;
  protocol: Protocol;
  level: Level;
  section: string;
  statement: string;
  kind: Kind;
  outcome: Outcome;
  durationMs: number;
  /** Why it failed or was skipped. */
  message?: string;
  /** The reason given in the expected-failures file. */
  expectedFailure?: string;
}

export interface Tally {
  pass: number;
  fail: number;
  skip: number;
  xfail: number;
  xpass: number;
}

export interface Report {
  url: string;
  profile: Profile;
  protocols: Protocol[];
  level: Level;
  startedAt: string;
  durationMs: number;
  /** Up-front warnings: protocols the server does not seem to speak at all. */
  notices: string[];
  results: RequirementResult[];
  /** Counts by protocol, then by level. */
  summary: Record<Protocol, Record<Level, Tally>>;
  /** True when no MUST failed and no expected failure passed. */
  ok: boolean;
}
