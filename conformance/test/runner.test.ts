import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  parseExpectedFailures,
  type Requirement,
  registry,
  runConformance,
  selectRequirements,
  toJUnit,
  UnreachableServerError,
} from "../src/index.js";

let server: Server;
let url: string;

beforeAll(async () => {
  // Answers /v1/models with a model list whose entry lacks `owned_by`, everything else with 404.
  server = createServer((req, res) => {
    if (req.url === "/v1/models") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: [{ id: "echo", object: "model", created: 1 }] }));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { type: "not_found_error", message: "nope", param: null, code: null } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const requirement = (
  id: string,
  level: Requirement["level"],
  run: Requirement["run"],
  extra: Partial<Requirement> = {},
): Requirement => ({
  id,
  level,
  protocol: "responses",
  section: "test",
  statement: `statement of ${id}`,
  profiles: ["openai", "switchboard"],
  kind: "core",
  run,
  ...extra,
});

describe("runConformance", () => {
  test("reports pass, fail and skip; a schema violation fails only the schema requirement, naming the pointer", async () => {
    const report = await runConformance({
      url,
      requirements: [
        requirement("RESP-T-001", "MUST", async () => {}),
        requirement("RESP-T-002", "MUST", async (t) => t.fail("broken on purpose")),
        requirement("RESP-T-003", "MUST", async (t) => t.skip("not applicable here")),
        requirement("RESP-T-004", "MUST", async () => {}, { needsToken: true }),
        requirement("RESP-T-005", "SHOULD", async (t) => {
          const res = await t.request("GET", "/v1/models", {
            okSchema: "ModelList",
            errorSchema: "ResponsesErrorEnvelope",
          });
          t.equal(res.status, 200, "status");
        }),
        requirement("RESP-T-006", "SHOULD", async (t) => {
          await t.request("GET", "/v1/models", { okSchema: "ModelList", errorSchema: "ResponsesErrorEnvelope" });
          await t.request("GET", "/v1/models", { okSchema: "ModelList", errorSchema: "ResponsesErrorEnvelope" });
          t.conforms(["ModelList"]);
        }),
      ],
    });
    const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));
    expect(byId["RESP-T-001"]!.outcome).toBe("pass");
    expect(byId["RESP-T-002"]).toMatchObject({ outcome: "fail", message: "broken on purpose" });
    expect(byId["RESP-T-003"]).toMatchObject({ outcome: "skip", message: "not applicable here" });
    expect(byId["RESP-T-004"]).toMatchObject({ outcome: "skip", message: expect.stringContaining("--token") });
    expect(byId["RESP-T-005"]!.outcome).toBe("pass");
    expect(byId["RESP-T-006"]!.outcome).toBe("fail");
    // The same defect in two payloads is reported once, with its count.
    expect(byId["RESP-T-006"]!.message).toMatch(/\/data\/0\/owned_by.*\(×2\)$/);
    expect(report.summary.responses.MUST).toEqual({ pass: 1, fail: 1, skip: 2, xfail: 0, xpass: 0 });
    expect(report.ok).toBe(false);
  });

  test("a failing SHOULD does not fail the run; a failing MUST does", async () => {
    const should = await runConformance({
      url,
      requirements: [requirement("RESP-T-001", "SHOULD", async (t) => t.fail("x"))],
    });
    expect(should.ok).toBe(true);
    const must = await runConformance({
      url,
      requirements: [requirement("RESP-T-001", "MUST", async (t) => t.fail("x"))],
    });
    expect(must.ok).toBe(false);
  });

  test("an expected failure that fails is xfail; one that passes is xpass and fails the run", async () => {
    const report = await runConformance({
      url,
      expectedFailures: { "RESP-T-001": "known", "RESP-T-002": "known" },
      requirements: [
        requirement("RESP-T-001", "MUST", async (t) => t.fail("still broken")),
        requirement("RESP-T-002", "MUST", async () => {}),
      ],
    });
    expect(report.results.map((r) => r.outcome)).toEqual(["xfail", "xpass"]);
    expect(report.ok).toBe(false);
  });

  test("a requirement that hangs fails with a timeout and its cleanups run", async () => {
    let cleaned = false;
    const report = await runConformance({
      url,
      timeoutMs: 100,
      requirements: [
        requirement("RESP-T-001", "MUST", async (t) => {
          t.defer(() => {
            cleaned = true;
          });
          await new Promise(() => {});
        }),
      ],
    });
    expect(report.results[0]).toMatchObject({
      outcome: "fail",
      message: "timed out after 100 ms; last observed: nothing (no answer at all)",
    });
    expect(cleaned).toBe(true);
  });

  test("an unreachable server is an error before any requirement runs", async () => {
    await expect(runConformance({ url: "http://127.0.0.1:1", requirements: [] })).rejects.toBeInstanceOf(
      UnreachableServerError,
    );
  });

  test("results come back in registry order whatever the concurrency", async () => {
    const ids = ["RESP-T-003", "RESP-T-001", "RESP-T-002"];
    const report = await runConformance({
      url,
      concurrency: 3,
      requirements: ids.map((id, i) => requirement(id, "MUST", (t) => t.sleep(30 * (3 - i)))),
    });
    expect(report.results.map((r) => r.id)).toEqual(ids);
  });
});

