// Shared by the agents.*.test.ts files (the instance-agent protocol on every adapter): the scripted
// agents, the authorize rule, a server per adapter, HTTP helpers, an SSE frame reader and a test socket.
import { type AgentAuthorize, agentsProtocol, createAgent, delay, scriptedModel, textReply } from "@switchboard/core";
import { echoAgent, toolsAgent } from "@switchboard/core/fixtures";
import { expect } from "vitest";
import WebSocket from "ws";
import type { AgentEvent, AgentServerFrame } from "../packages/protocol/src/agents.js";
import { validate } from "../packages/protocol/src/agents.js";
import { type Adapter, startServer, type TestServer } from "./support/index.js";

export const TICK_MS = 20;
export const REATTACH_MS = 400;
export const MAX_FRAME = 16 * 1024;

function lastUserText(messages: readonly { role: string; content?: string }[]): string {
  return messages.findLast((m) => m.role === "user")?.content ?? "";
}

/** The model signal of each `ticker` prompt, by its message, so tests can see aborts arrive. */
export const signals = new Map<string, AbortSignal>();

/**
 * `ticker`: `tick 1` … `tick N`, N the last number in the message, one delta every TICK_MS. The last,
 * not the first: messages like `abort-http-${id} 200` carry the instance id (with its counter) first.
 */
const tickerAgent = createAgent(() => ({
  model: scriptedModel("ticker", async function* (request) {
    const message = lastUserText(request.messages);
    signals.set(message, request.signal);
    const count = Number(/(\d+)\D*$/.exec(message)?.[1] ?? 3);
    for (let tick = 1; tick <= count; tick++) {
      if (tick > 1) await delay(TICK_MS, request.signal);
      yield { type: "text" as const, delta: `tick ${tick} ` };
    }
    yield { type: "usage" as const, inputTokens: 1, outputTokens: count };
    yield { type: "finish" as const, reason: "stop" as const };
  }),
}));

/** `recall`: every user message of the session so far, joined with ` | `. */
const recallAgent = createAgent(() => ({
  model: scriptedModel("recall", (request) =>
    textReply(
      request.messages
        .filter((m) => m.role === "user")
        .map((m) => m.content)
        .join(" | "),
    ),
  ),
}));

/** Instances named `owned-<user>` belong to the caller whose `x-user` header is `<user>`. */
export const authorize: AgentAuthorize = ({ id, request }) => {
  if (!id.startsWith("owned-")) return true;
  const user = request.header("x-user");
  if (!user) return { status: 401, message: "send x-user" };
  return id === `owned-${user}`;
};

const JSON_HEADERS = { "content-type": "application/json" };

/** A server on `framework` serving the four agents above with the limits the tests rely on. */
export function startAgentsServer(framework: Adapter): Promise<TestServer> {
  return startServer(framework, {
    limits: { maxFrameBytes: MAX_FRAME },
    protocols: [
      agentsProtocol({
        agents: { echo: echoAgent, tools: toolsAgent, ticker: tickerAgent, recall: recallAgent },
        authorize,
        reattachMs: REATTACH_MS,
      }),
    ],
  });
}

/** JSON helpers against the server `url()` returns (read late: the server starts in beforeAll). */
export function agentsClient(url: () => string) {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url()}${path}`, {
      method: "POST",
      headers: { ...JSON_HEADERS, ...headers },
      body: JSON.stringify(body),
    });

  const prompt = async (agent: string, id: string, message: string, session?: string) => {
    const response = await post(`/agents/${agent}/${id}`, session === undefined ? { message } : { message, session });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(validate.AgentPromptResponse(body).ok).toBe(true);
    return body.result.text as string;
  };

  const history = async (agent: string, id: string, session = "default") => {
    const response = await fetch(`${url()}/agents/${agent}/${id}/sessions/${session}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(validate.AgentSessionHistory(body).ok).toBe(true);
    return body.messages as Array<{ role: string; content: string }>;
  };

  return { post, prompt, history };
}

export interface Frame {
  event: string | undefined;
  id: string | undefined;
  data: AgentEvent;
}

/** Reads SSE frames one at a time; aborting `controller` drops the connection. */
export function frameReader(response: Response, controller?: AbortController) {
  const reader = response.body!.getReader();
  controller?.signal.addEventListener("abort", () => void reader.cancel().catch(() => {}), { once: true });
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(): Promise<Frame | undefined> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const colon = line.indexOf(":");
            fields[line.slice(0, colon)] = line.slice(colon + 2);
          }
          if (fields.data === undefined) continue;
          return { event: fields.event, id: fields.id, data: JSON.parse(fields.data) };
        }
        const { done, value } = await reader.read();
        if (done) return undefined;
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}

export async function readFrames(response: Response): Promise<Frame[]> {
  const reader = frameReader(response);
  const frames: Frame[] = [];
  for (let frame = await reader.next(); frame; frame = await reader.next()) frames.push(frame);
  return frames;
}

export interface TestSocket {
  ws: WebSocket;
  frames: AgentServerFrame[];
  closed: Promise<{ code: number }>;
  send(frame: unknown): void;
  /** The `skip`-th frame (0-based) matching `match`, waiting for it if needed. */
  until(match: (frame: AgentServerFrame) => boolean, skip?: number): Promise<AgentServerFrame>;
}

/** Opens a socket with Switchboard's framing (`switchboard.v1`) and waits for its `ready`. */
export function openSocket(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const ws = new WebSocket(url, ["switchboard.v1"], { headers });
  const frames: AgentServerFrame[] = [];
  const waiters = new Set<() => void>();
  ws.on("message", (data) => {
    frames.push(JSON.parse(String(data)));
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number }>((resolve) => ws.on("close", (code) => resolve({ code })));
  const socket: TestSocket = {
    ws,
    frames,
    closed,
    send: (frame) => ws.send(JSON.stringify(frame)),
    until(match, skip = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.filter(match)[skip];
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching frame; got ${JSON.stringify(frames)}`));
        }, 5000);
        waiters.add(check);
        check();
      });
    },
  };
  return new Promise((resolve, reject) => {
    ws.once("error", reject);
    socket.until((f) => f.type === "ready").then(() => resolve(socket), reject);
  });
}

export function refusedUpgrade(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on("open", () => reject(new Error("the upgrade was accepted")));
    ws.on("error", () => {});
    ws.on("unexpected-response", (_req, res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => {
        text += chunk;
      });
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        ws.terminate();
      });
    });
  });
}
