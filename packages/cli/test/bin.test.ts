import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpText } from "../src/args.js";
import { cliRoot, repoRoot, run, startCli, switchboardBin } from "./process.js";

const version = JSON.parse(readFileSync(join(cliRoot, "package.json"), "utf8")).version as string;
const builtDir = join(cliRoot, ".build-test");
const node = process.execPath;

describe("the switchboard command", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    // The package's own build of the bin (bundling only its own modules, as `build` does).
    const built = await run(
      join(repoRoot, "node_modules/.bin/tsup"),
      ["src/bin.ts", "--no-config", "--format", "esm", "--target", "node22", "--out-dir", builtDir],
      { cwd: cliRoot },
    );
    expect(built.code, built.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(builtDir, { recursive: true, force: true }));

  // The built file still imports the other workspace packages; a checkout has them as source only.
  const builtBin = (args: string[]) =>
    run(node, ["--conditions=source", "--import", "tsx", join(builtDir, "bin.js"), ...args]);

  it("prints the same help from npm start, the installed bin and the built bin", async () => {
    const expected = helpText("serve");
    const npmStart = await run("npm", ["start", "--silent", "--", "--help"]);
    expect(npmStart.code, npmStart.stderr).toBe(0);
    expect(npmStart.stdout.endsWith(expected)).toBe(true);
    const installed = await run(switchboardBin, ["serve", "--help"]);
    expect(installed).toEqual({ code: 0, stdout: expected, stderr: "" });
    expect(await builtBin(["serve", "--help"])).toEqual({ code: 0, stdout: expected, stderr: "" });
    expect((await run(switchboardBin, ["--help"])).stdout).toBe(helpText());
  });

  it("prints the package version", async () => {
    expect(await run(switchboardBin, ["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect(await builtBin(["serve", "--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("exits 2 naming an unknown flag or a bad value, from every entry point", async () => {
    for (const result of [
      await run(switchboardBin, ["serve", "--port", "9999", "--colour"]),
      await builtBin(["serve", "--colour"]),
    ]) {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(
        "switchboard: unknown flag --colour for switchboard serve\nRun switchboard serve --help for the flags.\n",
      );
    }
    const bad = await run(switchboardBin, ["serve", "--rate-limit", "fast"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^switchboard: --rate-limit must be requests per window/);
    const badEnv = await run(switchboardBin, ["serve"], { env: { PORT: "eighty" } });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toMatch(/^switchboard: PORT must be an integer/);
  });
});

describe("switchboard serve", { timeout: 120_000 }, () => {
  it("lets flags override the environment and mounts workflows at each --workflow-prefix", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "switchboard-cli-"));
    const server = await startCli(
      ["serve", "--port", "0", "--framework", "express", "--data-dir", dataDir, "--workflow-prefix", "/wf,/fastagency"],
      // Each of these would fail or differ if the environment won.
      { env: { PORT: "1", SWITCHBOARD_FRAMEWORK: "fastify", SWITCHBOARD_DATA_DIR: "/nonexistent/x" } },
    );
    try {
      expect(server.output().stdout).toMatch(/^Switchboard listening on http:\/\/127\.0\.0\.1:\d+ \(express\)\n$/);
      for (const prefix of ["/wf", "/fastagency"]) {
        const discovery = await fetch(`${server.url}${prefix}/discovery`);
        expect(discovery.status).toBe(200);
        expect(await discovery.json()).toContainEqual(expect.objectContaining({ name: "ask" }));
      }
      expect((await fetch(`${server.url}/workflows/discovery`)).status).toBe(404);
    } finally {
      expect(await server.close()).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("mounts /workflows and /fastagency by default", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "switchboard-cli-"));
    const server = await startCli(["serve", "--port", "0"], { env: { SWITCHBOARD_DATA_DIR: dataDir } });
    try {
      for (const prefix of ["/workflows", "/fastagency"]) {
        expect((await fetch(`${server.url}${prefix}/discovery`)).status).toBe(200);
      }
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
