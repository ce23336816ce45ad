#!/usr/bin/env node
// The packages as a user gets them from npm:
//   1. packs every published package with pnpm (its `prepack` builds dist/; pnpm turns
//      `workspace:*` into real ranges and applies publishConfig) and checks the tarball's manifest;
//   2. lints each tarball with publint and @arethetypeswrong/cli;
//   3. installs the tarballs with npm into an empty project, type-checks a TypeScript app against
//      their .d.ts, runs it (Switchboard under /ai on Express, Fastify and Hono next to each app's
//      own route, called through the installed @switchboard/client), and runs `npx switchboard serve` from the
//      installed CLI (and `npx switchboard-conformance` against it once the conformance package
//      packs to a self-contained bundle).
// Ends with one plain `N passed, N failed` line.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = (dir) => JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
const PACKAGES = ["protocol", "core", "express", "fastify", "hono", "client", "store-postgres", "cli"].map(
  (name) => `packages/${name}`,
);
// The conformance suite is published as a self-contained bundle; it is checked here once its
// package builds one (a `prepack`).
const withConformance = Boolean(manifest("conformance").scripts?.prepack);
const dirs = withConformance ? [...PACKAGES, "conformance"] : PACKAGES;
const pnpm = (process.env.SWITCHBOARD_PNPM ?? `npx --yes ${manifest(".").packageManager}`).split(" ");

const work = mkdtempSync(join(tmpdir(), "switchboard-pack-"));
const tarballs = join(work, "tarballs");
const app = join(work, "app");
let passed = 0;
let failed = 0;
const failures = [];

/** Runs a command; its output streams unless captured. Resolves with the exit code and output. */
function run(cmd, args, { cwd = root, env = process.env, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", capture ? "pipe" : "inherit", "pipe"] });
    let output = "";
    child.stdout?.setEncoding("utf8").on("data", (s) => (output += s));
    child.stderr.setEncoding("utf8").on("data", (s) => {
      output += s;
      if (!capture) process.stderr.write(s);
    });
    child.on("error", (error) => resolve({ ok: false, output: `${output}${error.message}\n` }));
    child.on("close", (code) => resolve({ ok: code === 0, output }));
  });
}

async function check(name, fn) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  let ok;
  try {
    ok = await fn();
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    ok = false;
  }
  console.log(`${ok ? "✔" : "✘"} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return ok;
}

/** name → { file, pkg }; the tarball's own package.json, read with tar. */
const packed = new Map();

async function pack() {
  mkdirSync(tarballs, { recursive: true });
  const filters = dirs.flatMap((dir) => ["--filter", `./${dir}`]);
  const r = await run(pnpm[0], [...pnpm.slice(1), "-r", ...filters, "pack", "--pack-destination", tarballs]);
  if (!r.ok) return false;
  let ok = true;
  for (const dir of dirs) {
    const { name, version } = manifest(dir);
    const file = join(tarballs, `${name.replace("@", "").replace("/", "-")}-${version}.tgz`);
    if (!existsSync(file)) {
      console.error(`${name}: no tarball at ${file}`);
      ok = false;
      continue;
    }
    const listing = await run("tar", ["-tzf", file], { capture: true });
    const files = listing.output.split("\n").filter(Boolean);
    const json = await run("tar", ["-xzOf", file, "package/package.json"], { capture: true });
    const pkg = JSON.parse(json.output);
    packed.set(name, { file, pkg });
    const problems = [];
    for (const needed of ["package/README.md", "package/LICENSE", "package/dist/index.js", "package/dist/index.d.ts"]) {
      if (!files.includes(needed)) problems.push(`missing ${needed}`);
    }
    if (files.some((f) => f.startsWith("package/src/"))) problems.push("ships src/");
    if (json.output.includes("workspace:")) problems.push("a workspace: range survived packing");
    if (json.output.includes('"source"')) problems.push("the workspace-only `source` condition survived packing");
    for (const field of ["exports", "types", "files", "engines", "repository", "license"]) {
      if (pkg[field] === undefined) problems.push(`package.json has no ${field}`);
    }
    if (pkg.exports?.["./package.json"] !== "./package.json") problems.push("exports has no ./package.json");
    if (pkg.sideEffects !== false) problems.push("sideEffects is not false");
    for (const p of problems) console.error(`${name}: ${p}`);
    console.log(`${name}: ${files.length} files${problems.length ? "" : ", manifest ok"}`);
    ok &&= problems.length === 0;
  }
  return ok;
}

async function lint() {
  let ok = true;
  for (const [name, { file }] of packed) {
    const bytes = readFileSync(file);
    const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const { messages, pkg } = await publint({ pack: { tarball }, strict: true });
    for (const m of messages) console.log(`${name} (publint ${m.type}): ${formatMessage(m, pkg, { color: false })}`);
    const attw = await run(
      process.execPath,
      [
        join(root, "node_modules/@arethetypeswrong/cli/dist/index.js"),
        file,
        // ESM only: the CommonJS rows of the matrix do not apply (`require` of these packages
        // works on Node ≥ 22.12 through require(esm), which attw does not model).
        "--profile",
        "esm-only",
        "--no-definitely-typed",
        "--format",
        "ascii",
        "--no-emoji",
        "--no-color",
      ],
      { capture: true },
    );
    const errors = messages.filter((m) => m.type !== "suggestion");
    console.log(`${name}: publint ${errors.length ? "✘" : "ok"}, attw ${attw.ok ? "ok" : "✘"}`);
    if (!attw.ok) console.log(attw.output);
    ok &&= errors.length === 0 && attw.ok;
  }
  return ok;
}

const APP = `import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createClient } from "@switchboard/client";
import { agentsProtocol, createSwitchboard, responsesProtocol, workflowsProtocol } from "@switchboard/core";
import { fixtureAgents, fixtureWorkflows } from "@switchboard/core/fixtures";
import { attachWebSocket, switchboardMiddleware } from "@switchboard/express";
import { switchboardPlugin } from "@switchboard/fastify";
import { switchboardHono } from "@switchboard/hono";
import { responses } from "@switchboard/protocol";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import type { Server } from "node:http";

