import type { IncomingMessage, ServerResponse } from "node:http";
import { type CoreRequest, PayloadTooLargeError } from "../http/types.js";

// The Node request as a CoreRequest: path and query parsed once, headers read through, the body
// read (or taken from a framework that already read it) under the app's limit.

/** A body a framework already read: raw bytes, text, or the object its JSON parser produced. */
export type PreReadBody = Buffer | Uint8Array | string | object;

const EMPTY = new Uint8Array(0);

export class NodeRequest implements CoreRequest {
  readonly method: string;
  readonly path: string;
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse | undefined;
  readonly #preRead: PreReadBody | undefined;
  readonly #search: string;
  #query: URLSearchParams | undefined;
  #controller: AbortController | undefined;
  #body: Promise<Uint8Array> | undefined;

  constructor(req: IncomingMessage, res: ServerResponse | undefined, preRead: PreReadBody | undefined) {
    this.#req = req;
    this.#res = res;
    this.#preRead = preRead;
    this.method = req.method ?? "GET";
    let url = req.url ?? "/";
    if (url.charCodeAt(0) !== 47 /* "/" */) {
      // Absolute-form request target (`GET http://host/path`), which proxies may send.
      const parsed = URL.canParse(url) ? new URL(url) : undefined;
      url = parsed ? parsed.pathname + parsed.search : "/";
    }
    const q = url.indexOf("?");
    this.path = q === -1 ? url : url.slice(0, q);
    this.#search = q === -1 ? "" : url.slice(q + 1);
  }

  get query(): URLSearchParams {
    this.#query ??= new URLSearchParams(this.#search);
    return this.#query;
  }

  get remoteAddress(): string | undefined {
    return this.#req.socket.remoteAddress;
  }

  header(name: string): string | undefined {
    const value = this.#req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(", ") : value;
  }

  // Created on first use: handlers that never look at the signal pay nothing for it.
  get signal(): AbortSignal {
    if (this.#controller) return this.#controller.signal;
    const controller = new AbortController();
    this.#controller = controller;
    this.onAbort(() => controller.abort());
    return controller.signal;
  }

  onAbort(listener: () => void): void {
    const res = this.#res;
    if (res) {
      // `on` rather than `once`: a response closes once, and `once` wraps every listener anew.
      if (res.destroyed && !res.writableFinished) listener();
      else res.on("close", () => res.writableFinished || listener());
    } else {
      // An upgrade request has no response; its socket closing is the client going away.
      const socket = this.#req.socket;
      if (socket.destroyed) listener();
      else socket.once("close", listener);
    }
  }

  body(limit: number): Promise<Uint8Array> {
    this.#body ??= this.#read(limit);
    return this.#body;
  }

  #read(limit: number): Promise<Uint8Array> {
    if (this.#preRead !== undefined) {
      const bytes = toBytes(this.#preRead);
      return bytes.byteLength > limit ? Promise.reject(new PayloadTooLargeError(limit)) : Promise.resolve(bytes);
    }
    const req = this.#req;
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit) return Promise.reject(new PayloadTooLargeError(limit));
    if (declared === "0" || (declared === undefined && req.headers["transfer-encoding"] === undefined)) {
      return Promise.resolve(EMPTY);
    }
    if (req.readableEnded) return Promise.resolve(EMPTY);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      // The listeners stay until the request is garbage: removing them would cost more per
      // request than the `settled` checks, and Node discards unread data once the response ends.
      req.on("data", (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (size > limit) {
          settled = true;
          req.pause();
          reject(new PayloadTooLargeError(limit));
        } else chunks.push(chunk);
      });
      req.on("end", () => {
        if (settled) return;
        settled = true;
        resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      });
      req.on("error", (error) => {
        if (settled) return;
        settled = true;
        reject(error);
      });
      req.on("close", () => {
        if (settled) return;
        settled = true;
        reject(new Error("the client closed the connection before the request body was complete"));
      });
    });
  }
}

function toBytes(body: PreReadBody): Uint8Array {
  if (body instanceof Uint8Array) return body;
  if (typeof body === "string") return Buffer.from(body);
  return Buffer.from(JSON.stringify(body));
}

/**
 * Wraps a Node request. `preRead` is the body when a framework already consumed the stream
 * (Express with `express.json()`, a Fastify content-type parser); it is still held to the limit.
 */
export function toCoreRequest(req: IncomingMessage, res: ServerResponse, preRead?: PreReadBody): CoreRequest {
  return new NodeRequest(req, res, preRead);
}
