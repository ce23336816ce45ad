import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ADAPTERS, repoRoot, startServerProcess, type TestProcess } from "./support/index.js";

const hasHtmlClient = existsSync(join(repoRoot, "packages/cli/page/index.html"));

describe.each(ADAPTERS)("switchboard serve on %s", (framework) => {
  let proc: TestProcess | undefined;
  afterEach(async () => {
    await proc?.close();
    proc = undefined;
  });

  it("prints one listening line, serves the home page and JSON 404s, and exits cleanly on SIGTERM", async () => {
    proc = await startServerProcess(framework);
    expect(proc.output().stdout).toBe(`Switchboard listening on ${proc.url} (${framework})\n`);
    expect(proc.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const home = await fetch(`${proc.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get("content-type")).toMatch(hasHtmlClient ? /^text\/html/ : /^text\/plain/);
    expect(await home.text()).toContain(hasHtmlClient ? "<" : "/v1/responses");

    const missing = await fetch(`${proc.url}/no/such/path`, { method: "POST", body: "x" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { type: "not_found", message: "no route for POST /no/such/path" },
    });

    await proc.close();
    expect(await proc.exited).toEqual({ code: 0, signal: null });
  });
});
