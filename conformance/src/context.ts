import { randomUUID } from "node:crypto";
import { type HttpClient, type HttpOptions, type HttpResponse, mediaType, type SseResponse } from "./http.js";
import type { Protocol } from "./protocols.js";
import { schemaViolation } from "./schema.js";
import { isRefusal, type ReceivedFrame, type WsClient, type WsConnectOptions, type WsRefusal } from "./ws.js";

/** What the suite runs against. */
export interface Target {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** Bearer token the server requires, if any. */
  token?: string;
  /** Path prefix of the workflow protocol (default `/workflows`). */
  workflowPrefix: string;
}

/** Thrown to end a requirement as failed. */
export class RequirementFailure extends Error {}

/** Thrown to end a requirement as not applicable. */
export class RequirementSkip extends Error {}

/** One payload that broke its schema. */
export interface SchemaViolation {
  schema: string;
  message: string;
}

/**
 * Everything one requirement's test may use. Payloads received through it are checked against the
 * protocol's schemas; violations are recorded, and only the schema requirements (`conforms`) judge
 * them, so a behaviour requirement is not failed by a field it does not look at.
 */
export class TestContext {
  private readonly violations: SchemaViolation[] = [];
  private readonly failed: string[] = [];
  private readonly cleanups: Array<() => unknown> = [];
  private readonly runId = randomUUID().slice(0, 8);
  private readonly started = Date.now();
  private counter = 0;
  private last: string | undefined;

  constructor(
    readonly target: Target,
    readonly protocol: Protocol,
    readonly http: HttpClient,
    readonly signal: AbortSignal,
    private readonly connect: (url: string, options: WsConnectOptions) => Promise<WsClient | WsRefusal>,
  ) {}

  /** A name unique to this requirement run (instance ids, sessions, user ids). */
  unique(prefix = "conf"): string {
    this.counter++;
    return `${prefix}-${this.runId}-${this.counter}`;
  }

  /** Ends the requirement as failed (after the checks that already failed). */
  fail(message: string): never {
    this.failed.push(message);
    throw new RequirementFailure(message);
  }

  skip(reason: string): never {
    throw new RequirementSkip(reason);
  }

  /**
   * Records a failed check and carries on, so every failing check of a requirement is reported.
   * Use `require` when the rest of the test cannot go on without the condition.
   */
  check(condition: unknown, message: string): boolean {
    if (!condition) this.failed.push(message);
    return Boolean(condition);
  }

  /** Like `check`, but ends the requirement when the condition does not hold. */
  require(condition: unknown, message: string): asserts condition {
    if (!condition) this.fail(message);
  }

  equal(actual: unknown, expected: unknown, what: string): boolean {
    return this.check(deepEqual(actual, expected), `${what}: expected ${show(expected)}, got ${show(actual)}`);
  }

  /** The failed checks so far, in order. */
  get failures(): readonly string[] {
    return this.failed;
  }

  /** Notes what the server just sent; a timeout reports the last of these. */
  observe(what: string): void {
    this.last = `${what} (at ${Date.now() - this.started} ms)`;
  }

  /** What the server sent last, for a timeout's message. */
  get lastObserved(): string | undefined {
    return this.last;
  }

  /** Records a schema violation of `value` (received as `where`); returns whether it conformed. */
  schema(schema: string, value: unknown, where: string): boolean {
    const violation = schemaViolation(this.protocol, schema, value);
    if (violation) this.violations.push({ schema, message: `${where} does not match ${violation}` });
    return violation === undefined;
  }

  /** Schema violations recorded so far. */
  get schemaViolations(): readonly string[] {
    return this.violations.map((v) => v.message);
  }

  /**
   * The verdict of a schema requirement: fails with every violation recorded so far (of the given
   * schemas only, when named), each reported once.
   */
  conforms(schemas?: readonly string[]): void {
    const seen = new Map<string, number>();
    for (const v of this.violations) {
      if (schemas && !schemas.includes(v.schema)) continue;
      // The same defect in many payloads is one line with a count.
      const key = v.message.replace(/#\d+/g, "#n");
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const [message, count] of seen) this.check(false, count > 1 ? `${message} (×${count})` : message);
  }

  /** Runs `fn` when the requirement ends, pass or fail (closing sockets, aborting prompts). */
  defer(fn: () => unknown): void {
    this.cleanups.push(fn);
  }

  async cleanup(): Promise<void> {
    for (const fn of this.cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch {}
    }
  }

  async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.signal.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
    if (this.signal.aborted) this.fail("timed out");
  }

