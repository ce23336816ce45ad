/**
 * Upstream calls through undici's `request` (Node only; loaded on first use by `upstream-http.ts`).
 * It answers as Node's `fetch` would, so the provider behaves the same on either path: network
 * failures become the TypeErrors fetch throws (`fetch failed`, `terminated`) with the cause kept,
 * a redirect is followed by `fetch` itself, and the headers fetch adds by default that an upstream
 * may look at are sent too.
 */
import { STATUS_CODES } from "node:http";
import { request } from "undici";
import {
  type UpstreamBody,
  type UpstreamCall,
  type UpstreamRequest,
  type UpstreamResponse,
  viaFetch,
} from "./upstream.js";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const noop = () => {};

type Answer = Awaited<ReturnType<typeof request>>;

export const viaUndici: UpstreamCall = async (url, upstream) => {
  const { headers, body, signal, dispatcher } = upstream;
  let answer: Answer;
  try {
    answer = await request(url, {
      method: "POST",
      // fetch sends `user-agent: node` unless told otherwise; some gateways refuse a request without one.
      headers: headers["user-agent"] === undefined ? { "user-agent": "node", ...headers } : headers,
      body,
      signal,
      ...(dispatcher === undefined ? {} : { dispatcher: dispatcher as never }),
    });
  } catch (error) {
    throw fetchFailure(error, signal, "fetch failed");
  }
  if (REDIRECTS.has(answer.statusCode) && answer.headers.location !== undefined) {
    // Rare for a model API; fetch knows the rules (which redirects keep the POST, which origins keep the headers).
    answer.body.on("error", noop).destroy();
    return followWithFetch(url, upstream);
  }
  return response(answer, signal);
};

function followWithFetch(url: string, upstream: UpstreamRequest): Promise<UpstreamResponse> {
  return viaFetch((input, init) => globalThis.fetch(input, init))(url, upstream);
}

function response(answer: Answer, signal: AbortSignal): UpstreamResponse {
  const { statusCode, headers } = answer;
  const stream = answer.body;
  return {
    status: statusCode,
    statusText: STATUS_CODES[statusCode] ?? "",
    headers: {
      get(name: string) {
        const value = headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(", ") : value;
      },
    },
    body(): UpstreamBody {
      const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      return {
        read: () =>
          (chunks.next() as Promise<ReadableStreamReadResult<Uint8Array>>).catch((error: unknown) => {
            throw fetchFailure(error, signal, "terminated");
          }),
        async cancel() {
          // Destroying an unfinished body aborts its request; the error it emits has nobody else to go to.
          stream.on("error", noop).destroy();
        },
        release: noop,
      };
    },
    text: () => stream.text(),
  };
}

/** The error Node's fetch would have thrown: an abort as itself, anything else as a TypeError with its cause. */
function fetchFailure(error: unknown, signal: AbortSignal, message: string): unknown {
  if (signal.aborted) return error;
  return new TypeError(message, { cause: error });
}
