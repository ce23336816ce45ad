/**
 * Helpers of the persistence tests: real `switchboard serve` processes (which the tests restart
 * and kill -9) and small clients of the three protocols.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { expect } from "vitest";
import WebSocket from "ws";
import { repoRoot } from "./support/index.js";

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM (a clean shutdown), waiting for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no shutdown code runs at all. */
  kill(): Promise<void>;
}

const LISTENING = /Switchboard listening on (http:\/\/\S+) /;

/** Starts `switchboard serve [args]` with `env` on a free port; resolves once it listens. */
export function serveProcess(
  env: Record<string, string>,
  args: string[] = [],
  framework = "hono",
  timeoutMs = 45_000,
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", "packages/cli/src/bin.ts", "serve", ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, HOST: "127.0.0.1", PORT: "0", SWITCHBOARD_FRAMEWORK: framework, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`switchboard serve did not listen within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      const match = LISTENING.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      resolve({
        url: match[1]!,
        child,
        output: () => output,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          return exited;
        },
        async kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
          await exited;
        },
      });
    };
    child.stdout!.on("data", onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`switchboard serve exited early (code ${code}, signal ${signal}):\n${output}`));
    });
  });
}

// biome-ignore lint/suspicious/noExplicitAny: the tests pick fields out of whatever JSON the server sent.
type Json = any;

export async function post(base: string, path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

export async function get(base: string, path: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: await response.json() };
}

export const LOOKUP_TOOL = {
  type: "function",
  name: "lookup",
  description: "Looks something up",
  parameters: { type: "object", properties: { input: { type: "string" } }, required: ["input"] },
};

/**
 * A two-request tool round trip with the `tools` agent: the first response ends with a call to the
 * client's tool; the second answers it by `previous_response_id` on `second` (maybe another
 * process, maybe after a restart), which works only if the first response's history is found.
 */
export async function toolRoundTrip(first: string, second: string, text: string): Promise<void> {
  const created = await post(first, "/v1/responses", { model: "tools", input: text, tools: [LOOKUP_TOOL] });
  expect(created.status).toBe(200);
  const call = created.body.output.find((item: { type: string }) => item.type === "function_call");
  expect(call).toMatchObject({ name: "lookup", arguments: JSON.stringify({ input: text }) });
  const answered = await post(second, "/v1/responses", {
    model: "tools",
    previous_response_id: created.body.id,
    input: [{ type: "function_call_output", call_id: call.call_id, output: `found ${text}` }],
    tools: [LOOKUP_TOOL],
  });
  expect(answered.status).toBe(200);
  expect(outputText(answered.body)).toBe(`Tool said: found ${text}`);
}

export function outputText(response: { output: Array<{ type: string; content?: Array<{ text?: string }> }> }): string {
  return response.output
    .filter((item) => item.type === "message")
    .flatMap((item) => item.content ?? [])
    .map((part) => part.text ?? "")
    .join("");
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the test picks fields out of whatever JSON the server sent.
export type Frame = any;

/** A workflow WebSocket whose frames (keep-alives aside) are read in order with `next`. */
export class WorkflowSocket {
  readonly frames: Frame[] = [];
  closed: number | undefined;
  closeReason: string | undefined;
  readonly #ws: WebSocket;
  #read = 0;
  #wake = () => {};

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on("message", (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type !== "keep_alive") this.frames.push(frame);
      this.#wake();
    });
    ws.on("close", (code, reason) => {
      this.closeReason = String(reason);
      this.closed = code;
      this.#wake();
    });
  }

  static async open(base: string, first: object): Promise<WorkflowSocket> {
    const ws = new WebSocket(`${base.replace(/^http/, "ws")}/workflows/ws`);
    const socket = new WorkflowSocket(ws);
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    socket.send(first);
    return socket;
  }

  send(frame: object | string): void {
    this.#ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  close(): void {
    this.#ws.close();
  }

  async next(type: string, timeoutMs = 15_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (this.#read === this.frames.length) {
      if (this.closed !== undefined) throw new Error(`socket closed (${this.closed}) while waiting for ${type}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${type}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const frame = this.frames[this.#read++];
    if (frame.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(frame)}`);
    return frame;
  }

  async waitClosed(timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closed === undefined) {
      if (Date.now() > deadline) throw new Error("timed out waiting for the close");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.closed;
  }
}

/**
 * Starts a run of the demo's `ask` workflow on the server at `base`; resolves once it asked for a
 * name, with the socket and the run's first three messages.
 */
export async function startAsk(base: string) {
  const workflowUuid = crypto.randomUUID();
  const socket = await WorkflowSocket.open(base, { name: "ask", workflow_uuid: workflowUuid, params: {} });
  const started: Frame = await socket.next("workflow_started");
  const hello: Frame = await socket.next("text_message");
  const name: Frame = await socket.next("text_input");
  return { workflowUuid, socket, started, hello, name };
}
