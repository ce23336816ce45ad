import { emptyTally } from "./run.js";
import {
  type Kind,
  LEVELS,
  type Level,
  type Outcome,
  PROFILES,
  PROTOCOLS,
  type Profile,
  type Protocol,
  type Report,
  type Requirement,
  type RequirementResult,
} from "./types.js";

const LABEL: Record<Outcome, string> = { pass: "PASS", fail: "FAIL", skip: "SKIP", xfail: "XFAIL", xpass: "XPASS" };
const COLOR: Record<Outcome, number> = { pass: 32, fail: 31, skip: 90, xfail: 33, xpass: 31 };

/** One progress line per requirement (plus the reason, indented, when it did not pass). */
export function formatResult(r: RequirementResult, color = false): string {
  const label = LABEL[r.outcome].padEnd(5);
  const head = `${color ? `\x1b[${COLOR[r.outcome]}m${label}\x1b[0m` : label} ${r.id.padEnd(18)} ${r.level.padEnd(6)} ${`${r.durationMs} ms`.padStart(8)}  ${r.statement}`;
  const notes: string[] = [];
  if (r.message) notes.push(r.message);
  if (r.expectedFailure) notes.push(`expected failure: ${r.expectedFailure}`);
  return notes.length ? `${head}\n${notes.map((n) => `      ↳ ${n}`).join("\n")}` : head;
}

/** The summary table: one row per protocol and level that ran. */
export function formatSummary(report: Report): string {
  const header = ["protocol", "level", "total", "pass", "fail", "skip", "xfail", "xpass"];
  const rows: string[][] = [];
  const total = emptyTally();
  for (const p of PROTOCOLS) {
    for (const l of LEVELS) {
      const t = report.summary[p][l];
      const n = t.pass + t.fail + t.skip + t.xfail + t.xpass;
      if (!n) continue;
      rows.push([p, l, String(n), String(t.pass), String(t.fail), String(t.skip), String(t.xfail), String(t.xpass)]);
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += t[k];
    }
  }
  const all = total.pass + total.fail + total.skip + total.xfail + total.xpass;
  rows.push([
    "all",
    "",
    String(all),
    String(total.pass),
    String(total.fail),
    String(total.skip),
    String(total.xfail),
    String(total.xpass),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const verdict = report.ok
    ? "OK: every MUST requirement passed"
    : "FAILED: a MUST requirement failed or an expected failure passed";
  return [line(header), ...rows.map(line), "", `${verdict} (${(report.durationMs / 1000).toFixed(1)} s)`].join("\n");
}

/** JUnit XML: one test suite per protocol, one test case per requirement. */
export function toJUnit(report: Report): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const p of PROTOCOLS) {
    const results = report.results.filter((r) => r.protocol === p);
    if (!results.length) continue;
    const f = results.filter((r) => r.outcome === "fail" || r.outcome === "xpass").length;
    const s = results.filter((r) => r.outcome === "skip" || r.outcome === "xfail").length;
    const time = results.reduce((sum, r) => sum + r.durationMs, 0) / 1000;
    tests += results.length;
    failures += f;
    skipped += s;
    const cases = results.map((r) => {
      const open = `    <testcase classname="${p}.${r.level}" name="${xml(`${r.id}: ${r.statement}`)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
      const detail = xml(`${r.section}${r.message ? `\n${r.message}` : ""}`);
      if (r.outcome === "fail")
        return `${open}>\n      <failure message="${xml(r.message ?? "failed")}" type="${r.level}">${detail}</failure>\n    </testcase>`;
      if (r.outcome === "xpass")
        return `${open}>\n      <failure message="expected to fail but passed" type="${r.level}">${xml(r.expectedFailure ?? "")}</failure>\n    </testcase>`;
      if (r.outcome === "skip")
        return `${open}>\n      <skipped message="${xml(r.message ?? "not applicable")}"/>\n    </testcase>`;
      if (r.outcome === "xfail")
        return `${open}>\n      <skipped message="${xml(`expected failure: ${r.expectedFailure ?? ""} (${r.message ?? ""})`)}"/>\n    </testcase>`;
      return `${open}/>`;
    });
    suites.push(
      `  <testsuite name="${p}" tests="${results.length}" failures="${f}" errors="0" skipped="${s}" time="${time.toFixed(3)}" timestamp="${report.startedAt}">\n${cases.join("\n")}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="switchboard-conformance" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join("\n")}\n</testsuites>\n`;
}

function xml(text: string): string {
  // XML 1.0 cannot carry most control characters, even escaped.
  const printable = [...text].filter((c) => c.charCodeAt(0) >= 0x20 || c === "\t" || c === "\n" || c === "\r").join("");
  return printable.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Counts of requirements by protocol and level, then by profile (core rules and Switchboard's
 * extensions), as Markdown tables (the README's), with padded columns as Markdown formatters lay
 * tables out, so the README stays formatted.
 */
export function countTable(requirements: readonly Requirement[]): string {
  const count = (p: Protocol | undefined, l: Level | undefined) =>
    String(requirements.filter((r) => (!p || r.protocol === p) && (!l || r.level === l)).length);
  const byProtocol = [
    ["protocol", ...LEVELS, "total"],
    ...PROTOCOLS.map((p) => [p, ...LEVELS.map((l) => count(p, l)), count(p, undefined)]),
    ["**all**", ...LEVELS.map((l) => count(undefined, l)), count(undefined, undefined)],
  ];
  const inProfile = (p: Profile, kind: Kind, level?: Level) =>
    String(
      requirements.filter((r) => r.profiles.includes(p) && r.kind === kind && (!level || r.level === level)).length,
    );
  const byProfile = [
    ["profile", "core MUST", "core SHOULD", "extension MUST", "extension SHOULD", "total"],
    ...PROFILES.map((p) => [
      p,
      inProfile(p, "core", "MUST"),
      inProfile(p, "core", "SHOULD"),
      inProfile(p, "extension", "MUST"),
      inProfile(p, "extension", "SHOULD"),
      String(requirements.filter((r) => r.profiles.includes(p)).length),
    ]),
  ];
  return `${markdownTable(byProtocol)}\n\n${markdownTable(byProfile)}`;
}

function markdownTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(3, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const pad = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)));
  const rule = widths.map((w, i) => (i === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`));
  return [line(pad(rows[0]!)), line(rule), ...rows.slice(1).map((r) => line(pad(r)))].join("\n");
}

/** The registry as `--list` prints it. */
export function formatListing(requirements: readonly Requirement[]): string {
  const lines = requirements.map(
    (r) =>
      `${r.id.padEnd(18)} ${r.level.padEnd(6)} ${r.kind.padEnd(9)} ${r.needsToken ? "[--token] " : ""}${r.statement}\n${" ".repeat(36)}${r.section} · profiles: ${r.profiles.join(", ")}`,
  );
  return `${lines.join("\n")}\n\n${countTable(requirements)}\n`;
}
