#!/usr/bin/env node
// System packages some tests need: Debian's chromium (the browser test drives the HTML client with
// playwright-core), PostgreSQL (the tests that claim Postgres run a real server) and Python with venv
// (the other-language checks). Installed from Debian's packages when missing and we may (root with
// apt-get); otherwise say exactly what is missing. Go (≥ 1.25) is newer than Debian's and must be on
// the machine already.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

const hasPostgres = () =>
  existsSync("/usr/lib/postgresql") &&
  readdirSync("/usr/lib/postgresql").some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));

const needs = [];
if (!existsSync("/usr/bin/chromium")) needs.push("chromium");
if (!hasPostgres()) needs.push("postgresql");
if (spawnSync("python3", ["-m", "venv", "--help"], { stdio: "ignore" }).status !== 0)
  needs.push("python3", "python3-venv");

if (needs.length === 0) process.exit(0);
const canInstall = process.getuid?.() === 0 && spawnSync("apt-get", ["--version"]).status === 0;
if (!canInstall) {
  console.error(
    `Missing system packages: ${needs.join(", ")}. Install them (Debian: apt-get install ${needs.join(" ")}).`,
  );
  process.exit(1);
}
console.log(`Installing Debian packages: ${needs.join(", ")}`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
const run = (args) => spawnSync("apt-get", args, { stdio: "inherit", env }).status === 0;
if (!run(["update", "-qq"]) || !run(["install", "-y", "-qq", "--no-install-recommends", ...needs])) {
  console.error("apt-get failed");
  process.exit(1);
}
