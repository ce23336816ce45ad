/**
 * CPU time of any process on this machine, from /proc (Linux): the same measure for a Node child
 * and a Python peer, threads included.
 */
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { log } from "./context.js";
import { sleep } from "./stats.js";

const ticksPerSecond = (() => {
  try {
    return Number(execSync("getconf CLK_TCK", { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system, all threads) of a process so far, in µs (10 ms steps at 100 ticks/s). */
export function cpuUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command (which may hold spaces) start at field 3; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1e6;
}

/**
 * Waits until a process is idle (under 5% of a core for 300 ms), at most 20 s: a slow server may
 * still be working through the requests a finished load run left in flight.
 */
export async function settle(pid: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const before = cpuUs(pid);
    await sleep(300);
    if (cpuUs(pid) - before < 0.05 * 300_000) return;
  }
  log(`pid ${pid} was still busy after 20 s; measuring anyway`);
}
