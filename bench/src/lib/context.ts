import type { Adapter } from "../servers/switchboard.js";
import { type Child, profileFlags, startChild } from "./process.js";

export interface BenchOptions {
  /** Alternating baseline/subject rounds; medians are taken over them. */
  rounds: number;
  /** Shorter runs: for checking the harness, not for figures. */
  quick: boolean;
  /** Servers write CPU profiles to bench/results/profiles. */
  profile: boolean;
  adapters: Adapter[];
}

/** One line of the results table. */
export interface Row {
  benchmark: string;
  subject: string;
  /** The measured figure, formatted with its unit. */
  figure: string;
  baseline: string;
  /** subject / baseline (or, for targets on a limit, the measured value against it). */
  ratio?: number;
  target?: string;
  pass?: boolean;
  note?: string;
}

export interface BenchmarkResult {
  rows: Row[];
  /** Every round's raw numbers, for latest.json. */
  raw: unknown;
}

export type Benchmark = (options: BenchOptions) => Promise<BenchmarkResult>;

export type ServerChild = Child<{ port: number }>;

/** Starts `server.ts <kind>`; `name` labels its CPU profile. */
export function startServer(
  kind: string,
  serverOptions: object = {},
  extra: { profile?: boolean; name?: string; nodeFlags?: string[] } = {},
): Promise<ServerChild> {
  return startChild<{ port: number }>("server", [kind, JSON.stringify(serverOptions)], {
    nodeFlags: [...(extra.nodeFlags ?? []), ...profileFlags(extra.profile ?? false, extra.name ?? kind)],
  });
}

export function startLoad(): Promise<Child> {
  return startChild("load", []);
}

export const urlOf = (server: ServerChild, path: string) => `http://127.0.0.1:${server.ready.port}${path}`;

export function log(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

/** Runs `fn` with the children it starts, stopping them whatever happens. */
export async function withChildren<T>(
  fn: (track: <C extends Child<unknown>>(child: C) => C) => Promise<T>,
): Promise<T> {
  const children: Array<Child<unknown>> = [];
  try {
    return await fn((child) => {
      children.push(child);
      return child;
    });
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}
