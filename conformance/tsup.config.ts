import { defineConfig } from "tsup";

// A self-contained build: @switchboard/protocol (the schemas and compiled validators) is bundled,
// so the published package needs only its npm dependencies.
export default defineConfig({
  entry: ["src/index.ts", "src/cli.ts"],
  format: ["esm"],
  target: "node22",
  clean: true,
  // tsup's declaration build sets `baseUrl`, which TypeScript 6 reports as deprecated.
  dts: { resolve: ["@switchboard/protocol"], entry: "src/index.ts", compilerOptions: { ignoreDeprecations: "6.0" } },
  noExternal: ["@switchboard/protocol"],
  esbuildOptions(options) {
    options.conditions = ["source"];
  },
});
