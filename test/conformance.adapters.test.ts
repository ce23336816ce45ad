/**
 * The whole conformance suite against the real `switchboard serve` CLI on each adapter, each on a
 * fresh port with its own embedded store and an API key (so the authentication requirements run
 * too). Every MUST and SHOULD requirement must pass; the only tolerated failures are the known
 * gaps listed in conformance/test/known-gaps.ts, and each of those must still fail.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  agentsProtocol,
  dispatchQueueFrom,
  memoryStore,
  responsesProtocol,
  workflowsProtocol,
} from "@switchboard/core";
import { fixtureAgents, fixtureWorkflows } from "@switchboard/core/fixtures";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatSummary, type Report, runConformance } from "../conformance/src/index.js";
import { OUR_KNOWN_GAPS } from "../conformance/test/known-gaps.js";
import { ADAPTERS, startServer, startServerProcess, type TestProcess } from "./support/index.js";

const TOKEN = "conformance-adapters-key";

/** Every requirement passed (or is a known gap); skips only where `skipped` allows them. */
function expectAllPassed(report: Report, skipped: (id: string) => boolean = () => false) {
  const problems = report.results
    .filter((r) => r.outcome !== "pass" && r.outcome !== "xfail" && !(r.outcome === "skip" && skipped(r.id)))
    .map((r) => `${r.outcome.toUpperCase()} ${r.id}: ${r.message}`);
  expect(problems, `${formatSummary(report)}\n\n${problems.join("\n")}`).toEqual([]);
  expect(report.ok).toBe(true);
}

/** Runs every requirement up to SHOULD, with the API key, and expects all of them to pass. */
async function expectWholeSuitePasses(url: string): Promise<Report> {
  const report = await runConformance({
    url,
    token: TOKEN,
    level: "SHOULD",
    concurrency: 8,
    expectedFailures: OUR_KNOWN_GAPS,
  });
  // RESP-LIMIT-001 needs a rate limit low enough to reach: hardening.rate-limit.test.ts runs it so.
  expectAllPassed(report, (id) => id === "RESP-LIMIT-001");
  expect(report.results.length).toBeGreaterThan(150);
  return report;
}

describe.each(ADAPTERS)("conformance suite against switchboard serve on %s", (framework) => {
  let server: TestProcess | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), `switchboard-conformance-${framework}-`));
    server = await startServerProcess(framework, { SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_API_KEY: TOKEN });
  });

  afterAll(async () => {
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test("every MUST and SHOULD requirement passes", async () => {
    const report = await expectWholeSuitePasses(server!.url);
    console.log(
      `conformance on ${framework}: ${report.results.length} requirements in ${(report.durationMs / 1000).toFixed(1)} s`,
    );
    // A few seconds on an idle machine; the margin is for CI runners busy with other suites.
  }, 120_000);
});

// Hono's `listen()` answers on Node's own request and response; the portable app runs everywhere
// else (Bun, Deno, Workers) through fetch Requests and Responses, so it gets the whole suite too.
test("every MUST and SHOULD requirement passes on the portable Hono app (fetch path)", async () => {
  const store = memoryStore();
  const server = await startServer("hono-fetch", {
    apiKey: TOKEN,
    protocols: [
      responsesProtocol({
        agents: fixtureAgents,
        store: store.responses,
        conversations: store.conversations,
        bus: store.bus,
      }),
      workflowsProtocol({ workflows: fixtureWorkflows, store: store.workflows, bus: store.bus }),
      agentsProtocol({
        agents: fixtureAgents,
        sessions: store.sessions,
        bus: store.bus,
        dispatch: { queue: dispatchQueueFrom(store.dispatch) },
      }),
    ],
  });
  try {
    await expectWholeSuitePasses(server.url);
  } finally {
    await server.close();
    await store.close();
  }
}, 120_000);

test("--workflow-prefix runs the workflow requirements under FastAgency's /fastagency paths", async () => {
  const server = await startServer("hono", {
    protocols: [workflowsProtocol({ workflows: fixtureWorkflows, prefix: "/fastagency" })],
  });
  try {
    const report = await runConformance({
      url: server.url,
      protocols: ["workflows"],
      workflowPrefix: "/fastagency/",
      expectedFailures: OUR_KNOWN_GAPS,
    });
    // No API key on this server, so the authentication requirements do not apply.
    expectAllPassed(report, (id) => id.startsWith("WF-AUTH-"));
    expect(report.results.filter((r) => r.outcome === "pass").length).toBeGreaterThan(30);
  } finally {
    await server.close();
  }
});
