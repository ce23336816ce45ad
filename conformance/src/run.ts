import { RequirementFailure, RequirementSkip, show, type Target, TestContext } from "./context.js";
import { HttpClient, mediaType } from "./http.js";
import { registry } from "./registry.js";
import {
  LEVELS,
  type Level,
  PROTOCOLS,
  type Profile,
  type Protocol,
  type Report,
  type Requirement,
  type RequirementResult,
  type Tally,
} from "./types.js";
import { WsClient } from "./ws.js";

export interface RunOptions {
  /** Base URL of the server under test. */
  url: string;
  /** Protocols to check (default: all three). */
  protocols?: Protocol[];
  /** Bearer token the server requires; enables the authentication requirements. */
  token?: string;
  /** Lowest level to run: `MUST` runs only MUSTs, `SHOULD` adds SHOULDs, `MAY` (default) runs all. */
  level?: Level;
  /** Whose rules to judge by (default `switchboard`: every requirement). */
  profile?: Profile;
  /** Requirement ids to run; `RESP-STREAM-*` selects by prefix. */
  filter?: string[];
  /** Requirement id → reason it is known to fail on this server. */
  expectedFailures?: Record<string, string>;
  /** Path prefix of the workflow protocol (default `/workflows`). */
  workflowPrefix?: string;
  /** Requirements run at once (default 4); each uses its own agent instances and runs. */
  concurrency?: number;
  /** Per-requirement time limit in ms (default 15 000). */
  timeoutMs?: number;
  /** Called before any requirement runs when the first probes show a protocol is not spoken at all. */
  onNotice?: (message: string) => void;
  /** Called as each requirement finishes (live progress). */
  onResult?: (result: RequirementResult) => void;
  /** Replaces the built-in registry (tests of the runner itself). */
  requirements?: readonly Requirement[];
}

/** Picks the requirements a run covers, in registry order. */
export function selectRequirements(
  options: Pick<RunOptions, "protocols" | "level" | "filter" | "requirements" | "profile">,
) {
  const protocols = options.protocols ?? PROTOCOLS;
  const profile = options.profile ?? "switchboard";
  const maxLevel = LEVELS.indexOf(options.level ?? "MAY");
  const patterns = options.filter?.map((f) => f.trim()).filter(Boolean);
  return (options.requirements ?? registry).filter(
    (r) =>
      protocols.includes(r.protocol) &&
      r.profiles.includes(profile) &&
      LEVELS.indexOf(r.level) <= maxLevel &&
      (!patterns?.length || patterns.some((p) => matches(p, r.id))),
  );
}

function matches(pattern: string, id: string): boolean {
  if (pattern.endsWith("*")) return id.startsWith(pattern.slice(0, -1));
  return id === pattern;
}

/** The server did not answer at all; no requirement was run. */
export class UnreachableServerError extends Error {}

