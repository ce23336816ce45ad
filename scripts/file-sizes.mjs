#!/usr/bin/env node
// Informational: the hand-written source files over the project's aim of ~400 lines, longest
// first. Generated output (any `generated/` folder) and vendored code are not counted. Exits 0
// whatever it finds; the list is there to be read, not to fail a build.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const LIMIT = 400;
const SOURCE = /\.(?:[cm]?[jt]sx?|py|go|tsp)$/;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const files = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
  .split("\0")
  .filter((file) => SOURCE.test(file) && !/(^|\/)(generated|node_modules|dist|vendor)\//.test(file));
const long = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(join(root, file), "utf8");
  } catch {
    continue; // listed by git but deleted in the working tree
  }
  const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  if (lines > LIMIT) long.push({ file, lines });
}
long.sort((a, b) => b.lines - a.lines);
console.log(`${long.length} of ${files.length} hand-written source files are over ${LIMIT} lines:`);
for (const { file, lines } of long) console.log(`  ${String(lines).padStart(5)}  ${file}`);
