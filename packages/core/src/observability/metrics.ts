/**
 * Prometheus metrics (prom-client), in a registry of their own per app so that several apps in
 * one process (tests, multi-tenant hosts) never collide. Off unless asked for: `metrics: true` on
 * `createSwitchboard`, which `switchboard serve` does for its `/metrics` route.
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export interface MetricsOptions {
  /** Register into this registry (for example prom-client's global one) instead of a new one. */
  registry?: Registry;
  /** Prefix of every metric name (default `switchboard_`). */
  prefix?: string;
}

/** A gauge whose value is read when metrics are scraped. */
export type SampledGauge = () => number | Promise<number>;

export class Metrics {
  readonly registry: Registry;
  readonly requests: Counter<"protocol" | "method" | "status">;
  readonly duration: Histogram<"protocol" | "method">;
  readonly openStreams: Gauge<"protocol">;
  readonly openSockets: Gauge<"protocol">;
  readonly runs: Counter<"protocol" | "outcome">;
  readonly #prefix: string;

  constructor(options: MetricsOptions = {}) {
    this.registry = options.registry ?? new Registry();
    const prefix = options.prefix ?? "switchboard_";
    this.#prefix = prefix;
    const registers = [this.registry];
    this.requests = new Counter({
      name: `${prefix}http_requests_total`,
      help: "HTTP requests answered, by protocol, method and status",
      labelNames: ["protocol", "method", "status"],
      registers,
    });
    this.duration = new Histogram({
      name: `${prefix}http_request_duration_seconds`,
      help: "Time until a request's status and headers were ready (a stream's duration is not included)",
      labelNames: ["protocol", "method"],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.openStreams = new Gauge({
      name: `${prefix}open_streams`,
      help: "Streamed responses (SSE) being sent",
      labelNames: ["protocol"],
      registers,
    });
    this.openSockets = new Gauge({
      name: `${prefix}open_sockets`,
      help: "Open WebSockets",
      labelNames: ["protocol"],
      registers,
    });
    this.runs = new Counter({
      name: `${prefix}runs_total`,
      help: "Agent and workflow runs that ended, by protocol and outcome",
      labelNames: ["protocol", "outcome"],
      registers,
    });
  }

  /** Adds a gauge read at scrape time (the dispatch queue's depth and age). */
  sampled(name: string, help: string, read: SampledGauge): void {
    new Gauge({
      name: `${this.#prefix}${name}`,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
