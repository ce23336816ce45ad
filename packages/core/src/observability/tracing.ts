/**
 * OpenTelemetry spans through `@opentelemetry/api`: without an SDK registered by the application
 * the API hands out no-op spans, so this costs next to nothing until someone asks for traces.
 */
import { type Attributes, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

const tracer = () => trace.getTracer("switchboard");

/** A server span for one HTTP request or WebSocket upgrade. */
export function requestSpan(method: string, protocol: string, path: string): Span {
  return tracer().startSpan(`${method} ${protocol}`, {
    kind: SpanKind.SERVER,
    attributes: { "http.request.method": method, "url.path": path, "switchboard.protocol": protocol },
  });
}

export function endRequestSpan(span: Span, status: number): void {
  span.setAttribute("http.response.status_code", status);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/**
 * Runs `fn` inside a span named `name` (an agent run, a model call, a tool call), ending it when
 * `fn` settles and recording a thrown error.
 */
export async function inSpan<T>(name: string, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn();
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A span for work that ends later than the call that starts it (a streamed model call). */
export function startSpan(name: string, attributes: Attributes): Span {
  return tracer().startSpan(name, { attributes });
}

export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}
