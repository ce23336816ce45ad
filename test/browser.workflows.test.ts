/**
 * The HTML workflow client (packages/cli/page) in a real headless Chromium, against
 * the real demo server (`switchboard serve`). Needs Debian's `chromium` at /usr/bin/chromium,
 * which the test command installs (scripts/system-deps.mjs).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, startServerProcess, type TestProcess } from "./support/index.js";

const CHROMIUM = "/usr/bin/chromium";
const screenshots = join(repoRoot, "test-results");

describe("HTML workflow client in Chromium", () => {
  let server: TestProcess;
  let context: BrowserContext;
  let scratch: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "sb-browser-"));
    mkdirSync(screenshots, { recursive: true });
    server = await startServerProcess("hono", { SWITCHBOARD_DATA_DIR: join(scratch, "data") }, 90_000);
    context = await chromium.launchPersistentContext(join(scratch, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1100, height: 900 },
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function openPage(): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/`);
    await page.getByRole("button", { name: "Start ask" }).waitFor();
    return page;
  }

  it("lists the workflows and runs `ask` by clicking and typing", async () => {
    const page = await openPage();
    const workflows = page.getByRole("region", { name: "Workflows" }).getByRole("listitem");
    await expect
      .poll(() => workflows.allInnerTexts())
      .toEqual(expect.arrayContaining([expect.stringContaining("ask"), expect.stringContaining("fail")]));

    await page.getByRole("button", { name: "Start ask" }).click();
    const name = page.getByRole("textbox", { name: "What is your name?" });
    await name.waitFor();
    await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
    await name.fill("Ada");
    await name.press("Enter");

    const color = page.getByRole("form", { name: "Pick a color" });
    await color.getByRole("radio", { name: "green" }).check();
    await color.getByRole("button", { name: "Send" }).click();

    const log = page.getByRole("list", { name: "Messages of the run" });
    await log.getByText("Result: Ada:green").waitFor();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Completed.");
    const messages = await log
      .locator(":scope > li")
      .evaluateAll((items) => items.map((li) => li.getAttribute("data-type") ?? "answer"));
    expect(messages).toEqual([
      "workflow_started",
      "text_message",
      "text_input",
      "answer",
      "multiple_choice",
      "answer",
      "text_message",
      "workflow_completed",
    ]);
    await expect.poll(() => log.textContent()).toContain("Hi Ada, you picked green");
    await page.screenshot({ path: join(screenshots, "html-workflow-client-ask.png"), fullPage: true });
    await page.close();
  });

  it("masks password questions, offers checkboxes for several choices, and shows failures", async () => {
    const page = await openPage();
    await page.getByRole("button", { name: "Start showcase" }).click();
    const city = page.getByRole("form", { name: "Which city?" });
    await city.getByRole("button", { name: "Tokyo" }).click();
    await city.getByRole("button", { name: "Send" }).click();

    const toppings = page.getByRole("form", { name: /Pick any toppings/ });
    await expect.poll(() => toppings.getByRole("checkbox").count()).toBe(4);
    expect(await toppings.getByRole("checkbox", { name: "cheese" }).isChecked()).toBe(true);
    await toppings.getByRole("checkbox", { name: "olives" }).check();
    await toppings.getByRole("button", { name: "Send" }).click();

    const secret = page.getByRole("textbox", { name: /pretend secret/ });
    expect(await secret.getAttribute("type")).toBe("password");
    await secret.fill("hunter2");
    await secret.press("Enter");
    const log = page.getByRole("list", { name: "Messages of the run" });
    await log.getByText(/pizza with cheese, olives/).waitFor();
    expect(await log.textContent()).not.toContain("hunter2");
    await log.getByText(/^Result: /).waitFor();
    await page.screenshot({ path: join(screenshots, "html-workflow-client-showcase.png"), fullPage: true });

    await page.getByRole("button", { name: "Start fail" }).click();
    await log.getByRole("alert").getByText("workflow_failed").waitFor();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/^The workflow failed/);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
