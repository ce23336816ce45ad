/**
 * Helpers of the hardening tests: the three protocols with the fixtures on one store (as
 * `switchboard serve` mounts them), and small raw HTTP and WebSocket clients that show exactly
 * what came back.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Agent,
  agentsProtocol,
  createAgent,
  dispatchQueueFrom,
  type ProtocolFactory,
  responsesProtocol,
  type Store,
  scriptedModel,
  textReply,
  workflowsProtocol,
} from "@switchboard/core";
import { fixtureAgents, fixtureWorkflows } from "@switchboard/core/fixtures";
import { openDatastore } from "@switchboard/store-postgres";
import WebSocket from "ws";

/** The protocols `switchboard serve` mounts, on `store`, with `extra` agents besides the fixtures. */
export function allProtocols(store: Store, extra: Record<string, Agent> = {}): ProtocolFactory[] {
  const agents = { ...fixtureAgents, ...extra };
  return [
    responsesProtocol({ agents, env: {}, store: store.responses, bus: store.bus }),
    workflowsProtocol({ workflows: fixtureWorkflows, store: store.workflows, bus: store.bus }),
    agentsProtocol({
      agents,
      env: {},
      sessions: store.sessions,
      bus: store.bus,
      dispatch: { queue: dispatchQueueFrom(store.dispatch) },
    }),
  ];
}

/** An agent that repeats the last user text once `open()` was called (every prompt waits until then). */
export function gatedAgent(): { agent: Agent; open(): void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const agent = createAgent(() => ({
    model: scriptedModel("gated", async (request) => {
      await gate;
      return textReply(request.messages.findLast((m) => m.role === "user")?.content ?? "");
    }),
  }));
  return { agent, open };
}

export interface OpenStore {
  store: Store;
  close(): Promise<void>;
}

/** An embedded PGlite store in a temp directory, or a schema of a real Postgres at `databaseUrl`. */
export async function openTestStore(databaseUrl?: string, schema?: string): Promise<OpenStore> {
  if (databaseUrl) {
    const store = await openDatastore({ databaseUrl, schema, setup: true });
    return { store, close: () => store.close() };
  }
  const dataDir = mkdtempSync(join(tmpdir(), "switchboard-hardening-"));
  const store = await openDatastore({ dataDir });
  return {
    store,
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the tests pick fields out of whatever JSON the server sent.
export type Json = any;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: Json;
}

/** One HTTP request; the body is parsed when it is JSON. */
export async function call(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(url, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const text = await response.text();
  let parsed: Json;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** The handshake's outcome: the socket when it opened, else the refusal's status, headers and body. */
export function connect(
  url: string,
  options: { headers?: Record<string, string>; protocols?: string[] } = {},
): Promise<
  { ws: WebSocket } | { status: number; headers: Record<string, string | string[] | undefined>; body: string }
> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
    ws.once("open", () => resolve({ ws }));
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    ws.once("error", reject);
  });
}

/** Collects every JSON text frame a socket receives. */
export function collect(ws: WebSocket): Json[] {
  const frames: Json[] = [];
  ws.on("message", (data) => frames.push(JSON.parse(data.toString())));
  return frames;
}

export async function until(probe: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve({ code: 1006, reason: "" });
  return new Promise((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
}
