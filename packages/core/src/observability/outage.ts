/**
 * Store outages as state changes: the first request that finds the store unreachable logs one
 * line, later ones log nothing, and while the store is down it is probed (with the app's `ready`
 * check) until it answers, which logs one line more. Without a `ready` check, the first request
 * that completes without an outage error ends the outage.
 */
import type { SwitchboardLogger } from "./logger.js";

/** How long clients are told to wait before retrying, in seconds. */
export const OUTAGE_RETRY_AFTER_SECONDS = 2;
const PROBE_MS = 1_000;

export class OutageMonitor {
  readonly #logger: SwitchboardLogger;
  readonly #ready: (() => Promise<unknown>) | undefined;
  #down = false;
  #since = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(logger: SwitchboardLogger, ready: (() => Promise<unknown>) | undefined) {
    this.#logger = logger;
    this.#ready = ready;
  }

  get down(): boolean {
    return this.#down;
  }

  /** A request found the store unreachable. */
  failed(error: unknown): void {
    if (this.#down) return;
    this.#down = true;
    this.#since = Date.now();
    this.#logger.error(
      { event: "store_unavailable", err: describe(error) },
      "store unreachable: answering 503 until it is back",
    );
    if (this.#ready) this.#probe();
  }

  /** A request completed without finding the store unreachable: a hint that it may be back. */
  succeeded(): void {
    if (!this.#down) return;
    if (!this.#ready) this.#recovered();
    else if (!this.#probing) this.#check();
  }

  #probing = false;

  #probe(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#check();
    }, PROBE_MS);
    this.#timer.unref?.();
  }

  #check(): void {
    this.#probing = true;
    this.#ready!().then(
      () => {
        this.#probing = false;
        this.#recovered();
      },
      () => {
        this.#probing = false;
        if (this.#down) this.#probe();
      },
    );
  }

  #recovered(): void {
    if (!this.#down) return;
    this.#down = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#logger.info({ event: "store_available", outageMs: Date.now() - this.#since }, "store reachable again");
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** The error's name, code and message on one line: an outage is not a bug and needs no stack. */
function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, ...(code === undefined ? {} : { code }) };
}
