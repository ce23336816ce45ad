#!/usr/bin/env node
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseExpectedFailures } from "./expected.js";
import { registry } from "./registry.js";
import { formatListing, formatResult, formatSummary, toJUnit } from "./report.js";
import { runConformance, selectRequirements, UnreachableServerError } from "./run.js";
import { type Level, PROFILES, PROTOCOLS, type Profile, type Protocol } from "./types.js";

const USAGE = `Usage: switchboard-conformance --url URL [options]

Checks a server against Switchboard's Responses, instance-agent and workflow protocols.
The server must serve the fixtures described in the suite's README (echo, tools, slow; ask, fail).

Options:
  --url URL                    base URL of the server under test (required unless --list)
  --profile NAME               whose rules to judge by: openai, open-responses, pyflue, fastagency,
                               or switchboard (default: every requirement, Switchboard's additions too)
  --protocol LIST              responses,agents,workflows (default: all)
  --token T                    bearer token the server requires; also runs the 401 checks
  --level must|should|may      lowest level to run (default: may = everything)
  --filter IDS                 comma-separated ids to run; RESP-STREAM-* selects a prefix
  --workflow-prefix PATH       path prefix of the workflow protocol (default /workflows)
  --expected-failures FILE     YAML: ID: reason (or a list of ids) known to fail on this server
  --json FILE                  write the JSON report
  --junit FILE                 write a JUnit XML report
  --concurrency N              requirements run at once (default 4)
  --timeout MS                 time limit per requirement (default 15000)
  --list                       print the requirement registry (with profiles and core/extension) and exit
  --help                       show this text

Exit status: 0 when every MUST passed, 1 when a MUST failed or an expected failure passed,
2 on a usage error or when the server cannot be reached.`;

function usageError(message: string): never {
  console.error(`switchboard-conformance: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main() {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse().values;
  } catch (error) {
    usageError((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  const protocols = values.protocol?.split(",").map((p) => p.trim()) as Protocol[] | undefined;
  for (const p of protocols ?? []) if (!PROTOCOLS.includes(p)) usageError(`unknown protocol ${p}`);
  const level = values.level?.toUpperCase() as Level | undefined;
  if (level && !["MUST", "SHOULD", "MAY"].includes(level)) usageError(`unknown level ${values.level}`);
  const filter = values.filter?.split(",");
  const profile = values.profile as Profile | undefined;
  if (profile && !PROFILES.includes(profile)) usageError(`unknown profile ${profile}; one of ${PROFILES.join(", ")}`);

  const selected = selectRequirements({ protocols, level, filter, profile });
  if (!selected.length) {
    const asked = [
      values.filter && `--filter ${values.filter}`,
      profile && `--profile ${profile}`,
      values.protocol && `--protocol ${values.protocol}`,
      values.level && `--level ${values.level}`,
    ].filter(Boolean);
    usageError(`${asked.join(" ") || "the options"} select no requirement`);
  }
  if (values.list) {
    process.stdout.write(formatListing(selected));
    return 0;
  }
  if (!values.url) usageError("--url is required");
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(values.url)) {
    usageError(`--url ${values.url} has no http:// or https:// scheme (try http://${values.url})`);
  }
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    usageError(`--url ${values.url} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    usageError(`--url ${values.url} has no http:// or https:// scheme (try http://${values.url})`);
  }

  let expectedFailures: Record<string, string> | undefined;
  if (values["expected-failures"]) {
    const text = readFileSync(values["expected-failures"], "utf8");
    expectedFailures = parseExpectedFailures(text, new Set(registry.map((r) => r.id)));
  }
  const concurrency = values.concurrency ? Number(values.concurrency) : undefined;
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0))
    usageError("--concurrency must be a positive integer");
  const timeoutMs = values.timeout ? Number(values.timeout) : undefined;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) usageError("--timeout must be a positive number of milliseconds");

  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const judged = profile && profile !== "switchboard" ? ` by the ${profile} profile` : "";
  console.log(`switchboard-conformance → ${values.url}${judged}${values.token ? " (with token)" : ""}\n`);
  const report = await runConformance({
    url: values.url,
    profile,
    protocols,
    token: values.token,
    level,
    filter,
    expectedFailures,
    workflowPrefix: values["workflow-prefix"],
    concurrency,
    timeoutMs,
    onNotice: (message) => console.log(`NOTE  ${message}\n`),
    onResult: (r) => console.log(formatResult(r, color)),
  });
  console.log(`\n${formatSummary(report)}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  if (values.junit) writeFileSync(values.junit, toJUnit(report));
  return report.ok ? 0 : 1;
}

function parse() {
  return parseArgs({
    options: {
      url: { type: "string" },
      profile: { type: "string" },
      protocol: { type: "string" },
      token: { type: "string" },
      level: { type: "string" },
      filter: { type: "string" },
      "workflow-prefix": { type: "string" },
      "expected-failures": { type: "string" },
      json: { type: "string" },
      junit: { type: "string" },
      concurrency: { type: "string" },
      timeout: { type: "string" },
      list: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof UnreachableServerError) console.error(`switchboard-conformance: ${error.message}`);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 2;
  },
);
