import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot } from "./support/index.js";

// `npm start` as a container or process manager runs it: the bootstrap (scripts/bootstrap.mjs)
// sits between npm and the server and must pass termination signals on and report the exit code.
describe("npm start", () => {
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterEach(() => {
    // A failed test must not leave a server behind; npm passes SIGTERM on to it.
    if (child?.exitCode === null) child.kill("SIGTERM");
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("stops on SIGTERM to npm after finishing the request in flight, and exits 0", async () => {
    dataDir = mkdtempSync(join(tmpdir(), "switchboard-npm-start-"));
    const npm = spawn("npm", ["start"], {
      cwd: repoRoot,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", SWITCHBOARD_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = npm;
    let output = "";
    npm.stdout.setEncoding("utf8").on("data", (s: string) => {
      output += s;
    });
    npm.stderr.setEncoding("utf8").on("data", (s: string) => {
      output += s;
    });
    const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const onData = () => {
        const match = /Switchboard listening on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      };
      npm.stdout.on("data", onData);
      exited.then((code) => reject(new Error(`npm start exited early (${code}):\n${output}`)));
    });

    // The `slow` fixture agent answers over several seconds: SIGTERM arrives while it runs.
    const inFlight = fetch(`${url}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "slow", input: "hi" }),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    npm.kill("SIGTERM");

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect((await answer.json()).status).toBe("completed");
    expect(await exited).toBe(0);
    expect(output).toContain("SIGTERM received, shutting down");
    await expect(fetch(`${url}/v1/models`)).rejects.toThrow();
  }, 120_000);
});
