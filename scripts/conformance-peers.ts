/**
 * The peers' scoreboard (`pnpm conformance:peers`): installs WayFlow, FastAgency and pyflue from
 * PyPI into their own virtualenvs (.peers/<peer>), serves the suite's fixtures on each peer's own
 * server (conformance/peers/*_server.py) with the local scripted LLM stub
 * (conformance/peers/llm-stub.mjs) as their model, runs the suite with the matching profiles and
 * rewrites the scoreboard in conformance/README.md. Not part of `pnpm test`: it downloads the
 * peers and their dependencies (a few hundred MB) and takes minutes.
 *
 * Usage: pnpm conformance:peers [--peer wayflow|fastagency|pyflue] [--no-install] [--no-write]
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type Profile, type Protocol, type Report, runConformance } from "../conformance/src/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const peersDir = join(root, "conformance", "peers");
const python = process.env.PYTHON ?? "python3";

interface Peer {
  name: string;
  label: string;
  version: string;
  /** pip install steps, each its own command line (some peers need --no-deps). */
  install: string[][];
  protocol: Protocol;
  profiles: Profile[];
  workflowPrefix?: string;
  /** The peer's server command, given its port, the stub's /v1 URL and a scratch folder. */
  command(port: number, stub: string, scratch: string): { args: string[]; env?: Record<string, string> };
  /** A path that answers once the server is up. */
  ready: string;
  /**
   * Requests sent once before the suite: a peer that builds its agents on first use would
   * otherwise spend the first requirements' time limit starting up.
   */
  warm: { path: string; body: unknown }[];
}

const PEERS: Peer[] = [
  {
    name: "wayflow",
    label: "WayFlow (wayflowcore)",
    version: "26.3.1",
    // The a2a extra is imported by wayflowcore.agentserver, which holds OpenAIResponsesServer.
    install: [["wayflowcore[a2a]==26.3.1", "uvicorn==0.55.0"]],
    protocol: "responses",
    profiles: ["openai", "open-responses", "switchboard"],
    command: (port, stub) => ({ args: [join(peersDir, "wayflow_server.py"), String(port), stub] }),
    ready: "/v1/models",
    warm: ["echo", "tools"].map((model) => ({ path: "/v1/responses", body: { model, input: "warm up" } })),
  },
  {
    name: "fastagency",
    label: "FastAgency",
    version: "0.10.2",
    // asyncer (a FastAgency dependency) imports sniffio, which recent anyio no longer brings.
    install: [["fastagency[fastapi]==0.10.2", "uvicorn==0.55.0", "sniffio==1.3.1"]],
    protocol: "workflows",
    profiles: ["fastagency", "switchboard"],
    workflowPrefix: "/fastagency",
    command: (port) => ({ args: [join(peersDir, "fastagency_server.py"), String(port)] }),
    ready: "/fastagency/discovery",
    warm: [],
  },
  {
    name: "pyflue",
    label: "pyflue",
    version: "0.2.0",
    // pyflue 0.2.0 pins pydantic-ai>=1.89.1,<1.90, whose full install does not resolve here: pyflue
    // and pydantic-ai-slim go in without dependencies, then what they import.
    install: [
      ["--no-deps", "pyflue==0.2.0", "pydantic-ai-slim==1.89.1"],
      [
        "aiosqlite",
        "fastapi>=0.124,<1",
        "httpx>=0.28.1,<1",
        "mcp>=1.27",
        "pydantic>=2.12.2,<3",
        "python-frontmatter",
        "pyyaml>=6.0.2,<7",
        "rich",
        "typer",
        "uvicorn==0.55.0",
        "watchdog>=6,<7",
        "websockets>=12",
        "genai-prices",
        "griffelib",
        "opentelemetry-api",
        "pydantic-graph==1.89.1",
        "typing-inspection",
        "openai>=2.26,<3",
      ],
    ],
    protocol: "agents",
    profiles: ["pyflue", "switchboard"],
    command: (port, stub, scratch) => {
      // pyflue keeps sessions next to its config: it runs on a copy in a scratch folder.
      cpSync(join(peersDir, "pyflue"), join(scratch, "pyflue"), { recursive: true });
      return {
        args: [join(peersDir, "pyflue_server.py"), String(port), join(scratch, "pyflue", "pyflue.toml")],
        env: { OPENAI_BASE_URL: stub, OPENAI_API_KEY: "stub" },
      };
    },
    ready: "/health",
    warm: ["echo", "tools", "slow"].map((name) => ({ path: `/agents/${name}/warm-up`, body: { message: "warm up" } })),
  },
];

function sh(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}`);
}

/** Creates .peers/<peer> and installs the pinned packages; skipped when the pins did not change. */
function install(peer: Peer): string {
  const venv = join(root, ".peers", peer.name);
  const bin = join(venv, "bin", "python");
  const stamp = join(venv, ".switchboard-peer.sha256");
  const hash = createHash("sha256").update(JSON.stringify(peer.install)).digest("hex");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return bin;
  if (!existsSync(bin)) sh(python, ["-m", "venv", venv]);
  for (const step of peer.install) sh(bin, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", ...step]);
  writeFileSync(stamp, hash);
  return bin;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, log: () => string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${log()}`);
}

