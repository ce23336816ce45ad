import { startServer } from "./lib/context.js";
import { buildChildren } from "./lib/process.js";
await buildChildren();
const profile = process.argv.includes("--profile");
const upstream = await startServer("upstream-chat", { latencyMs: 50 });
const runner = await startServer("agent-runner", {}, { profile, name: "scratch-runs" });
const baseURL = `http://127.0.0.1:${upstream.ready.port}/v1`;
const mode = process.argv[2] ?? "agent";
await runner.call("run", { baseURL, runs: 300, maxConcurrency: 100, mode });
for (let i = 0; i < Number(process.argv[3] ?? 4); i++) {
  const r = await runner.call<any>("run", { baseURL, runs: 1000, maxConcurrency: 100, mode });
  console.log(mode, `wall ${Math.round(r.wallMs)} cpu/call ${Math.round((r.cpuMs * 1000) / 2000)} µs p99 ${r.lagP99Ms.toFixed(1)} max ${r.lagMaxMs.toFixed(1)}`);
}
await runner.stop();
await upstream.stop();
