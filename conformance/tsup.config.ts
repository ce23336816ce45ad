import { defineConfig } from "tsup";

// A self-contained build: @switchboard/protocol (the schemas and compiled validators) is bundled,
// so the published package needs only its npm dependencies.
export default defineConfig({
  entry: ["src/index.ts", "src/cli.ts"],
  format: ["esm"],
  target: "node20",
  clean: true,
  dts: { resolve: ["@switchboard/protocol"], entry: "src/index.ts" },
  noExternal: ["@switchboard/protocol"],
  esbuildOptions(options) {
    options.conditions = ["source"];
  },
});