  /** Polls `probe` until it returns a value other than `undefined`. */
  async eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5_000, everyMs = 50): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) this.fail(`${what} did not happen within ${timeoutMs} ms`);
      await this.sleep(everyMs);
    }
  }

  /**
   * An HTTP request whose JSON answer is validated: a 2xx body against `okSchema` (when given), any
   * other status against `errorSchema`.
   */
  async request(
    method: string,
    path: string,
    options: HttpOptions & { okSchema?: string; errorSchema: string },
  ): Promise<HttpResponse> {
    const res = await this.http.request(method, path, { signal: this.signal, ...options });
    this.observe(`${method} ${path} → ${res.status} ${show(res.text.slice(0, 80))}`);
    this.validateBody(res, `${method} ${path} (${res.status})`, options.okSchema, options.errorSchema);
    return res;
  }

  /** Like `request`, for an answer that may be an event stream; an error answer is validated. */
  async stream(method: string, path: string, options: HttpOptions & { errorSchema: string }): Promise<SseResponse> {
    const res = await this.http.stream(method, path, { signal: this.signal, ...options });
    this.defer(() => res.close());
    this.observe(`${method} ${path} → ${res.status} ${show(res.headers["content-type"])}`);
    if (res.events) {
      let n = 0;
      res.events.onFrame = (frame) => this.observe(`event-stream frame #${n++} ${show(frame.data?.slice(0, 80))}`);
    } else {
      this.validateBody(res as HttpResponse, `${method} ${path} (${res.status})`, undefined, options.errorSchema);
    }
    return res;
  }

  private validateBody(res: HttpResponse, where: string, okSchema: string | undefined, errorSchema: string) {
    const ok = res.status >= 200 && res.status < 300;
    const schema = ok ? okSchema : errorSchema;
    if (!schema || res.status === 101 || res.status === 204) return;
    if (!res.isJson) {
      const message = `${where}: body is not JSON (${show(res.text.slice(0, 120))}), expected ${schema}`;
      this.violations.push({ schema, message });
      return;
    }
    if (mediaType(res.headers["content-type"]) !== "application/json") {
      const message = `${where}: Content-Type is ${show(res.headers["content-type"])}, expected application/json`;
      this.violations.push({ schema, message });
    }
    this.schema(schema, res.json, where);
  }

  /**
   * Opens a WebSocket. Every JSON frame received is validated against `frameSchema`; a refused
   * upgrade's body against `errorSchema`.
   */
  async websocket(
    path: string,
    options: {
      frameSchema: string;
      errorSchema: string;
      headers?: Record<string, string>;
      /** Subprotocols to ask for; the server must select one. */
      protocols?: string[];
      anonymous?: boolean;
      ignore?: (frame: ReceivedFrame) => boolean;
    },
  ): Promise<WsClient | WsRefusal> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.target.token && !options.anonymous) headers.authorization = `Bearer ${this.target.token}`;
    let index = 0;
    const result = await this.connect(this.http.url(path), {
      headers,
      protocols: options.protocols,
      ignore: options.ignore,
      onFrame: (frame) => {
        const where = `WebSocket ${path} frame #${index++}`;
        const schema = options.frameSchema;
        this.observe(`${where} ${show(frame.text.slice(0, 80))}`);
        if (!schema) return;
        if (frame.binary) this.violations.push({ schema, message: `${where}: binary frame, expected JSON text` });
        else if (!frame.isJson) {
          this.violations.push({ schema, message: `${where}: not JSON (${show(frame.text.slice(0, 120))})` });
        } else this.schema(schema, frame.json, where);
      },
    });
    if (isRefusal(result)) {
      this.observe(`WebSocket upgrade ${path} refused with ${result.status}`);
      this.validateBody(result, `WebSocket upgrade ${path} (${result.status})`, undefined, options.errorSchema);
    } else {
      this.defer(() => result.terminate());
    }
    return result;
  }
}

export function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
