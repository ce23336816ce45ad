export type RouteMatch<H> =
  | { handler: H; params: Record<string, string> }
  | { methodNotAllowed: true; allow: string[] };

interface Route<H> {
  method: string;
  segments: string[];
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
    this.#routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
    return this;
  }

  /** The routes added, in order: `{ method, path }` with `:name` parameters as written. */
  routes(): { method: string; path: string }[] {
    return this.#routes.map((route) => ({ method: route.method, path: `/${route.segments.join("/")}` }));
  }

  match(method: string, path: string): RouteMatch<H> | undefined {
    const parts = split(path);
    let allow: string[] | undefined;
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { handler: route.handler, params };
      allow ??= [];
      if (!allow.includes(route.method)) allow.push(route.method);
    }
    return allow ? { methodNotAllowed: true, allow } : undefined;
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
