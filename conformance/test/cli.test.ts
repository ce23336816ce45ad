import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { countTable, registry } from "../src/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=source", "--import", "tsx", "conformance/src/cli.ts", ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

let server: Server;
let url: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "conformance-cli-"));
  // Just enough of the Responses protocol for the RESP-MODELS requirements.
  const model = (id: string) => ({ id, object: "model", created: 1_700_000_000, owned_by: "test" });
  server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.url === "/v1/models") return send(200, { object: "list", data: ["echo", "tools", "slow"].map(model) });
    if (req.url === "/v1/models/echo") return send(200, model("echo"));
    send(404, { error: { type: "not_found_error", message: `no route ${req.url}`, param: null, code: null } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe("switchboard-conformance CLI", () => {
  test("--list prints every requirement and the count table", async () => {
    const { code, stdout } = await cli(["--list"]);
    expect(code).toBe(0);
    for (const r of registry) expect(stdout).toContain(r.id);
    expect(stdout).toContain(countTable(registry));
  });

  test("exits 0 when the selected MUSTs pass, and writes the JSON and JUnit reports", async () => {
    const json = join(dir, "ok.json");
    const junit = join(dir, "ok.xml");
    const { code, stdout } = await cli(["--url", url, "--filter", "RESP-MODELS-*", "--json", json, "--junit", junit]);
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/PASS\s+RESP-MODELS-001\s+MUST/);
    expect(stdout).toMatch(/responses\s+MUST\s+3\s+3\s+0/);
    const report = JSON.parse(await readFile(json, "utf8"));
    expect(report.results.map((r: { id: string }) => r.id)).toEqual([
      "RESP-MODELS-001",
      "RESP-MODELS-002",
      "RESP-MODELS-003",
    ]);
    expect(await readFile(junit, "utf8")).toContain('<testsuite name="responses" tests="3" failures="0"');
  });

  test("exits 1 when a MUST fails, 0 when that failure is expected, 1 again when an expected failure passes", async () => {
    const failing = await cli(["--url", url, "--filter", "RESP-MODELS-001,RESP-CREATE-001"]);
    expect(failing.code, failing.stdout).toBe(1);
    expect(failing.stdout).toMatch(/FAIL\s+RESP-CREATE-001/);

    const expected = join(dir, "expected.yaml");
    await writeFile(expected, "RESP-CREATE-001: this server has no POST /v1/responses\n");
    const excused = await cli([
      "--url",
      url,
      "--filter",
      "RESP-MODELS-001,RESP-CREATE-001",
      "--expected-failures",
      expected,
    ]);
    expect(excused.code, excused.stdout).toBe(0);
    expect(excused.stdout).toMatch(/XFAIL\s+RESP-CREATE-001/);

    await writeFile(expected, "- RESP-MODELS-001\n");
    const stale = await cli(["--url", url, "--filter", "RESP-MODELS-001", "--expected-failures", expected]);
    expect(stale.code, stale.stdout).toBe(1);
    expect(stale.stdout).toMatch(/XPASS\s+RESP-MODELS-001/);
  });

  test("exits 2 on a usage error or an unreachable server", async () => {
    const usage = await cli(["--protocol", "responses"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--url is required");
    const down = await cli(["--url", "http://127.0.0.1:1"]);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain("cannot reach http://127.0.0.1:1");
  });

  test("a --filter (or profile) that selects nothing is a usage error, not an OK run", async () => {
    const nothing = await cli(["--url", url, "--filter", "RESP-NOPE-*"]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("--filter RESP-NOPE-* select no requirement");
    expect(nothing.stdout).not.toContain("OK");
    const mismatch = await cli(["--url", url, "--profile", "fastagency", "--protocol", "responses"]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain("--profile fastagency --protocol responses select no requirement");
    const unknown = await cli(["--url", url, "--profile", "langchain"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown profile langchain");
  });

  test("a URL without a scheme is a usage error, not an unreachable server", async () => {
    const host = url.replace("http://", "");
    const result = await cli(["--url", host, "--filter", "RESP-MODELS-*"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--url ${host} has no http:// or https:// scheme (try http://${host})`);
    expect(result.stderr).not.toContain("cannot reach");
  });

  test("--list shows each requirement's kind and profiles; --profile narrows it to that wire's core rules", async () => {
    const all = await cli(["--list"]);
    expect(all.stdout).toMatch(/RESP-CREATE-002 +MUST +core +the echo fixture/);
    expect(all.stdout).toMatch(/profiles: openai, open-responses, switchboard/);
    expect(all.stdout).toMatch(/AGENT-SSE-007 +MUST +extension +Last-Event-ID/);
    const fastagency = await cli(["--list", "--profile", "fastagency"]);
    expect(fastagency.code).toBe(0);
    const ids = [...fastagency.stdout.matchAll(/^([A-Z]+-[A-Z]+-\d{3}) /gm)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(id).toMatch(/^WF-/);
    expect(fastagency.stdout).not.toMatch(/^[A-Z]+-[A-Z]+-\d{3} +[A-Z]+ +extension /m);
  });

  test("a server that answers HTML is told once, at the top, that it does not speak the protocol", async () => {
    const html = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><title>Welcome</title>");
    });
    await new Promise<void>((resolve) => html.listen(0, "127.0.0.1", resolve));
    try {
      const at = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
      const result = await cli(["--url", at, "--protocol", "responses", "--level", "must", "--concurrency", "8"]);
      expect(result.code).toBe(1);
      const notes = result.stdout.split("\n").filter((l) => l.startsWith("NOTE"));
      expect(notes).toEqual([
        'NOTE  GET /v1/models answered 200 text/html ("<!doctype html><title>Welcome</title>"), not JSON: this server does not seem to speak the Responses protocol at these paths; expect its requirements to fail',
      ]);
      // The note comes before the first verdict.
      expect(result.stdout.indexOf("NOTE")).toBeLessThan(result.stdout.search(/^(PASS|FAIL) /m));
    } finally {
      await new Promise<void>((resolve) => html.close(() => resolve()));
    }
  }, 60_000);
});
