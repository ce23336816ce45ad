import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    include: [
      "packages/*/test/**/*.test.ts",
      "conformance/test/**/*.test.ts",
      "examples/*/test/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // eventsource-parser (under the AI SDK) publishes its TypeScript sources under the `source`
    // condition the workspace resolves with; Node cannot import those from node_modules, Vite can.
    server: { deps: { inline: ["eventsource-parser", /@ai-sdk\//, "ai"] } },
  },
});
