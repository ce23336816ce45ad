// Shared by the agents-*.test.ts files, which check the agents protocol module without a network (every
// rule that does not depend on an adapter): hand-made requests, in-memory sockets, the ticker agent, the app.
import { expect, vi } from "vitest";
import { createSwitchboard, type SwitchboardOptions } from "../src/app.js";
import { echoAgent, toolsAgent } from "../src/fixtures/agents.js";
import { type CoreRequest, type CoreResponse, isStreamBody, PayloadTooLargeError } from "../src/http/types.js";
import { agentsProtocol } from "../src/protocols/agents/module.js";
import { createAgent } from "../src/runtime/agent/define.js";
import { delay } from "../src/runtime/model/abort.js";
import { scriptedModel } from "../src/runtime/model/scripted.js";
import type { ModelEvent } from "../src/runtime/model/types.js";
import type { CoreSocket, SocketHandlers, UpgradeDecision } from "../src/ws/types.js";

export interface RequestInit {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function request(method: string, path: string, init: RequestInit = {}): CoreRequest {
  const headers: Record<string, string> = { ...init.headers };
  const raw = init.body === undefined ? "" : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  if (init.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
    headers["content-type"] = "application/json";
  }
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method,
    path,
    query: new URLSearchParams(),
    header: (name) => lower[name.toLowerCase()],
    body: async (limit) => {
      const bytes = new TextEncoder().encode(raw);
      if (bytes.byteLength > limit) throw new PayloadTooLargeError(limit);
      return bytes;
    },
    signal: init.signal ?? new AbortController().signal,
  };
}

/** A well-formed RFC 6455 upgrade request (the app refuses malformed handshakes itself). */
export function upgradeRequest(path: string, headers: Record<string, string> = {}): CoreRequest {
  return request("GET", path, {
    headers: {
      upgrade: "websocket",
      "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
      "sec-websocket-version": "13",
      ...headers,
    },
  });
}

/** Offers the subprotocol of Switchboard's agent-socket framing (the tests below use its frames). */
export const SWITCHBOARD_FRAMING = { "sec-websocket-protocol": "switchboard.v1" };

export const parse = (res: CoreResponse | undefined) => JSON.parse(res?.body as string);

export async function collect(res: CoreResponse | undefined): Promise<string> {
  if (!res || !isStreamBody(res.body)) throw new Error("not a stream");
  let text = "";
  for await (const chunk of res.body) text += chunk;
  return text;
}

export const signals: AbortSignal[] = [];

/** `ticker`: N ticks (N = first number in the message), 10 ms apart; records its signal. */
const tickerAgent = createAgent(() => ({
  model: scriptedModel("ticker", async function* (req): AsyncGenerator<ModelEvent> {
    signals.push(req.signal);
    const last = req.messages.findLast((m) => m.role === "user")?.content ?? "";
    const count = Number(/\d+/.exec(last)?.[0] ?? 3);
    for (let i = 1; i <= count; i++) {
      if (i > 1) await delay(10, req.signal);
      yield { type: "text", delta: `t${i} ` };
    }
    yield { type: "finish", reason: "stop" };
  }),
}));

export function app(options: Partial<Parameters<typeof agentsProtocol>[0]> = {}, sb: Partial<SwitchboardOptions> = {}) {
  return createSwitchboard({
    ...sb,
    protocols: [agentsProtocol({ agents: { echo: echoAgent, tools: toolsAgent, ticker: tickerAgent }, ...options })],
  });
}

export interface MemorySocket extends CoreSocket {
  frames: Array<Record<string, unknown>>;
  closedWith?: number;
  handlers: SocketHandlers;
  send(text: string): Promise<void>;
  say(frame: unknown): void;
  next(match: (f: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

export function accept(decision: UpgradeDecision | undefined): MemorySocket {
  if (!decision || !("accept" in decision)) throw new Error("the upgrade was refused");
  const frames: Array<Record<string, unknown>> = [];
  const socket = {
    frames,
    async send(text: string) {
      frames.push(JSON.parse(text));
    },
    close(code: number) {
      socket.closedWith = code;
    },
    say(frame: unknown) {
      socket.handlers.onMessage(typeof frame === "string" ? frame : JSON.stringify(frame), false);
    },
    async next(match: (f: Record<string, unknown>) => boolean) {
      await vi.waitFor(() => expect(frames.find(match)).toBeDefined(), { timeout: 2000, interval: 5 });
      return frames.find(match)!;
    },
  } as MemorySocket;
  socket.handlers = decision.accept(socket);
  return socket;
}
