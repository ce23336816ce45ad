import type { ServerSentEvent } from "./sse.js";
import type { ModelEvent, ModelOption, ModelRequest } from "./types.js";

/** One upstream API dialect: how a request is encoded and how its event stream is read. */
export interface WireFormat {
  /** Appended to the provider's base URL. */
  path: string;
  /** The provider options this dialect can carry. */
  options: ReadonlySet<ModelOption>;
  body(model: string, request: ModelRequest): Record<string, unknown>;
  createParser(): StreamParser;
}

/** Turns one upstream stream into ModelEvents; throws ModelError for errors the upstream streams. */
export interface StreamParser {
  /** Set once the upstream signalled the end; the rest of the body is not read. */
  readonly done: boolean;
  push(message: ServerSentEvent): ModelEvent[];
  /** The closing events (open tool calls, usage, finish); throws when the stream was cut short. */
  end(): ModelEvent[];
}