const switchboard = createSwitchboard({
  protocols: [
    responsesProtocol({ agents: fixtureAgents }),
    agentsProtocol({ agents: fixtureAgents }),
    workflowsProtocol({ workflows: fixtureWorkflows }),
  ],
});
const listening = async (server: Server) => {
  if (!server.listening) await new Promise((resolve) => server.once("listening", resolve));
  return \`http://127.0.0.1:\${(server.address() as AddressInfo).port}\`;
};

// Each framework's own app, its own route at /hello, and Switchboard mounted under /ai its own way.
const expressApp = express();
expressApp.get("/hello", (_req, res) => {
  res.json({ from: "the app" });
});
expressApp.use("/ai", switchboardMiddleware(switchboard));
const expressServer = expressApp.listen(0, "127.0.0.1");
attachWebSocket(expressServer, switchboard, { basePath: "/ai" });

const fastifyApp = Fastify();
fastifyApp.get("/hello", async () => ({ from: "the app" }));
await fastifyApp.register(switchboardPlugin, { switchboard, prefix: "/ai" });
await fastifyApp.listen({ port: 0, host: "127.0.0.1" });

const honoApp = new Hono();
honoApp.get("/hello", (c) => c.json({ from: "the app" }));
honoApp.route("/ai", switchboardHono(switchboard));
const honoServer = serve({ fetch: honoApp.fetch, port: 0, hostname: "127.0.0.1" }) as Server;

const results: Record<string, unknown> = {};
for (const [name, server] of [["express", expressServer], ["fastify", fastifyApp.server], ["hono", honoServer]] as const) {
  const base = await listening(server);
  const client = createClient({ baseURL: \`\${base}/ai\` });
  const created = await client.responses.create({ model: "echo", input: "hello from npm" });
  results[name] = {
    own: await (await fetch(\`\${base}/hello\`)).json(),
    rootIsTheApps: (await fetch(\`\${base}/v1/models\`)).status,
    response: {
      status: created.status,
      valid: responses.validate.ResponseObject(created).ok,
      echoed: JSON.stringify(created.output).includes("hello from npm"),
    },
    models: (await client.models.list()).data.map((m) => m.id),
    agent: (await client.agents.prompt("echo", "alice", "hi there")).text,
  };
  await client.close();
}
console.log(JSON.stringify(results));
expressServer.close();
honoServer.close();
await fastifyApp.close();
await switchboard.close();
`;

async function install() {
  mkdirSync(app, { recursive: true });
  const local = Object.fromEntries([...packed].map(([name, { file }]) => [name, `file:${file}`]));
  const rootDev = manifest(".").devDependencies;
  const pkg = {
    name: "switchboard-consumer",
    private: true,
    type: "module",
    dependencies: {
      ...local,
      express: manifest("packages/cli").dependencies.express,
      fastify: manifest("packages/cli").dependencies.fastify,
      hono: manifest("packages/cli").dependencies.hono,
      "@hono/node-server": manifest("packages/hono").dependencies["@hono/node-server"],
    },
    devDependencies: {
      typescript: rootDev.typescript,
      "@types/node": rootDev["@types/node"],
      "@types/express": manifest("packages/express").devDependencies["@types/express"],
    },
    // The tarballs' dependencies on each other name plain version ranges; these keep npm on the
    // tarballs instead of looking the packages up in the registry.
    overrides: local,
  };
  writeFileSync(join(app, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(join(app, "app.ts"), APP);
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "es2022",
        module: "nodenext",
        strict: true,
        noEmit: true,
        // Check the packages' own .d.ts too: an import they cannot resolve is an error here.
        skipLibCheck: false,
        types: ["node"],
      },
      include: ["app.ts"],
    }),
  );
  const r = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: app,
  });
  return r.ok;
}

