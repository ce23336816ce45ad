export interface ServerSentEvent {
  /** The `event:` field; absent for unnamed events. */
  event?: string;
  data: string;
}

/**
 * Parses a `text/event-stream` body (WHATWG HTML §9.2). Comments and `id:`/`retry:` fields are
 * skipped because no provider stream relies on them. An event still open at end of stream is
 * delivered rather than dropped: some OpenAI-compatible servers omit the final blank line.
 */
export async function* parseServerSentEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  let event: string | undefined;
  let data: string[] = [];
  let sawData = false;

  function* takeLines(final: boolean): Generator<ServerSentEvent> {
    while (true) {
      const match = /\r\n|\r|\n/.exec(buffer);
      // A lone trailing "\r" may be the first half of "\r\n": wait for the next chunk.
      if (!match || (!final && match[0] === "\r" && match.index === buffer.length - 1)) break;
      const line = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      if (line === "") {
        if (sawData) yield event === undefined ? { data: data.join("\n") } : { event, data: data.join("\n") };
        event = undefined;
        data = [];
        sawData = false;
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "data") {
        data.push(value);
        sawData = true;
      } else if (field === "event") {
        event = value;
      }
    }
  }

  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    yield* takeLines(false);
  }
  buffer += decoder.decode();
  if (buffer !== "") buffer += "\n";
  yield* takeLines(true);
  if (sawData) yield event === undefined ? { data: data.join("\n") } : { event, data: data.join("\n") };
}
