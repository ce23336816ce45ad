/**
 * A 20-turn tool-calling chain (the `tools` fixture calls the client's `lookup` every turn) over
 * Responses WebSocket mode against the same chain over HTTP with `previous_response_id`, on Hono
 * with the in-memory store. WebSocket mode: one socket per chain, `store: false`, each turn
 * continuing from the socket's memory. HTTP: one keep-alive connection, stored responses, each
 * turn reading its chain back from the store. A third subject, `ws-stored`, stores its responses
 * like HTTP does (the socket's memory still serves the chain), to tell the transport's share from
 * the store's. The model answers at once, so the figure is what the transports and the
 * continuation cost, not the model time OpenAI's "up to 40%" includes.
 */
import type { ChainResult } from "../chain.js";
import {
  type BenchmarkResult,
  type BenchOptions,
  log,
  type Row,
  startLoad,
  startServer,
  withChildren,
} from "../lib/context.js";
import { median, round } from "../lib/stats.js";

const TURNS = 20;

export async function wsChain(options: BenchOptions): Promise<BenchmarkResult> {
  const adapter = options.adapters.includes("hono") ? "hono" : options.adapters[0]!;
  const chains = options.quick ? 5 : 50;
  return withChildren(async (track) => {
    const load = track(await startLoad());
    const server = track(
      await startServer(
        "switchboard",
        { adapter, protocols: ["responses"] },
        { profile: options.profile, name: "ws-chain" },
      ),
    );
    const baseUrl = `http://127.0.0.1:${server.ready.port}`;
    const modes = ["http", "ws", "ws-stored"] as const;
    const perChain: Record<(typeof modes)[number], number[]> = { http: [], ws: [], "ws-stored": [] };
    const ratios: number[] = [];
    const storedRatios: number[] = [];
    const raw: unknown[] = [];
    // Warm-up: a few chains of each, not measured.
    for (const mode of modes) await load.call("chain", { mode, baseUrl, turns: TURNS, chains: 3 });
    for (let r = 0; r < options.rounds; r++) {
      const order = r % 2 === 0 ? modes : [...modes].reverse();
      const medians: Record<string, number> = {};
      for (const mode of order) {
        const result = await load.call<ChainResult>("chain", { mode, baseUrl, turns: TURNS, chains });
        medians[mode] = median(result.chainMs);
        perChain[mode].push(medians[mode]!);
        log(
          `round ${r + 1} ${mode.padEnd(4)} ${round(medians[mode]!, 1)} ms per ${TURNS}-turn chain (median of ${chains})`,
        );
      }
      ratios.push(medians.ws! / medians.http!);
      storedRatios.push(medians["ws-stored"]! / medians.http!);
      raw.push(medians);
    }
    const ratio = median(ratios);
    const storedRatio = median(storedRatios);
    const rows: Row[] = [
      {
        benchmark: "ws-chain",
        subject: `${adapter}: ${TURNS}-turn tool chain over WebSocket mode (store: false)`,
        figure: `${round(median(perChain.ws), 1)} ms/chain`,
        baseline: `HTTP + previous_response_id ${round(median(perChain.http), 1)} ms/chain`,
        ratio: round(ratio),
        target: "recorded",
        note: `WebSocket mode takes ${Math.round((1 - ratio) * 100)}% less time per chain (OpenAI reports up to 40% with model time included)`,
      },
      {
        benchmark: "ws-chain",
        subject: `${adapter}: the same over WebSocket mode, responses stored`,
        figure: `${round(median(perChain["ws-stored"]), 1)} ms/chain`,
        baseline: `HTTP + previous_response_id ${round(median(perChain.http), 1)} ms/chain`,
        ratio: round(storedRatio),
        target: "recorded",
        note: "both store every response; the socket reads its chain from memory, HTTP from the store",
      },
    ];
    return { rows, raw: { turns: TURNS, chains, rounds: raw } };
  });
}
