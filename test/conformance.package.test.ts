/**
 * The published form of the suite: `pnpm pack` of @switchboard/conformance (its prepack builds the
 * self-contained dist), `npm install <tarball>` into an empty folder outside the workspace, then
 * `npx switchboard-conformance` against the demo server (`switchboard serve`) with nothing else
 * installed. The server's known gaps go in as an expected-failures file, as a third party would.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { OUR_KNOWN_GAPS } from "../conformance/test/known-gaps.js";
import { repoRoot, startServerProcess, type TestProcess } from "./support/index.js";

const PNPM = ["-y", "pnpm@10.34.8"];

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

let dir: string;
let server: TestProcess | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "switchboard-conformance-pkg-"));
  const packed = await run("npx", [...PNPM, "pack", "--pack-destination", dir], join(repoRoot, "conformance"));
  expect(packed.code, packed.out).toBe(0);
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  expect(tarball, packed.out).toBeDefined();
  const app = join(dir, "app");
  const installed = await run("npm", ["install", "--no-audit", "--no-fund", join(dir, tarball!)], mkdirp(app));
  expect(installed.code, installed.out).toBe(0);
  server = await startServerProcess("hono");
}, 240_000);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function mkdirp(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}

test("the tarball installs alone: no workspace package, only its npm dependencies", () => {
  const modules = join(dir, "app", "node_modules");
  expect(readdirSync(join(modules, "@switchboard"))).toEqual(["conformance"]);
  const pkg = JSON.parse(readFileSync(join(modules, "@switchboard", "conformance", "package.json"), "utf8"));
  expect(Object.keys(pkg.dependencies).sort()).toEqual(["ajv", "ajv-formats", "undici", "ws", "yaml"]);
  expect(existsSync(join(modules, "@switchboard", "conformance", "LICENSE"))).toBe(true);
  expect(existsSync(join(modules, "@switchboard", "conformance", "dist", "index.d.ts"))).toBe(true);
});

test("npx switchboard-conformance runs the whole suite against the demo server and passes", async () => {
  const app = join(dir, "app");
  const gaps = Object.entries(OUR_KNOWN_GAPS)
    .map(([id, reason]) => `${id}: ${JSON.stringify(reason)}`)
    .join("\n");
  writeFileSync(join(app, "gaps.yaml"), `${gaps}\n`);
  const result = await run(
    "npx",
    [
      "--no-install",
      "switchboard-conformance",
      "--url",
      server!.url,
      "--expected-failures",
      "gaps.yaml",
      "--json",
      "report.json",
    ],
    app,
  );
  expect(result.code, result.out).toBe(0);
  expect(result.out).toContain("OK: every MUST requirement passed");
  const report = JSON.parse(readFileSync(join(app, "report.json"), "utf8"));
  expect(report.results.length).toBeGreaterThan(200);
  expect(report.results.filter((r: { outcome: string }) => r.outcome === "fail")).toEqual([]);
}, 120_000);

test("the library entry point imports from the installed package", async () => {
  const script = `import("@switchboard/conformance").then((m) => console.log(typeof m.runConformance, m.registry.length, m.PROFILES.join(",")))`;
  const result = await run(process.execPath, ["-e", script], join(dir, "app"));
  expect(result.code, result.out).toBe(0);
  expect(result.out).toMatch(/^function \d{3} openai,open-responses,pyflue,fastagency,switchboard\n$/);
});
