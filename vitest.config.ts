import { defineConfig } from "vitest/config";

// One project per kind of test, so a run can pick one (`vitest run --project unit`): the
// packages' own tests, the adapters matrix (every framework, real servers and clients), the
// conformance suite (its own tests and its runs against every adapter), and the headless browser.
const conformance = ["conformance/test/**/*.test.ts", "test/conformance.*.test.ts"];
const browser = ["test/browser.*.test.ts"];

export default defineConfig({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts"] },
      },
      {
        extends: true,
        test: { name: "adapters", include: ["test/**/*.test.ts"], exclude: [...conformance, ...browser] },
      },
      { extends: true, test: { name: "conformance", include: conformance } },
      { extends: true, test: { name: "browser", include: browser } },
    ],
  },
});