describe("selection", () => {
  test("--level keeps the levels up to the one given", () => {
    expect(new Set(selectRequirements({ level: "MUST" }).map((r) => r.level))).toEqual(new Set(["MUST"]));
    expect(selectRequirements({ level: "SHOULD" }).some((r) => r.level === "SHOULD")).toBe(true);
    expect(selectRequirements({}).length).toBe(registry.length);
  });

  test("--filter takes ids and prefixes; --protocol keeps one protocol", () => {
    const stream = selectRequirements({ filter: ["RESP-STREAM-*", "WF-RUN-001"] });
    expect(stream.length).toBeGreaterThan(5);
    expect(stream.every((r) => r.id.startsWith("RESP-STREAM-") || r.id === "WF-RUN-001")).toBe(true);
    expect(selectRequirements({ protocols: ["agents"] }).every((r) => r.protocol === "agents")).toBe(true);
  });

  test("every requirement has a section and a one-line statement", () => {
    for (const r of registry) {
      expect(r.section, r.id).not.toBe("");
      expect(r.statement, r.id).toMatch(/^[^\n]{10,}$/);
    }
  });
});

describe("expected-failures files", () => {
  const known = new Set(["RESP-STREAM-004", "AGENT-WS-003"]);

  test("a mapping, a list of ids and a list of {id, reason} are all accepted", () => {
    expect(parseExpectedFailures("RESP-STREAM-004: no [DONE] yet\n", known)).toEqual({
      "RESP-STREAM-004": "no [DONE] yet",
    });
    expect(parseExpectedFailures("- RESP-STREAM-004\n- AGENT-WS-003\n", known)).toEqual({
      "RESP-STREAM-004": "listed as expected to fail",
      "AGENT-WS-003": "listed as expected to fail",
    });
    expect(parseExpectedFailures("- id: AGENT-WS-003\n  reason: ids ignored\n", known)).toEqual({
      "AGENT-WS-003": "ids ignored",
    });
  });

  test("an unknown id is refused, so a typo cannot hide a failure", () => {
    expect(() => parseExpectedFailures("RESP-STREAM-999: typo\n", known)).toThrow(/RESP-STREAM-999/);
  });
});

describe("JUnit report", () => {
  test("one suite per protocol, failures and skips counted, text escaped", async () => {
    const report = await runConformance({
      url,
      requirements: [
        requirement("RESP-T-001", "MUST", async (t) => t.fail('bad <body> & "quotes"')),
        requirement("RESP-T-002", "MUST", async (t) => t.skip("n/a")),
        { ...requirement("AGENT-T-001", "SHOULD", async () => {}), protocol: "agents" },
      ],
    });
    const xml = toJUnit(report);
    expect(xml).toContain('<testsuite name="responses" tests="2" failures="1" errors="0" skipped="1"');
    expect(xml).toContain('<testsuite name="agents" tests="1" failures="0" errors="0" skipped="0"');
    expect(xml).toContain('message="bad &lt;body&gt; &amp; &quot;quotes&quot;"');
    expect(xml).not.toContain("<body>");
  });
});
