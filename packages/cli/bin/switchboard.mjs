#!/usr/bin/env node
// The `switchboard` command. A packed or built package runs its compiled dist/bin.js; a checkout
// that was never built runs the TypeScript source through tsx, with the workspace's `source`
// export condition so that the other @switchboard packages load from their source too.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import { fileURLToPath } from "node:url";

const built = new URL("../dist/bin.js", import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const source = fileURLToPath(new URL("../src/bin.ts", import.meta.url));
  const tsx = import.meta.resolve("tsx");
  const child = spawn(process.execPath, ["--conditions=source", "--import", tsx, source, ...process.argv.slice(2)], {
    stdio: "inherit",
    // Its own process group, so a Ctrl-C (sent by the terminal to our group) reaches it once, through
    // us: the server reads a second signal as "stop now, do not drain".
    detached: true,
  });
  // The child handles SIGINT/SIGTERM itself (graceful shutdown); forward them rather than dying first.
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}
