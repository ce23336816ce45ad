// Rewrites the registry table of the README from the registry (the same table `--list` ends with).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { countTable, registry } from "../src/index.js";

export const START = "<!-- registry-table:start -->";
export const END = "<!-- registry-table:end -->";

export function withTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`README lacks the ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${countTable(registry)}\n${readme.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = fileURLToPath(new URL("../README.md", import.meta.url));
  writeFileSync(path, withTable(readFileSync(path, "utf8")));
}
