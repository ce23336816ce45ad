import { createParser, type EventSourceParser } from "eventsource-parser";

export interface ServerSentEvent {
  /** The `event:` field; absent for unnamed events. */
  event?: string;
  data: string;
}

/**
 * A `text/event-stream` body (WHATWG HTML §9.2) parsed chunk by chunk, synchronously, so a reader
 * of upstream bytes gets every event of a chunk at once instead of one asynchronous step per
 * event. The parsing is eventsource-parser's; comments and `id:`/`retry:` are not reported
 * because no provider stream relies on them.
 *
 * End of stream: an event still open when the body ends (its blank line missing, even its last
 * line break) is delivered, not dropped. The body ending cleanly is the server's last word, and
 * some OpenAI-compatible servers omit the final blank line. `@switchboard/client` follows the
 * same rule; the conformance suite keeps its own, stricter parser.
 */
export class ServerSentEventParser {
  readonly #decoder = new TextDecoder();
  readonly #parser: EventSourceParser;
  /** Where the parser's callbacks put the events of the chunk being fed. */
  #out: ServerSentEvent[] = [];

  constructor() {
    this.#parser = createParser({
      onEvent: ({ event, data }) => this.#out.push(event === undefined ? { data } : { event, data }),
    });
  }

  /** The events completed by `chunk`. */
  push(chunk: Uint8Array): ServerSentEvent[] {
    return this.#feed(this.#decoder.decode(chunk, { stream: true }));
  }

  /** The events left when the body ends, including one still missing its blank line. */
  end(): ServerSentEvent[] {
    // Two line breaks end whatever is open: its last line, then the event (a `\r` left at the end
    // of the body swallows the first as the second half of a CRLF, and the second still ends it).
    return this.#feed(`${this.#decoder.decode()}\n\n`);
  }

  #feed(text: string): ServerSentEvent[] {
    this.#out = [];
    this.#parser.feed(text);
    return this.#out;
  }
}

/** The events of a `text/event-stream` body, as an async iterable (see `ServerSentEventParser`). */
export async function* parseServerSentEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const parser = new ServerSentEventParser();
  for await (const chunk of body) yield* parser.push(chunk);
  yield* parser.end();
}
