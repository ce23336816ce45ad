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
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type Profile, type Protocol, type Report, runConformance } from "../conformance/src/index.js";
import {
  freePort,
  installPeer,
  PEER_INSTALLS,
  type PeerName,
  peersDir,
  repoRoot as root,
  startProcess,
  startStub,
  stopProcess,
  waitFor,
} from "./peers.js";

interface Peer {
  name: PeerName;
  label: string;
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
    protocol: "responses",
    profiles: ["openai", "open-responses", "switchboard"],
    command: (port, stub) => ({ args: [join(peersDir, "wayflow_server.py"), String(port), stub] }),
    ready: "/v1/models",
    warm: ["echo", "tools"].map((model) => ({ path: "/v1/responses", body: { model, input: "warm up" } })),
  },
  {
    name: "fastagency",
    label: "FastAgency",
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

interface Row {
  peer: Peer;
  profile: Profile;
  report: Report;
}

async function score(peer: Peer, stub: string): Promise<Row[]> {
  const bin = installPeer(peer.name);
  const port = await freePort();
  const scratch = mkdtempSync(join(tmpdir(), `switchboard-peer-${peer.name}-`));
  const { args, env } = peer.command(port, stub, scratch);
  const server = startProcess(bin, args, env);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(url + peer.ready, server);
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
    await stopProcess(server.child);
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
      `| ${peer.label} | ${PEER_INSTALLS[peer.name].version} | ${profile} | ${t.MUST.pass} | ${t.MUST.fail} | ${t.SHOULD.pass} | ${t.SHOULD.fail} |`,
    );
  }
  for (const { peer, profile, report } of rows) {
    // Under `switchboard`, only the extensions: the core failures are listed under the peer's profile.
    const failed = report.results.filter(
      (r) => r.outcome === "fail" && (profile !== "switchboard" || r.kind === "extension"),
    );
    const what = profile === "switchboard" ? "extension failure" : "failure";
    const title = `${peer.label} ${PEER_INSTALLS[peer.name].version}, \`--profile ${profile}\`: ${failed.length} ${what}${failed.length === 1 ? "" : "s"}`;
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
    await stopProcess(stub.child);
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
