// Which HTTP client a provider without a `fetch` of its own calls its upstream with (see upstream.ts).
import { type UpstreamCall, type UpstreamRequest, type UpstreamResponse, viaFetch } from "./upstream.js";

let undiciCall: UpstreamCall | undefined;
let loading: Promise<UpstreamCall> | undefined;
let lastChecked: unknown;
let lastCheckedIsNodes = false;

/**
 * Node's own `fetch` is a thin wrapper that loads its bundled undici. Its source names that
 * internal module, which no code outside Node can `require`, so a fetch that something wrapped or
 * replaced (msw's and nock's interceptors, a polyfill, another runtime's fetch) never matches and
 * keeps being called.
 */
function isNodesOwnFetch(candidate: unknown): boolean {
  if (candidate === lastChecked) return lastCheckedIsNodes;
  lastChecked = candidate;
  lastCheckedIsNodes =
    typeof candidate === "function" &&
    typeof process !== "undefined" &&
    typeof process.versions?.node === "string" &&
    Function.prototype.toString.call(candidate).includes("require('internal/deps/undici/undici')");
  return lastCheckedIsNodes;
}

/**
 * The call a provider without a `fetch` of its own makes, decided per call so an interceptor
 * installed later still applies: undici's `request` while the global `fetch` is Node's own and
 * unwrapped, otherwise the global `fetch`. Both go through the same global dispatcher (undici
 * shares it with Node's fetch), so a proxy or mock agent set with `setGlobalDispatcher` applies to
 * either. undici's `request` costs a fraction of `fetch`'s CPU per streamed call (no WHATWG
 * Request/Response/ReadableStream per call, no clone of the request for redirects).
 */
export async function defaultUpstreamCall(url: string, request: UpstreamRequest): Promise<UpstreamResponse> {
  const fetchImpl = globalThis.fetch;
  if (!isNodesOwnFetch(fetchImpl)) return viaFetch(fetchImpl)(url, request);
  if (undiciCall === undefined) {
    // Loaded on the first call: undici is Node-only, and a server that never calls a model need not load it.
    loading ??= import("./upstream-undici.js").then(
      (module) => module.viaUndici,
      // A bundle that left undici out still works, at fetch's cost.
      () => viaFetch((input, init) => globalThis.fetch(input, init)),
    );
    undiciCall = await loading;
  }
  return undiciCall(url, request);
}
