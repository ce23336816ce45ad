import { Agent, request } from "undici";

export interface HttpOptions {
  headers?: Record<string, string>;
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as is; set the content type yourself. */
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** Leave out the run's `Authorization` header (to check that the server requires it). */
  anonymous?: boolean;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  text: string;
  /** The parsed body when it is JSON, else `undefined`. */
  json: unknown;
  isJson: boolean;
}

export interface SseFrame {
  event?: string;
  id?: string;
  /** The joined `data:` lines; `undefined` when the frame had none. */
  data?: string;
}

/** An HTTP response whose body is read as server-sent events, frame by frame. */
export interface SseResponse {
  status: number;
  headers: Record<string, string>;
  /** Present when the answer is `text/event-stream`. */
  events?: SseReader;
  /** The body when the answer is not an event stream (an error, typically). */
  text?: string;
  json?: unknown;
  isJson?: boolean;
  /** Drops the connection (the server sees the client disconnect). */
  close(): void;
}

/** HTTP client bound to one server: base URL, credentials, and a connection pool closed after the run. */
export class HttpClient {
  private readonly dispatcher = new Agent({ keepAliveTimeout: 2_000, connections: 32 });

  constructor(
    readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  url(path: string): string {
    return new URL(path, this.baseUrl).toString();
  }

  private prepare(method: string, options: HttpOptions) {
    const headers: Record<string, string> = { ...options.headers };
    if (this.token && !options.anonymous && !hasHeader(headers, "authorization")) {
      headers.authorization = `Bearer ${this.token}`;
    }
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      if (!hasHeader(headers, "content-type")) headers["content-type"] = "application/json";
    }
    return { method: method as "GET", headers, body, dispatcher: this.dispatcher };
  }

  async request(method: string, path: string, options: HttpOptions = {}): Promise<HttpResponse> {
    const res = await request(this.url(path), { ...this.prepare(method, options), signal: options.signal });
    const text = await res.body.text();
    return { status: res.statusCode, headers: flatten(res.headers), ...parseJson(text) };
  }

  /** Sends a request and reads an event-stream answer incrementally. */
  async stream(method: string, path: string, options: HttpOptions = {}): Promise<SseResponse> {
    const abort = new AbortController();
    const onOuterAbort = () => abort.abort();
    options.signal?.addEventListener("abort", onOuterAbort, { once: true });
    const close = () => {
      options.signal?.removeEventListener("abort", onOuterAbort);
      abort.abort();
    };
    const headers = { accept: "text/event-stream", ...options.headers };
    const res = await request(this.url(path), {
      ...this.prepare(method, { ...options, headers }),
      signal: abort.signal,
    });
    const flat = flatten(res.headers);
    if (!mediaType(flat["content-type"]).startsWith("text/event-stream")) {
      const text = await res.body.text();
      close();
      return { status: res.statusCode, headers: flat, ...parseJson(text), close };
    }
    return { status: res.statusCode, headers: flat, events: new SseReader(res.body, close), close };
  }

  async close(): Promise<void> {
    await this.dispatcher.destroy();
  }
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

function parseJson(text: string): { text: string; json: unknown; isJson: boolean } {
  try {
    return { text, json: JSON.parse(text), isJson: true };
  } catch {
    return { text, json: undefined, isJson: false };
  }
}

/**
 * Parses `text/event-stream` as the WHATWG spec defines it (any of CRLF, LF, CR ends a line; a
 * blank line ends a frame; `:` starts a comment). Comment-only frames (keep-alives) are counted,
 * not returned.
 */
export class SseReader {
  private readonly frames: SseFrame[] = [];
  private readonly waiters: Array<() => void> = [];
  private ended = false;
  private failure: Error | undefined;
  /** Comment lines seen so far (keep-alives). */
  comments = 0;
  /** Called with every frame as it arrives (what a timeout reports as observed last). */
  onFrame: ((frame: SseFrame) => void) | undefined;

  constructor(
    body: AsyncIterable<Uint8Array>,
    private readonly abort: () => void,
  ) {
    void this.pump(body);
  }

  private async pump(body: AsyncIterable<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = "";
    let lines: string[] = [];
    const flushLine = (line: string) => {
      if (line === "") {
        if (lines.length) this.emit(lines);
        lines = [];
      } else lines.push(line);
    };
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        // A trailing CR may be the first half of a CRLF split across chunks: keep it for now.
        let match: RegExpExecArray | null;
        const re = /\r\n|\r(?!$)|\n/g;
        let last = 0;
        for (;;) {
          match = re.exec(buffer);
          if (!match) break;
          flushLine(buffer.slice(last, match.index));
          last = match.index + match[0].length;
        }
        buffer = buffer.slice(last);
      }
      buffer += decoder.decode();
      if (buffer.endsWith("\r")) flushLine(buffer.slice(0, -1));
      else if (buffer !== "") lines.push(buffer);
      // An unterminated last frame is not dispatched by browsers; it is reported as a frame so a
      // check can see it arrived without its blank line.
      if (lines.length) this.emit(lines, true);
    } catch (error) {
      if (!(error instanceof Error && error.name === "AbortError")) this.failure = error as Error;
    }
    this.ended = true;
    this.wake();
  }

  /** Frames that arrived without the blank line that ends them. */
  unterminated = 0;

  private emit(lines: string[], unterminated = false) {
    const frame: SseFrame = {};
    let data: string[] | undefined;
    let meaningful = false;
    for (const line of lines) {
      if (line.startsWith(":")) {
        this.comments++;
        continue;
      }
      meaningful = true;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "data") {
        data ??= [];
        data.push(value);
      } else if (field === "event") frame.event = value;
      else if (field === "id") frame.id = value;
    }
    if (!meaningful) return;
    if (data) frame.data = data.join("\n");
    if (unterminated) this.unterminated++;
    this.frames.push(frame);
    this.onFrame?.(frame);
    this.wake();
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** The next frame, or `undefined` when the stream ended. */
  async next(timeoutMs = 5_000): Promise<SseFrame | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0 && !this.ended) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event-stream frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const frame = this.frames.shift();
    if (!frame && this.failure) throw new Error(`event stream broke: ${this.failure.message}`);
    return frame;
  }

  /** Every remaining frame up to the end of the stream. */
  async rest(timeoutMs = 10_000): Promise<SseFrame[]> {
    const deadline = Date.now() + timeoutMs;
    const out: SseFrame[] = [];
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`event stream did not end within ${timeoutMs} ms`);
      const frame = await this.next(left);
      if (!frame) return out;
      out.push(frame);
    }
  }

  close(): void {
    this.abort();
  }
}
