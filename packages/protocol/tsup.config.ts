import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/responses.ts", "src/agents.ts", "src/workflows.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  target: "node20",
});
