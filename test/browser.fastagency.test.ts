/**
 * The custom HTML client of FastAgency's documentation (test/fixtures/fastagency-html-client.html:
 * FastAgency's package ships no page, so the fixture reproduces the documented one) in a real
 * headless Chromium, against the demo server (`serve` of packages/cli) on its FastAgency paths
 * (`/fastagency/...`). Needs Debian's `chromium` at /usr/bin/chromium, which the test command
 * installs (scripts/system-deps.mjs).
 *
 * The page is served by the demo itself (same origin): Switchboard has no CORS support yet, and
 * the documented client's `fetch` of `initiate_workflow` (JSON) needs a preflight from any other
 * origin.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryStore } from "@switchboard/core";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServingSwitchboard, serve } from "../packages/cli/src/index.js";
import { DEFAULT_WORKFLOW_PREFIXES } from "../packages/cli/src/options.js";
import { repoRoot } from "./support/index.js";

const CHROMIUM = "/usr/bin/chromium";

describe("FastAgency's documented HTML client in Chromium", () => {
  let server: ServingSwitchboard;
  let browser: Browser;
  let scratch: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "sb-fastagency-"));
    server = await serve({
      framework: "hono",
      host: "127.0.0.1",
      port: 0,
      dataDir: join(scratch, "data"),
      store: memoryStore(),
      htmlFile: join(repoRoot, "test/fixtures/fastagency-html-client.html"),
      // The demo's defaults: FastAgency's paths are among them.
      workflowPrefixes: [...DEFAULT_WORKFLOW_PREFIXES],
      corsOrigins: [],
      allowPublic: false,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("lists the workflows and runs `ask`, answering its text question through window.prompt", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // The documented client answers every text_input with window.prompt; the user types "Ada".
    const prompts: string[] = [];
    page.on("dialog", async (dialog) => {
      prompts.push(dialog.message());
      await dialog.accept("Ada");
    });
    await page.goto(`${server.url}/?server=${encodeURIComponent(server.url)}`);
    await page.getByRole("button", { name: "Asks for your name and a colour, then greets you." }).click();

    const items = page.getByRole("listitem");
    // `ask` then asks a multiple_choice, which this client does not answer: the run waits there.
    await expect
      .poll(() => items.allInnerTexts())
      .toEqual([
        "Workflow -> User: workflow_started",
        "Workflow -> User: Hello",
        "Workflow -> User: What is your name?",
        "Workflow -> User: multiple_choice",
      ]);
    expect(prompts).toEqual(["What is your name?"]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a failing workflow's error and its completion", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?server=${encodeURIComponent(server.url)}`);
    await page.getByRole("button", { name: /fails on purpose/ }).click();
    await expect
      .poll(() => page.getByRole("listitem").allInnerTexts())
      .toEqual([
        "Workflow -> User: workflow_started",
        "Workflow -> User: error",
        "Workflow -> User: workflow_completed",
      ]);
    await page.close();
  });
});