export async function runConformance(options: RunOptions): Promise<Report> {
  const started = Date.now();
  const target: Target = {
    url: options.url,
    token: options.token,
    workflowPrefix: normalizePrefix(options.workflowPrefix ?? "/workflows"),
  };
  const selected = selectRequirements(options);
  const http = new HttpClient(target.url, target.token);
  try {
    await http.request("GET", "/", { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    await http.close();
    throw new UnreachableServerError(`cannot reach ${target.url}: ${(error as Error).message}`);
  }
  const notices = await probeProtocols(http, target, [...new Set(selected.map((r) => r.protocol))]);
  for (const notice of notices) options.onNotice?.(notice);
  const results = new Map<string, RequirementResult>();
  let next = 0;
  const worker = async () => {
    while (next < selected.length) {
      const requirement = selected[next++]!;
      const result = await runOne(requirement, target, http, options);
      results.set(requirement.id, result);
      options.onResult?.(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  } finally {
    await http.close();
  }
  const ordered = selected.map((r) => results.get(r.id)!);
  return {
    url: target.url,
    profile: options.profile ?? "switchboard",
    protocols: options.protocols ?? [...PROTOCOLS],
    level: options.level ?? "MAY",
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    notices,
    results: ordered,
    summary: summarize(ordered),
    ok: ordered.every((r) => r.outcome !== "xpass" && !(r.outcome === "fail" && r.level === "MUST")),
  };
}

/** One cheap request per protocol whose answer is JSON on any server that speaks it (any status). */
const PROBES: Record<Protocol, (t: Target) => { method: string; path: string; name: string }> = {
  responses: () => ({ method: "GET", path: "/v1/models", name: "the Responses protocol" }),
  agents: () => ({ method: "GET", path: "/agents/echo/conformance-probe", name: "the agents protocol" }),
  workflows: (t) => ({ method: "GET", path: `${t.workflowPrefix}/discovery`, name: "the workflow protocol" }),
};

/**
 * Tells, once and up front, when a server does not speak a protocol at all (it answers HTML or
 * other non-JSON where every status of the protocol carries JSON), so 80 failures come with a hint.
 */
async function probeProtocols(http: HttpClient, target: Target, protocols: Protocol[]): Promise<string[]> {
  const notices: string[] = [];
  for (const protocol of protocols) {
    const probe = PROBES[protocol](target);
    try {
      const res = await http.request(probe.method, probe.path, { signal: AbortSignal.timeout(10_000) });
      if (res.isJson && mediaType(res.headers["content-type"]).endsWith("json")) continue;
      const type = res.headers["content-type"] ?? "no Content-Type";
      notices.push(
        `${probe.method} ${probe.path} answered ${res.status} ${type} (${show(res.text.slice(0, 60))}), not JSON: ` +
          `this server does not seem to speak ${probe.name} at these paths; expect its requirements to fail`,
      );
    } catch (error) {
      notices.push(
        `${probe.method} ${probe.path} failed (${(error as Error).message}): ${probe.name} may not be served`,
      );
    }
  }
  return notices;
}

function normalizePrefix(prefix: string): string {
  const withSlash = prefix.startsWith("/") ? prefix : `/${prefix}`;
  return withSlash.replace(/\/+$/, "");
}

async function runOne(
  requirement: Requirement,
  target: Target,
  http: HttpClient,
  options: RunOptions,
): Promise<RequirementResult> {
  const started = performance.now();
  const base = {
    id: requirement.id,
    protocol: requirement.protocol,
    level: requirement.level,
    section: requirement.section,
    statement: requirement.statement,
    kind: requirement.kind,
  };
  const done = (outcome: RequirementResult["outcome"], message?: string): RequirementResult => {
    const expected = options.expectedFailures?.[requirement.id];
    const result: RequirementResult = { ...base, outcome, durationMs: Math.round(performance.now() - started) };
    if (message) result.message = message;
    if (expected !== undefined && (outcome === "fail" || outcome === "pass")) {
      result.outcome = outcome === "fail" ? "xfail" : "xpass";
      result.expectedFailure = expected;
      if (outcome === "pass") result.message = "listed as an expected failure, but passed";
    }
    return result;
  };

  if (requirement.needsToken && !target.token) return done("skip", "needs --token (the server's API key)");

  const timeoutMs = requirement.timeoutMs ?? options.timeoutMs ?? 15_000;
  const controller = new AbortController();
  const ctx = new TestContext(target, requirement.protocol, http, controller.signal, WsClient.connect);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Error(`timed out after ${timeoutMs} ms`);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timedOut);
    }, timeoutMs);
  });
  try {
    const running = requirement.run(ctx);
    // After a timeout the test keeps running until its aborted I/O fails; that late failure is moot.
    running.catch(() => {});
    await Promise.race([running, timeout]);
    return ctx.failures.length ? done("fail", ctx.failures.join("; ")) : done("pass");
  } catch (error) {
    if (error instanceof RequirementSkip) return done("skip", error.message);
    const messages = [...ctx.failures];
    if (!(error instanceof RequirementFailure)) {
      let message = error instanceof Error ? error.message : show(error);
      if (error === timedOut || /timed out/.test(message)) {
        message += `; last observed: ${ctx.lastObserved ?? "nothing (no answer at all)"}`;
      }
      messages.push(messages.length ? `then stopped: ${message}` : message);
    }
    return done("fail", messages.join("; "));
  } finally {
    clearTimeout(timer);
    controller.abort();
    await ctx.cleanup();
  }
}

export function emptyTally(): Tally {
  return { pass: 0, fail: 0, skip: 0, xfail: 0, xpass: 0 };
}

export function summarize(results: readonly RequirementResult[]): Report["summary"] {
  const summary = {} as Report["summary"];
  for (const p of PROTOCOLS) {
    summary[p] = { MUST: emptyTally(), SHOULD: emptyTally(), MAY: emptyTally() };
  }
  for (const r of results) summary[r.protocol][r.level][r.outcome]++;
  return summary;
}
