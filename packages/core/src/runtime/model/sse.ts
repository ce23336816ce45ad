export interface ServerSentEvent {
  /** The `event:` field; absent for unnamed events. */
  event?: string;
  data: string;
}

/**
 * Parses a `text/event-stream` body (WHATWG HTML §9.2) chunk by chunk, synchronously, so a reader
 * of upstream bytes gets every event of a chunk at once instead of one asynchronous step per event.
 * Comments and `id:`/`retry:` fields are skipped because no provider stream relies on them. An
 * event still open at end of stream is delivered rather than dropped: some OpenAI-compatible
 * servers omit the final blank line.
 */
export class ServerSentEventParser {
  readonly #decoder = new TextDecoder();
  /** Text after the last complete line. */
  #rest = "";
  #event: string | undefined;
  #data: string[] = [];
  #sawData = false;

  /** The events completed by `chunk`. */
  push(chunk: Uint8Array): ServerSentEvent[] {
    const out: ServerSentEvent[] = [];
    this.#lines(this.#decoder.decode(chunk, { stream: true }), false, out);
    return out;
  }

  /** The events left when the body ends, including one still missing its blank line. */
  end(): ServerSentEvent[] {
    const out: ServerSentEvent[] = [];
    const tail = this.#decoder.decode();
    this.#lines(tail, true, out);
    // The last line, when the body does not end with a line break.
    if (this.#rest !== "") {
      const line = this.#rest;
      this.#rest = "";
      this.#line(line, out);
    }
    this.#dispatch(out);
    return out;
  }

  #lines(text: string, final: boolean, out: ServerSentEvent[]): void {
    if (this.#rest !== "") {
      text = this.#rest + text;
      this.#rest = "";
    }
    let start = 0;
    const length = text.length;
    // Positions of the next "\n" and "\r", found again only once passed, so a chunk of many lines
    // is scanned once (usually there is no "\r" at all).
    let lf = text.indexOf("\n");
    let cr = text.indexOf("\r");
    while (start < length) {
      if (lf >= 0 && lf < start) lf = text.indexOf("\n", start);
      if (cr >= 0 && cr < start) cr = text.indexOf("\r", start);
      let end: number;
      let next: number;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        // A lone trailing "\r" may be the first half of "\r\n": wait for the next chunk.
        if (cr === length - 1 && !final) break;
        end = cr;
        next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      } else if (lf >= 0) {
        end = lf;
        next = lf + 1;
      } else {
        break;
      }
      this.#line(text.slice(start, end), out);
      start = next;
    }
    if (start < length) this.#rest = start === 0 ? text : text.slice(start);
  }

  #line(line: string, out: ServerSentEvent[]): void {
    if (line === "") {
      this.#dispatch(out);
      return;
    }
    if (line.charCodeAt(0) === 58 /* ":" */) return;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(line.charCodeAt(colon + 1) === 32 /* " " */ ? colon + 2 : colon + 1);
    if (field === "data") {
      this.#data.push(value);
      this.#sawData = true;
    } else if (field === "event") {
      this.#event = value;
    }
  }

  #dispatch(out: ServerSentEvent[]): void {
    if (this.#sawData) {
      const data = this.#data.length === 1 ? this.#data[0]! : this.#data.join("\n");
      out.push(this.#event === undefined ? { data } : { event: this.#event, data });
    }
    this.#event = undefined;
    this.#data = [];
    this.#sawData = false;
  }
}

/** The events of a `text/event-stream` body, as an async iterable (see `ServerSentEventParser`). */
export async function* parseServerSentEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const parser = new ServerSentEventParser();
  for await (const chunk of body) yield* parser.push(chunk);
  yield* parser.end();
}
