import type { CoreRequest } from "./types.js";

/**
 * Mounting under a path prefix (`/ai`): the protocols keep their own paths (`/v1/responses`),
 * the prefix only moves where they answer.
 */

/** `"/ai/"`, `"ai"` and `"/ai"` all mean `/ai`; `""` and `"/"` mean the root (`""`). */
export function normalizeBasePath(base: string | undefined): string {
  if (!base) return "";
  let path = base.startsWith("/") ? base : `/${base}`;
  while (path.endsWith("/")) path = path.slice(0, -1);
  return path;
}

/** The path below `base`, or `undefined` when the path is outside it (`/aim` is not under `/ai`). */
export function pathUnder(path: string, base: string): string | undefined {
  if (base === "") return path;
  if (!path.startsWith(base)) return undefined;
  const rest = path.slice(base.length);
  if (rest === "") return "/";
  return rest.charCodeAt(0) === 47 /* "/" */ ? rest : undefined;
}

/** The same request seen at another path; everything else reads through to the original. */
class RebasedRequest implements CoreRequest {
  readonly method: string;
  readonly path: string;
  readonly #request: CoreRequest;
  readonly onAbort?: (listener: () => void) => void;

  constructor(request: CoreRequest, path: string) {
    this.#request = request;
    this.method = request.method;
    this.path = path;
    if (request.onAbort) this.onAbort = (listener) => request.onAbort?.(listener);
  }

  get query(): URLSearchParams {
    return this.#request.query;
  }

  get signal(): AbortSignal {
    return this.#request.signal;
  }

  header(name: string): string | undefined {
    return this.#request.header(name);
  }

  body(limit: number): Promise<Uint8Array> {
    return this.#request.body(limit);
  }
}

/** `request` with `base` taken off its path, or `undefined` when the path is outside `base`. */
export function rebase(request: CoreRequest, base: string): CoreRequest | undefined {
  if (base === "") return request;
  const path = pathUnder(request.path, base);
  return path === undefined ? undefined : new RebasedRequest(request, path);
}
