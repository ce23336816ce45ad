/**
 * What the app records about each request: one access line (method, path, status, duration,
 * request id, protocol), the request metrics and the request's span. A streamed response is
 * recorded when its stream ends, so its duration covers the whole stream.
 */
import { randomUUID } from "node:crypto";
import type { Span } from "@opentelemetry/api";
import type { CoreRequest, CoreResponse, StreamBody } from "../http/types.js";
import { isStreamBody } from "../http/types.js";
import { logs, type SwitchboardLogger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import { endRequestSpan, requestSpan } from "./tracing.js";

// A client's own request id is kept when it is short and plain, so it can be traced end to end.
const CLIENT_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The request's id: the client's `X-Request-Id` when usable, else a fresh UUID. */
export function requestIdOf(req: CoreRequest): string {
  const given = req.header("x-request-id");
  return given !== undefined && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

export class RequestRecord {
  readonly #started = performance.now();
  readonly #span: Span;
  #protocol: string;

  constructor(
    readonly req: CoreRequest,
    readonly requestId: string,
    protocol: string,
    private readonly logger: SwitchboardLogger,
    private readonly metrics: Metrics | undefined,
  ) {
    this.#protocol = protocol;
    this.#span = requestSpan(req.method, protocol, req.path);
    this.#span.setAttribute("switchboard.request_id", requestId);
  }

  /** Records `response` (at its stream's end for a stream) and tags it with the request id. */
  finish(response: CoreResponse): CoreResponse {
    response.headers["x-request-id"] = this.requestId;
    const body = response.body;
    if (!isStreamBody(body)) {
      this.#record(response.status, false);
      return response;
    }
    this.metrics?.openStreams.inc({ protocol: this.#protocol });
    this.#observeHeaders();
    return {
      ...response,
      body: onEnd(body, () => {
        this.metrics?.openStreams.dec({ protocol: this.#protocol });
        this.#record(response.status, true);
      }),
    };
  }

  #observeHeaders(): void {
    this.metrics?.duration.observe(
      { protocol: this.#protocol, method: this.req.method },
      (performance.now() - this.#started) / 1000,
    );
  }

  #record(status: number, streamed: boolean): void {
    if (this.metrics) {
      this.metrics.requests.inc({ protocol: this.#protocol, method: this.req.method, status: String(status) });
      if (!streamed) this.#observeHeaders();
    }
    endRequestSpan(this.#span, status);
    if (!logs(this.logger, "info")) return;
    const durationMs = Math.round((performance.now() - this.#started) * 10) / 10;
    this.logger.info(
      {
        event: "request",
        method: this.req.method,
        // The path only: a query may carry `access_token`.
        path: this.req.path,
        status,
        durationMs,
        requestId: this.requestId,
        protocol: this.#protocol,
        ...(streamed ? { streamed } : {}),
      },
      "request",
    );
  }
}

/** `body`, calling `done` once when it ends, fails or is abandoned by the client. */
function onEnd(body: StreamBody, done: () => void): StreamBody {
  return {
    [Symbol.asyncIterator]() {
      const iterator = body[Symbol.asyncIterator]();
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        done();
      };
      return {
        async next() {
          try {
            const next = await iterator.next();
            if (next.done) end();
            return next;
          } catch (error) {
            end();
            throw error;
          }
        },
        async return(value?: unknown) {
          end();
          return (await iterator.return?.(value as never)) ?? { value: undefined, done: true };
        },
      };
    },
  };
}
