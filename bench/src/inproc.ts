/**
 * `pnpm --dir bench inproc [-- core|stream|fetch] [N]`: the core's CPU time per request or per
 * stream event, in one process and without HTTP, so a change to the core can be measured on a
 * machine too busy for throughput ratios. It runs the same esbuild bundle as the servers.
 *
 * - `core`: N non-streaming echo requests (`store: false`) through `Switchboard.handle`, as the
 *   Node adapters call it; µs of CPU per request.
 * - `fetch`: the same through `fromFetchRequest` / `toFetchResponse` (the Hono adapter's bridge).
 * - `stream`: one firehose stream of N deltas, its frames read as an adapter reads them; µs per event.
 * - `stored`: N echo requests on the embedded PGlite store (a fresh data directory), stored and
 *   unstored in alternating rounds, 32 in flight as `pglite-create` keeps them; µs per request of
 *   each on the server's thread and in all threads (PGlite has its own), and their ratios.
 */
import { fork } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, urlOf } from "./lib/context.js";
import { buildChildren, bundlePath } from "./lib/process.js";

if (process.env.SWITCHBOARD_INPROC_CHILD !== "1") {
  await buildChildren();
  const child = fork(
    bundlePath("inproc"),
    process.argv.slice(2).filter((arg) => arg !== "--"),
    {
      env: { ...process.env, SWITCHBOARD_INPROC_CHILD: "1" },
      stdio: "inherit",
    },
  );
  await new Promise((resolve) => child.once("exit", resolve));
} else {
  await measure();
}

async function measure() {
  const { createAgent, createSwitchboard, fromFetchRequest, openAICompatible, responsesProtocol, toFetchResponse } =
    await import("@switchboard/core");
  const { benchAgents } = await import("./agents.js");
  const { CREATE_BODY } = await import("./payload.js");
  const [mode = "core", count] = process.argv.slice(2);
  let upstream: Awaited<ReturnType<typeof startServer>> | undefined;
  let agents = benchAgents;
  if (mode === "relay") {
    upstream = await startServer("upstream-chat", { latencyMs: 0 });
    const relay = openAICompatible({ baseURL: urlOf(upstream, "/v1"), model: "stub" });
    agents = { ...benchAgents, relay: createAgent(() => ({ model: relay })) };
  }
  // `stored` runs on PGlite, as `switchboard serve` does by default; the others need no store.
  const store =
    mode === "stored"
      ? await (await import("@switchboard/store-postgres")).openDatastore({
          dataDir: mkdtempSync(join(tmpdir(), "switchboard-inproc-pglite-")),
        })
      : undefined;
  const sb = createSwitchboard({
    protocols: [
      responsesProtocol({
        agents,
        ...(store && { store: store.responses, conversations: store.conversations, bus: store.bus }),
      }),
    ],
  });
  const encoder = new TextEncoder();
  const fakeRequest = (body: string) => {
    const bytes = encoder.encode(body);
    const controller = new AbortController();
    return {
      method: "POST",
      path: "/v1/responses",
      query: new URLSearchParams(),
      header: (name: string) => (name === "content-type" ? "application/json" : undefined),
      body: async () => bytes,
      get signal() {
        return controller.signal;
      },
      // As the Node bridge offers it: a client that never goes away.
      onAbort() {},
    };
  };
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  };

  if (mode === "core" || mode === "fetch" || mode === "relay") {
    const n = Number(count ?? (mode === "relay" ? 10_000 : 20_000));
    const body =
      mode === "relay" ? JSON.stringify({ model: "relay", input: "What is the value?", store: false }) : CREATE_BODY;
    const one =
      mode !== "fetch"
        ? async () => {
            const response = await sb.handle(fakeRequest(body));
            if (response?.status !== 200) throw new Error(`status ${response?.status}`);
          }
        : async () => {
            const request = new Request("http://127.0.0.1/v1/responses", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: CREATE_BODY,
            });
            const response = toFetchResponse((await sb.handle(fromFetchRequest(request)))!);
            await response.text();
          };
    // 64 in flight, as the overhead benchmark's connections keep them.
    const run = async (total: number) => {
      let started = 0;
      const worker = async () => {
        while (started++ < total) await one();
      };
      await Promise.all(Array.from({ length: 64 }, worker));
    };
    await run(n / 4);
    for (let round = 0; round < 5; round++) {
      const before = cpu();
      await run(n);
      console.log(`${mode}: ${((cpu() - before) / n).toFixed(1)} µs CPU per request`);
    }
  } else if (mode === "stream") {
    const n = Number(count ?? 100_000);
    const body = (events: number) =>
      JSON.stringify({ model: "firehose", input: String(events), stream: true, store: false });
    const read = async (events: number) => {
      const response = await sb.handle(fakeRequest(body(events)));
      let frames = 0;
      for await (const _ of response!.body as AsyncIterable<string>) frames++;
      return frames;
    };
    await read(n / 10);
    for (let round = 0; round < 5; round++) {
      const before = cpu();
      const frames = await read(n);
      console.log(`stream: ${((cpu() - before) / n).toFixed(2)} µs CPU per event (${frames} chunks)`);
    }
  } else if (mode === "stored") {
    const n = Number(count ?? 5_000);
    const bodies = {
      unstored: JSON.stringify({
        model: "echo",
        input: "Benchmarks measure what the protocol layer costs",
        store: false,
      }),
      stored: JSON.stringify({ model: "echo", input: "Benchmarks measure what the protocol layer costs" }),
    };
    const run = async (body: string, total: number) => {
      let started = 0;
      const worker = async () => {
        while (started++ < total) {
          const response = await sb.handle(fakeRequest(body));
          if (response?.status !== 200) throw new Error(`status ${response?.status}`);
        }
      };
      await Promise.all(Array.from({ length: 32 }, worker));
    };
    // PGlite's WebAssembly is compiled lazily and tiered up while it runs: steady state first.
    await run(bodies.stored, 1_500);
    await run(bodies.unstored, 1_500);
    // The server's thread alone, beside the whole process: the database works on a thread of its own.
    const threadCpu = () => {
      // Node 23.9+; older Nodes count the whole process (the database thread included).
      const { user, system } = process.threadCpuUsage?.() ?? process.cpuUsage();
      return user + system;
    };
    for (let round = 0; round < 5; round++) {
      const costs: Record<string, { thread: number; process: number }> = {};
      for (const [kind, body] of Object.entries(bodies)) {
        const before = { thread: threadCpu(), process: cpu(), wall: performance.now() };
        await run(body, n);
        costs[kind] = { thread: (threadCpu() - before.thread) / n, process: (cpu() - before.process) / n };
        console.log(`  ${kind}: ${Math.round(n / ((performance.now() - before.wall) / 1000))} requests/s`);
      }
      const { stored, unstored } = costs as Record<"stored" | "unstored", { thread: number; process: number }>;
      console.log(
        `stored: ${stored.thread.toFixed(1)} µs of the server thread's CPU per request (${stored.process.toFixed(1)} µs in all threads), ` +
          `unstored ${unstored.thread.toFixed(1)} µs (${unstored.process.toFixed(1)}); ratio ${(unstored.thread / stored.thread).toFixed(2)} (${(unstored.process / stored.process).toFixed(2)})`,
      );
    }
    await store!.close();
  } else throw new Error(`unknown mode ${mode}`);
  await sb.close();
  await upstream?.stop();
}
