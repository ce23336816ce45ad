/**
 * Cross-origin rules from one allow-list: which web pages may read our answers (CORS) and which
 * may open a WebSocket (the upgrade's `Origin` check). A request without `Origin` comes from a
 * program, not a page, and none of this applies to it.
 */
import type { CoreRequest, CoreResponse } from "./types.js";

export interface CorsOptions {
  /**
   * Origins (`scheme://host[:port]`) allowed to call the server from a browser, or `"*"` for any.
   * The server's own origin is always allowed to open WebSockets.
   */
  origins: readonly string[] | "*";
  /** Request headers a page may send (default: authorization, content-type, accept, last-event-id, x-request-id, x-webhook, openai-beta). */
  allowHeaders?: readonly string[];
  /** Response headers a page may read (default: retry-after, x-request-id, location). */
  exposeHeaders?: readonly string[];
  /** How long a browser may cache a preflight, in seconds (default 600). */
  maxAgeSeconds?: number;
}

const DEFAULT_ALLOW_HEADERS = [
  "authorization",
  "content-type",
  "accept",
  "last-event-id",
  "x-request-id",
  "x-webhook",
  "openai-beta",
];
const DEFAULT_EXPOSE_HEADERS = ["retry-after", "x-request-id", "location"];
const METHODS = "GET, POST, DELETE, OPTIONS";

export class CorsPolicy {
  readonly #any: boolean;
  readonly #origins: Set<string>;
  readonly #allowHeaders: string;
  readonly #exposeHeaders: string;
  readonly #maxAge: string;

  constructor(options: CorsOptions | undefined) {
    this.#any = options?.origins === "*";
    this.#origins = new Set(options?.origins === "*" ? [] : (options?.origins ?? []).map(normalizeOrigin));
    this.#allowHeaders = (options?.allowHeaders ?? DEFAULT_ALLOW_HEADERS).join(", ");
    this.#exposeHeaders = (options?.exposeHeaders ?? DEFAULT_EXPOSE_HEADERS).join(", ");
    this.#maxAge = String(options?.maxAgeSeconds ?? 600);
  }

  /** Whether a page of `origin` may read answers (it is on the allow-list). */
  allows(origin: string): boolean {
    return this.#any || this.#origins.has(normalizeOrigin(origin));
  }

  /** A CORS preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered by the app itself. */
  isPreflight(req: CoreRequest): boolean {
    return (
      req.method === "OPTIONS" &&
      req.header("origin") !== undefined &&
      req.header("access-control-request-method") !== undefined
    );
  }

  /** The preflight's answer for an allowed origin; `undefined` for a foreign one (the caller refuses it). */
  preflight(req: CoreRequest): CoreResponse | undefined {
    const origin = req.header("origin")!;
    if (!this.allows(origin)) return undefined;
    return {
      status: 204,
      headers: {
        "access-control-allow-origin": origin,
        "access-control-allow-methods": METHODS,
        "access-control-allow-headers": this.#allowHeaders,
        "access-control-max-age": this.#maxAge,
        vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
      },
    };
  }

  /** Marks an answer readable by the requesting page when its origin is allowed. */
  decorate(req: CoreRequest, response: CoreResponse): void {
    const origin = req.header("origin");
    if (origin === undefined || !this.allows(origin)) return;
    response.headers["access-control-allow-origin"] = origin;
    response.headers["access-control-expose-headers"] = this.#exposeHeaders;
    response.headers.vary = response.headers.vary ? `${response.headers.vary}, Origin` : "Origin";
  }

  /**
   * Why a WebSocket upgrade from a page must be refused, or `undefined`. A browser lets any page
   * open a socket to any server, sending its `Origin`: only the server's own origin (the `Host`
   * the page addressed) and allowed origins get in. No `Origin` means no browser page.
   */
  upgradeFault(req: CoreRequest): string | undefined {
    const origin = req.header("origin");
    if (origin === undefined) return undefined;
    if (this.allows(origin) || isSameOrigin(origin, req.header("host"))) return undefined;
    return `WebSocket connections from origin ${origin} are not allowed (allow it in SWITCHBOARD_CORS_ORIGINS or the cors option)`;
  }
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    const url = new URL(origin);
    // The Host header carries no scheme: read it with the origin's, so default ports compare equal.
    return (
      (url.protocol === "http:" || url.protocol === "https:") && url.host === new URL(`${url.protocol}//${host}`).host
    );
  } catch {
    return false;
  }
}

/** Lower-cases scheme and host and drops a default port or a trailing slash, as browsers serialize origins. */
function normalizeOrigin(origin: string): string {
  try {
    const url = new URL(origin);
    return url.origin === "null" ? origin.trim().toLowerCase() : url.origin;
  } catch {
    return origin.trim().toLowerCase();
  }
}
