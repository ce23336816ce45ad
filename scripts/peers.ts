/**
 * The peers as installed from PyPI, shared by the scoreboard (scripts/conformance-peers.ts) and the
 * side-by-side benchmark (bench/src/benchmarks/peers.ts): the pinned packages, one virtualenv per
 * peer under .peers/<peer>, and starting and stopping the peers' servers (conformance/peers/*.py)
 * and the scripted LLM stub (conformance/peers/llm-stub.mjs).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
export const peersDir = join(repoRoot, "conformance", "peers");
const python = process.env.PYTHON ?? "python3";

export type PeerName = "wayflow" | "fastagency" | "pyflue";

/** pip install steps per peer, each its own command line (some peers need --no-deps). */
export const PEER_INSTALLS: Record<PeerName, { version: string; install: string[][] }> = {
  wayflow: {
    version: "26.3.1",
    // The a2a extra is imported by wayflowcore.agentserver, which holds OpenAIResponsesServer.
    install: [["wayflowcore[a2a]==26.3.1", "uvicorn==0.55.0"]],
  },
  fastagency: {
    version: "0.10.2",
    // asyncer (a FastAgency dependency) imports sniffio, which recent anyio no longer brings.
    install: [["fastagency[fastapi]==0.10.2", "uvicorn==0.55.0", "sniffio==1.3.1"]],
  },
  pyflue: {
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
  },
};

function sh(cmd: string, args: string[], quiet: boolean): void {
  const r = spawnSync(cmd, args, { stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit" });
  // A missing interpreter: say which one (set PYTHON to use another).
  if (r.error) throw new Error(`${cmd} ${args.join(" ")}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}`);
}

/**
 * Creates .peers/<peer> and installs the pinned packages; skipped when the pins did not change.
 * Returns the virtualenv's python.
 */
export function installPeer(name: PeerName, options: { quiet?: boolean } = {}): string {
  const { install } = PEER_INSTALLS[name];
  const venv = join(repoRoot, ".peers", name);
  const bin = join(venv, "bin", "python");
  const stamp = join(venv, ".switchboard-peer.sha256");
  const hash = createHash("sha256").update(JSON.stringify(install)).digest("hex");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return bin;
  if (!existsSync(bin)) sh(python, ["-m", "venv", venv], options.quiet ?? false);
  for (const step of install)
    sh(bin, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", ...step], options.quiet ?? false);
  writeFileSync(stamp, hash);
  return bin;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Started {
  child: ChildProcess;
  /** The last 20,000 characters the process wrote (stdout and stderr). */
  log(): string;
}

export function startProcess(cmd: string, args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d) => (out = (out + d).slice(-20_000)));
  child.stderr?.on("data", (d) => (out = (out + d).slice(-20_000)));
  return { child, log: () => out };
}

/** Polls `url` until it answers (any status), failing when the process exits or time runs out. */
export async function waitFor(url: string, started: Started, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null)
      throw new Error(`the server exited (${started.child.exitCode}):\n${started.log()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${started.log()}`);
}

/**
 * Ends a peer's server: SIGTERM, then SIGKILL after `graceMs`. FastAgency keeps a workflow thread
 * waiting for an answer that never comes (a run left open), which outlives SIGTERM.
 */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(graceMs === 0 ? "SIGKILL" : "SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Starts conformance/peers/llm-stub.mjs on a free port; `url` is its `/v1` base. */
export async function startStub(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(peersDir, "llm-stub.mjs"), "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the LLM stub did not listen within 30 s"));
    }, 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the LLM stub exited (${code})`));
    });
    child.stdout?.on("data", (d) => {
      const m = /listening (\S+)/.exec(String(d));
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  return { url: `${url}/v1`, child };
}
