/**
 * The bare servers Switchboard is compared with: each framework's own idiomatic route answering
 * the same request with the same JSON, raw `node:http` for JSON and SSE, a bare relay to a model
 * server, and a raw `ws` server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { request } from "undici";
import { WebSocketServer } from "ws";
import {
  echoResponse,
  firehoseEvents,
  relayResponse,
  responseEvents,
  SSE_DONE,
  sseFrame,
  tickerDeltas,
} from "../payload.js";

export interface Listening {
  port: number;
  close(): Promise<void>;
}

const ROUTE = "/v1/responses";

export function listenOn(server: Server): Promise<Listening> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function notFound(res: ServerResponse) {
  res.writeHead(404).end();
}

/** `node:http` answering the echo request: read the body, parse it, stringify the response. */
export function nodeJson(): Promise<Listening> {
  return listenOn(
    createServer((req, res) => {
      if (req.method !== "POST" || req.url !== ROUTE) return notFound(res);
      readBody(req).then((text) => {
        const json = JSON.stringify(echoResponse(JSON.parse(text)));
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
        res.end(json);
      });
    }),
  );
}

/**
 * Express with its JSON body parser. ETag and X-Powered-By are off: Switchboard's middleware sends
 * neither, and leaving them on would make the baseline slower than it needs to be.
 */
export function expressJson(): Promise<Listening> {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(express.json());
  app.post(ROUTE, (req, res) => {
    res.json(echoResponse(req.body));
  });
  return listenOn(createServer(app));
}

export async function fastifyJson(): Promise<Listening> {
  const app = Fastify();
  app.post(ROUTE, async (request) => echoResponse(request.body));
  await app.listen({ port: 0, host: "127.0.0.1" });
  return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
}

export function honoJson(): Promise<Listening> {
  const app = new Hono();
  app.post(ROUTE, async (c) => c.json(echoResponse(await c.req.json())));
  return listenOn(createAdaptorServer({ fetch: app.fetch }) as Server);
}

/**
 * `node:http` writing the stream of the `firehose` agent (model "firehose", input "N") or of the
 * `ticker` agent (model "ticker", input "N MS", deltas due at start + k·MS): one `write` per frame,
 * waiting for `drain` when the socket buffer is full, as a careful hand-written SSE endpoint would.
 */
export function nodeSse(): Promise<Listening> {
  return listenOn(
    createServer((req, res) => {
      if (req.method !== "POST" || req.url !== ROUTE) return notFound(res);
      readBody(req).then(async (text) => {
        const body = JSON.parse(text) as { model: string; input: string };
        const [count = "0", interval = "0"] = body.input.split(" ");
        const ticks = Number.parseInt(count, 10);
        const ms = body.model === "ticker" ? Number.parseInt(interval, 10) : 0;
        const events = ms > 0 ? responseEvents(body, tickerDeltas(ticks)) : firehoseEvents(body, ticks);
        res.writeHead(200, {
          "content-type": "text/event-stream",
          "cache-control": "no-cache",
          "x-accel-buffering": "no",
          connection: "keep-alive",
        });
        res.flushHeaders();
        const start = Date.now();
        let delta = 0;
        for (const event of events) {
          if (res.destroyed) return;
          if (ms > 0 && event.type === "response.output_text.delta" && delta++ > 0) {
            const wait = start + (delta - 1) * ms - Date.now();
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          }
          if (!res.write(sseFrame(event))) await new Promise((resolve) => res.once("drain", resolve));
        }
        res.end(SSE_DONE);
      });
    }),
  );
}

/**
 * A raw `ws` server doing what an idle instance-agent socket does: greet with a `ready` frame and
 * parse incoming frames as JSON.
 */
export function wsRaw(): Promise<Listening> {
  const server = createServer((_req, res) => notFound(res));
  const wss = new WebSocketServer({ server, maxPayload: 1024 * 1024 });
  wss.on("connection", (ws, req) => {
    const [, , name, id] = (req.url ?? "").split("/");
    ws.on("error", () => {});
    ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as { type?: string };
      if (frame.type === "ping") ws.send(JSON.stringify({ type: "pong", version: 1 }));
    });
    ws.send(JSON.stringify({ type: "ready", version: 1, target: "agent", name, instanceId: id }));
  });
  return listenOn(server);
}

/**
 * The cheapest relay of `POST /v1/responses` to a Chat Completions upstream (`upstreamUrl`, …/v1):
 * `node:http` in, one streamed undici `request` out (the client `openAICompatible` uses on Node),
 * the `data:` lines' JSON parsed for the text deltas, a response object back. No agent, no
 * validation, no limit, no retries: a floor under what any framework doing this can cost.
 */
export function nodeRelay(upstreamUrl: string): Promise<Listening> {
  const url = `${upstreamUrl.replace(/\/+$/, "")}/chat/completions`;
  return listenOn(
    createServer((req, res) => {
      if (req.method !== "POST" || req.url !== ROUTE) return notFound(res);
      readBody(req)
        .then(async (text) => {
          const body = JSON.parse(text) as { input: string };
          const upstream = await request(url, {
            method: "POST",
            headers: { "content-type": "application/json", accept: "text/event-stream" },
            body: JSON.stringify({
              model: "stub",
              messages: [{ role: "user", content: body.input }],
              stream: true,
              stream_options: { include_usage: true },
            }),
          });
          let answer = "";
          for (const line of (await upstream.body.text()).split("\n")) {
            if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
            const chunk = JSON.parse(line.slice(6)) as { choices?: Array<{ delta?: { content?: string } }> };
            answer += chunk.choices?.[0]?.delta?.content ?? "";
          }
          const json = JSON.stringify(relayResponse(body, answer));
          res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
          res.end(json);
        })
        .catch(() => res.writeHead(502).end());
    }),
  );
}
