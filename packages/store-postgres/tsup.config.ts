import { defineConfig } from "tsup";

export default defineConfig({
  // The embedded database's thread is a module of its own, loaded by path (src/pglite.ts).
  entry: ["src/index.ts", "src/pglite-thread.ts"],
  format: ["esm"],
  // tsup's declaration build sets `baseUrl`, which TypeScript 6 reports as deprecated.
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  clean: true,
  target: "node22",
});
