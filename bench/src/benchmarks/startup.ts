/**
 * Start-up of `switchboard serve` as installed and built (`node scripts/bootstrap.mjs build` first,
 * as `npm start` does before it serves): the time from spawning the process to the line that says
 * it listens, and to the answer of its first request (a stored `POST /v1/responses` to the `echo`
 * agent), with the embedded store in a fresh data directory and in one that already exists. The
 * baseline is `node -e` with a bare `node:http` server, in the same rounds. Also `npm start`'s own
 * path (`node scripts/bootstrap.mjs start`, which checks the install and the build before it hands
 * over) with the existing directory.
 *
 * Each figure is also given as the CPU time the server process had used when it printed its URL
 * (read from /proc, Linux only), which moves far less than wall time on a shared machine.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchmarkResult, type BenchOptions, log, type Row } from "../lib/context.js";
import { repoRoot, stopProcess } from "../lib/process.js";
import { median, round } from "../lib/stats.js";

const TARGET_MS = 1000;
const BIN = join(repoRoot, "packages/cli/bin/switchboard.mjs");
const BARE = `require("node:http").createServer((req, res) => { req.resume(); req.on("end", () => res.end("{}")); })
  .listen(0, "127.0.0.1", function () { console.log("listening on http://127.0.0.1:" + this.address().port); });`;
const FIRST_BODY = JSON.stringify({ model: "echo", input: "Hello" });

interface Launch {
  listenMs: number;
  firstAnswerMs: number;
  /** CPU time of the process that printed the URL, when it did (undefined off Linux). */
  cpuMs?: number;
}

type SubjectId = "bare" | "fresh" | "existing" | "npm-start";

/** user + system time of a process so far, from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of stat(5) (utime, stime) are the 12th and 13th after the command name.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** One POST on a connection of its own (closed after), so the server has nothing to drain when stopped. */
function firstRequest(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/responses`,
      { method: "POST", agent: false, headers: { "content-type": "application/json", connection: "close" } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(FIRST_BODY);
  });
}

async function launch(command: string, args: string[]): Promise<Launch> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  let errors = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    errors = (errors + chunk).slice(-10_000);
  });
  try {
    const { url, listenMs, cpuMs } = await new Promise<{ url: string; listenMs: number; cpuMs?: number }>(
      (resolve, reject) => {
        let output = "";
        const timer = setTimeout(() => reject(new Error(`${args.join(" ")} did not listen within 60 s`)), 60_000);
        child.once("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`${args.join(" ")} exited with ${code}: ${output}\n${errors}`));
        });
        child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
          output += chunk;
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (!match) return;
          const listenMs = performance.now() - started;
          clearTimeout(timer);
          const cpuMs = cpuOf(child.pid!);
          resolve({ url: match[1]!, listenMs, ...(cpuMs === undefined ? {} : { cpuMs }) });
        });
      },
    );
    const status = await firstRequest(url);
    const firstAnswerMs = performance.now() - started;
    if (status !== 200) throw new Error(`${args.join(" ")}: the first request answered ${status}\n${errors}`);
    return { listenMs, firstAnswerMs, ...(cpuMs === undefined ? {} : { cpuMs }) };
  } finally {
    await stopProcess(child);
  }
}

export async function startup(options: BenchOptions): Promise<BenchmarkResult> {
  const built = spawnSync(process.execPath, ["scripts/bootstrap.mjs", "build"], { cwd: repoRoot, stdio: "inherit" });
  if (built.status !== 0) throw new Error("node scripts/bootstrap.mjs build failed");
  const work = mkdtempSync(join(tmpdir(), "switchboard-bench-startup-"));
  const existing = join(work, "existing");
  const serveArgs = (dataDir: string) => ["serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir];
  let fresh = 0;
  const subjects: Record<SubjectId, () => Promise<Launch>> = {
    bare: () => launch(process.execPath, ["-e", BARE]),
    fresh: async () => {
      const dir = join(work, `fresh-${fresh++}`);
      try {
        return await launch(process.execPath, [BIN, ...serveArgs(dir)]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    existing: () => launch(process.execPath, [BIN, ...serveArgs(existing)]),
    // The bootstrap hands over to a child that prints the URL: its CPU is not the bootstrap's.
    "npm-start": async () => {
      const { cpuMs: _, ...result } = await launch(process.execPath, [
        "scripts/bootstrap.mjs",
        "start",
        ...serveArgs(existing).slice(1),
      ]);
      return result;
    },
  };
  const ids = Object.keys(subjects) as SubjectId[];
  const launches = new Map<SubjectId, Launch[]>(ids.map((id) => [id, []]));
  try {
    // Creates the existing directory, and warms the file system cache and the PGlite template.
    await subjects.existing();
    await subjects.fresh();
    const perRound = options.quick ? 1 : 2;
    for (let r = 0; r < options.rounds; r++) {
      const order = r % 2 === 0 ? ids : [...ids].reverse();
      for (let i = 0; i < perRound; i++) {
        for (const id of order) {
          const result = await subjects[id]();
          launches.get(id)!.push(result);
          log(
            `round ${r + 1} ${id.padEnd(9)} listening after ${Math.round(result.listenMs)} ms` +
              `${result.cpuMs === undefined ? "" : ` (${result.cpuMs} ms CPU)`}, first answer after ${Math.round(result.firstAnswerMs)} ms`,
          );
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const med = (id: SubjectId, key: keyof Launch) => median(launches.get(id)!.flatMap((l) => l[key] ?? []));
  const bare = med("bare", "listenMs");
  const row = (id: SubjectId, subject: string, targeted: boolean): Row => {
    const listen = med(id, "listenMs");
    const cpu = med(id, "cpuMs");
    return {
      benchmark: "startup",
      subject,
      figure: `listening after ${Math.round(listen)} ms${Number.isNaN(cpu) ? "" : ` (${Math.round(cpu)} ms CPU)`}, first answer after ${Math.round(med(id, "firstAnswerMs"))} ms`,
      baseline: `node -e with a bare node:http server: listening after ${Math.round(bare)} ms${Number.isNaN(med("bare", "cpuMs")) ? "" : ` (${Math.round(med("bare", "cpuMs"))} ms CPU)`}`,
      ratio: round(listen / bare),
      ...(targeted ? { target: `listening ≤ ${TARGET_MS} ms`, pass: listen <= TARGET_MS } : {}),
    };
  };
  const rows: Row[] = [
    row("existing", "switchboard serve, embedded store, existing data dir", true),
    row("fresh", "switchboard serve, embedded store, fresh data dir", true),
    row(
      "npm-start",
      "npm start's path (scripts/bootstrap.mjs start: install and build checked), existing data dir",
      false,
    ),
  ];
  return { rows, raw: Object.fromEntries(launches) };
}
