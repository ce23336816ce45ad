// The generated clients' freshness check, shared by Python and Go: the documents they are generated
// from, and the comparison of a freshly generated tree with the committed one (or its replacement
// under --write).
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { root } from "./harness.mjs";

/** The OpenAPI documents the Python and Go clients are generated from. */
export const SPECS = ["responses", "agents", "workflows"];
export const specPath = (name) => join(root, `specs/generated/openapi/${name}.openapi.3.1.yaml`);

/** Files under dir as relative paths, skipping caches the tools leave behind. */
function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "__pycache__" || entry.name === ".ruff_cache") return [];
    const full = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full, base) : [relative(base, full)];
  });
}

/** Compares two trees; returns human-readable differences (empty when identical). */
function diffTrees(committed, fresh) {
  const a = new Set(listFiles(committed));
  const b = new Set(listFiles(fresh));
  const out = [];
  for (const f of b) {
    if (!a.has(f)) out.push(`missing: ${f}`);
    else if (!readFileSync(join(committed, f)).equals(readFileSync(join(fresh, f)))) out.push(`differs: ${f}`);
  }
  for (const f of a) if (!b.has(f)) out.push(`not generated: ${f}`);
  return out;
}

/** Compares the fresh output with the committed one, or replaces it when `write` is set. */
export function settle(label, committed, fresh, write) {
  const differences = diffTrees(committed, fresh);
  if (differences.length === 0) {
    console.log(`${label}: committed client is up to date`);
    return true;
  }
  if (write) {
    rmSync(committed, { recursive: true, force: true });
    cpSync(fresh, committed, { recursive: true, filter: (src) => !/(__pycache__|\.ruff_cache)$/.test(src) });
    console.log(`${label}: regenerated (${differences.length} file(s) changed)`);
    return true;
  }
  console.error(`${label}: the committed client is stale (run node scripts/other-languages.mjs --write):`);
  for (const d of differences.slice(0, 20)) console.error(`  ${d}`);
  if (differences.length > 20) console.error(`  … and ${differences.length - 20} more`);
  return false;
}
