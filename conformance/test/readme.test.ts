import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { withTable } from "../scripts/readme-table.js";

const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8");

describe("README", () => {
  test("its registry table matches the registry (run conformance/scripts/readme-table.ts to update)", () => {
    expect(withTable(readme)).toBe(readme);
  });

  test("documents every fixture the requirements use", () => {
    for (const name of ["echo", "tools", "slow", "ask", "fail"]) expect(readme).toContain(`\`${name}\``);
  });
});
