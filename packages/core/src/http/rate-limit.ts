/**
 * A token bucket per client: per API key when the request carries one, else per client address.
 * Each process keeps its own buckets (several processes behind one address each allow the rate),
 * which is documented: a shared limit belongs in the proxy or gateway in front of them.
 */
import type { CoreRequest } from "./types.js";

export interface RateLimitOptions {
  /** Sustained requests per minute per client. */
  requestsPerMinute: number;
  /** Requests a full bucket allows at once (default: `requestsPerMinute`). */
  burst?: number;
  /** The most clients tracked at once (default 100 000); the least recently seen are forgotten first. */
  maxClients?: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updated: number;
}

export class RateLimiter {
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #maxClients: number;
  // A Map iterates in insertion order; re-inserting on use keeps the least recently seen first.
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: RateLimitOptions) {
    if (!(options.requestsPerMinute > 0)) throw new RangeError("requestsPerMinute must be positive");
    this.#capacity = options.burst ?? options.requestsPerMinute;
    this.#perMs = options.requestsPerMinute / 60_000;
    this.#maxClients = options.maxClients ?? 100_000;
  }

  /** Takes one token of `client`'s bucket. */
  take(client: string, now = Date.now()): RateDecision {
    let bucket = this.#buckets.get(client);
    if (bucket) {
      this.#buckets.delete(client);
      bucket.tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.updated) * this.#perMs);
      bucket.updated = now;
    } else {
      bucket = { tokens: this.#capacity, updated: now };
      if (this.#buckets.size >= this.#maxClients) {
        const oldest = this.#buckets.keys().next().value;
        if (oldest !== undefined) this.#buckets.delete(oldest);
      }
    }
    this.#buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1000)) };
  }
}

/**
 * Whose bucket a request takes from: its bearer token (or `access_token`, as sockets send it),
 * else its client address. Keys are never logged; they only name buckets in this process.
 */
export function clientOf(req: CoreRequest, token: string | undefined): string {
  if (token) return `key:${token}`;
  return `addr:${req.remoteAddress ?? "unknown"}`;
}