function start(cmd: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d) => (out = (out + d).slice(-20_000)));
  child.stderr?.on("data", (d) => (out = (out + d).slice(-20_000)));
  return { child, log: () => out };
}

/**
 * Ends a peer's server: SIGTERM, then SIGKILL after 5 s. FastAgency keeps a workflow thread waiting
 * for an answer that never comes (a run the suite left open), which outlives SIGTERM.
 */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

async function startStub(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(peersDir, "llm-stub.mjs"), "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the LLM stub exited (${code})`)));
    child.stdout?.on("data", (d) => {
      const m = /listening (\S+)/.exec(String(d));
      if (m) resolve(m[1]!);
    });
  });
  return { url: `${url}/v1`, child };
}

interface Row {
  peer: Peer;
  profile: Profile;
  report: Report;
}

async function score(peer: Peer, stub: string): Promise<Row[]> {
  const bin = install(peer);
  const port = await freePort();
  const scratch = mkdtempSync(join(tmpdir(), `switchboard-peer-${peer.name}-`));
  const { args, env } = peer.command(port, stub, scratch);
  const server = start(bin, args, env);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(url + peer.ready, server.child, server.log);
    for (const { path, body } of peer.warm) {
      await fetch(url + path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(120_000),
      });
    }
    const rows: Row[] = [];
    for (const profile of peer.profiles) {
      const report = await runConformance({
        url,
        profile,
        protocols: [peer.protocol],
        level: "SHOULD",
        workflowPrefix: peer.workflowPrefix,
        // Two at a time: the peers' servers run their agents in one process, and a deeper queue
        // turns their latency into timeouts that are not deviations.
        concurrency: 2,
      });
      const tally = report.summary[peer.protocol];
      console.log(
        `${peer.name} --profile ${profile}: MUST ${tally.MUST.pass}/${tally.MUST.pass + tally.MUST.fail}, SHOULD ${tally.SHOULD.pass}/${tally.SHOULD.pass + tally.SHOULD.fail}`,
      );
      rows.push({ peer, profile, report });
    }
    return rows;
  } finally {
    await stop(server.child);
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** One line: what the peer did, from the suite's message (Markdown-safe, shortened). */
function oneLine(message = ""): string {
  const line = message.replace(/\s+/g, " ").replace(/\|/g, "\\|").replace(/`/g, "'").trim();
  return line.length > 220 ? `${line.slice(0, 219)}…` : line;
}

function scoreboard(rows: Row[], command: string): string {
  const out: string[] = [];
  out.push(`Produced by \`${command}\` on ${new Date().toISOString().slice(0, 10)} (profiles run up to SHOULD; the`);
  out.push("`switchboard` profile adds Switchboard's extensions, which the peers do not claim).");
  out.push("");
  out.push("| peer | version | profile | MUST pass | MUST fail | SHOULD pass | SHOULD fail |");
  out.push("| ---- | ------- | ------- | --------: | --------: | ----------: | ----------: |");
  for (const { peer, profile, report } of rows) {
    const t = report.summary[peer.protocol];
    out.push(
      `| ${peer.label} | ${peer.version} | ${profile} | ${t.MUST.pass} | ${t.MUST.fail} | ${t.SHOULD.pass} | ${t.SHOULD.fail} |`,
    );
  }
  for (const { peer, profile, report } of rows) {
    // Under `switchboard`, only the extensions: the core failures are listed under the peer's profile.
    const failed = report.results.filter(
      (r) => r.outcome === "fail" && (profile !== "switchboard" || r.kind === "extension"),
    );
    const what = profile === "switchboard" ? "extension failure" : "failure";
    const title = `${peer.label} ${peer.version}, \`--profile ${profile}\`: ${failed.length} ${what}${failed.length === 1 ? "" : "s"}`;
    const lines = failed.map((r) => `- \`${r.id}\` (${r.level}, ${r.kind}): ${oneLine(r.message)}`);
    out.push("");
    if (profile === "switchboard") {
      out.push("<details>", `<summary>${title.replace(/`/g, "")}</summary>`, "", ...lines, "", "</details>");
    } else {
      out.push(`**${title}**`, "", ...(lines.length ? lines : ["- none"]));
    }
  }
  return out.join("\n");
}

const START = "<!-- peers-scoreboard:start -->";
const END = "<!-- peers-scoreboard:end -->";

async function main() {
  const { values } = parseArgs({
    options: { peer: { type: "string" }, "no-install": { type: "boolean" }, "no-write": { type: "boolean" } },
  });
  const chosen = PEERS.filter((p) => !values.peer || p.name === values.peer);
  if (!chosen.length) throw new Error(`unknown peer ${values.peer}; one of ${PEERS.map((p) => p.name).join(", ")}`);
  const stub = await startStub();
  const rows: Row[] = [];
  try {
    for (const peer of chosen) rows.push(...(await score(peer, stub.url)));
  } finally {
    await stop(stub.child);
  }
  if (values["no-write"]) return;
  const readmePath = join(root, "conformance", "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`conformance/README.md lacks the ${START} … ${END} markers`);
  const command = `pnpm conformance:peers${values.peer ? ` --peer ${values.peer}` : ""}`;
  writeFileSync(
    readmePath,
    `${readme.slice(0, start + START.length)}\n${scoreboard(rows, command)}\n${readme.slice(end)}`,
  );
  console.log(`scoreboard written to ${readmePath}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
