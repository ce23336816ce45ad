export type RouteMatch<H> =
  | { handler: H; params: Record<string, string> }
  | { methodNotAllowed: true; allow: string[] };

interface Route<H> {
  method: string;
  segments: string[];
  /** How many segments are literal (not `:name`): the more, the more specific the route. */
  literal: number;
  handler: H;
}

/**
 * A small path router for protocol modules: `:name` segments capture one path segment
 * (percent-decoded). A path that matches with another method reports the allowed methods so
 * the module can answer 405 with `Allow` in its own envelope.
 */
export class Router<H> {
  readonly #routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H): this {
    const segments = split(pattern);
    const literal = segments.filter((segment) => !segment.startsWith(":")).length;
    this.#routes.push({ method: method.toUpperCase(), segments, literal, handler });
    return this;
  }

  /** The routes added, in order: `{ method, path }` with `:name` parameters as written. */
  routes(): { method: string; path: string }[] {
    return this.#routes.map((route) => ({ method: route.method, path: `/${route.segments.join("/")}` }));
  }

  /**
   * The route for `method` and `path`. A pattern with more literal segments wins over one that
   * captures them (`/v1/responses/compact` is never the response id `compact`), whatever the
   * method: a path the more literal pattern matches with another method gets its `allow`.
   */
  match(method: string, path: string): RouteMatch<H> | undefined {
    const parts = split(path);
    let best = -1;
    let found: { handler: H; params: Record<string, string> } | undefined;
    let allow: string[] = [];
    for (const route of this.#routes) {
      const { literal } = route;
      if (literal < best || route.segments.length !== parts.length) continue;
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (literal > best) {
        best = literal;
        found = undefined;
        allow = [];
      }
      if (route.method === method) found ??= { handler: route.handler, params };
      else if (!allow.includes(route.method)) allow.push(route.method);
    }
    if (found) return found;
    return allow.length > 0 ? { methodNotAllowed: true, allow } : undefined;
  }
}

function split(path: string): string[] {
  const segments = path.split("/");
  // Leading slash and one trailing slash do not make a segment: `/v1/models/` is `/v1/models`.
  if (segments[0] === "") segments.shift();
  if (segments.length > 0 && segments[segments.length - 1] === "") segments.pop();
  return segments;
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const actual = parts[i]!;
    if (expected.startsWith(":")) {
      if (actual === "") return undefined;
      params[expected.slice(1)] = decode(actual);
    } else if (expected !== actual) return undefined;
  }
  return params;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