async function typecheck() {
  const r = await run(process.execPath, [join(app, "node_modules/typescript/bin/tsc"), "-p", app], { cwd: app });
  return r.ok;
}

async function runApp() {
  // Node 22.6+ strips the types itself (without a warning from 23.6 on).
  const r = await run(process.execPath, ["--experimental-strip-types", "--no-warnings", "app.ts"], {
    cwd: app,
    capture: true,
  });
  const line = r.output.trim().split("\n").at(-1) ?? "";
  console.log(line);
  if (!r.ok) {
    console.error(r.output);
    return false;
  }
  const got = JSON.parse(line);
  // The fixture agents, as one framework lists them; all three must list the same.
  const models =
    Array.isArray(got.express?.models) && got.express.models.includes("echo") ? got.express.models : ["echo"];
  const each = {
    own: { from: "the app" },
    rootIsTheApps: 404,
    response: { status: "completed", valid: true, echoed: true },
    models,
    agent: "hi there",
  };
  const expected = { express: each, fastify: each, hono: each };
  const same = JSON.stringify(got) === JSON.stringify(expected);
  if (!same) console.error(`expected ${JSON.stringify(expected)}`);
  return same;
}

async function serve() {
  // Its own process group: npx runs the bin under a shell, and a signal for the group reaches
  // the server the way a terminal's Ctrl-C or a container stop does.
  const child = spawn("npx", ["--no-install", "switchboard", "serve"], {
    cwd: app,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", SWITCHBOARD_DATA_DIR: join(work, "data") },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (s) => (output += s));
  child.stderr.setEncoding("utf8").on("data", (s) => (output += s));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no listening line within 60 s")), 60_000);
      child.stdout.on("data", () => {
        const match = /Switchboard listening on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      exited.then(() => reject(new Error("switchboard serve exited early")));
    });
    console.log(`switchboard serve: ${url}`);
    const home = await fetch(`${url}/`);
    const page = await home.text();
    const models = await (await fetch(`${url}/v1/models`)).json();
    let ok = home.status === 200 && page.includes("<html") && models.data?.some((m) => m.id === "echo");
    console.log(
      `home page ${home.status} (${page.includes("<html") ? "the HTML workflow client" : "not HTML"}), models ok: ${ok}`,
    );
    if (withConformance) {
      // The requirements our server is known to fail go in as expected failures, as a third party
      // would pass its own (conformance/test/known-gaps.ts; a gap that starts passing fails the run).
      const gaps = await run(
        process.execPath,
        [
          "--experimental-strip-types",
          "--no-warnings",
          "--input-type=module",
          "-e",
          `const { OUR_KNOWN_GAPS } = await import(${JSON.stringify(join(root, "conformance/test/known-gaps.ts"))});
           for (const [id, reason] of Object.entries(OUR_KNOWN_GAPS)) console.log(id + ": " + JSON.stringify(reason));`,
        ],
        { capture: true },
      );
      writeFileSync(join(app, "gaps.yaml"), gaps.output);
      const r = await run(
        "npx",
        ["--no-install", "switchboard-conformance", "--url", url, "--expected-failures", "gaps.yaml"],
        { cwd: app },
      );
      ok &&= gaps.ok && r.ok;
    }
    signal("SIGTERM");
    // "close" comes when every process holding the output pipes has ended: the server included.
    await new Promise((resolve) => child.once("close", resolve));
    const stopped =
      output.includes("SIGTERM received") &&
      (await fetch(url).then(
        () => false,
        () => true,
      ));
    console.log(`after SIGTERM: ${stopped ? "stopped" : "still answering"}`);
    return ok && stopped;
  } catch (error) {
    console.error(`${error.message}\n${output}`);
    signal("SIGKILL");
    return false;
  }
}

try {
  if (await check(`pack ${dirs.length} packages with pnpm`, pack)) {
    await check("publint and attw on every tarball", lint);
    if (await check("npm install of the tarballs into an empty project", install)) {
      await check("a TypeScript app type-checks against the installed packages", typecheck);
      await check("apps on Express, Fastify and Hono serve Switchboard under /ai next to their own route", runApp);
      await check(
        `npx switchboard serve from the installed CLI${withConformance ? " passes npx switchboard-conformance" : ""}`,
        serve,
      );
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures.length) console.log(`\nFailed: ${failures.join("; ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
