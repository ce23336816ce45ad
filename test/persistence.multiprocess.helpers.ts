// Shared by the persistence.multiprocess.*.test.ts files (two `switchboard serve` processes on one
// Postgres): starting and stopping them, and SSE readers for background responses and agent prompts.
import { type Database, postgresDatabase } from "@switchboard/store-postgres";
import { expect } from "vitest";
import { type RunningPostgres, startPostgres } from "../scripts/postgres.mjs";
import { type Frame, type ServeProcess, serveProcess } from "./persistence.helpers.js";

export interface TwoProcesses {
  server: RunningPostgres;
  /** A connection of the test's own, to look at what the processes stored. */
  db: Database;
  a: ServeProcess;
  b: ServeProcess;
}

/**
 * A fresh Postgres and two `switchboard serve` processes on it, on different adapters. What it
 * started is stopped again when a later step fails.
 */
export async function twoProcesses(): Promise<TwoProcesses> {
  const started: Partial<TwoProcesses> = {};
  try {
    started.server = await startPostgres();
    const url = started.server.url;
    started.db = postgresDatabase(url);
    // The first process sets the schema up; the second finds it ready.
    started.a = await serveProcess({ DATABASE_URL: url }, ["--setup-datastore"], "hono");
    started.b = await serveProcess({ DATABASE_URL: url }, [], "fastify");
    return started as TwoProcesses;
  } catch (error) {
    await stopTwoProcesses(started);
    throw error;
  }
}

/** Stops what `twoProcesses` started. */
export async function stopTwoProcesses({ server, db, a, b }: Partial<TwoProcesses>): Promise<void> {
  await Promise.all([a?.kill(), b?.kill()]);
  await db?.close();
  await server?.stop();
}

/** Reads an SSE body into its `data:` payloads, calling `onEvent` as each arrives. */
export async function readSse(url: string, onEvent: (data: string) => Promise<void> | void): Promise<string[]> {
  const response = await fetch(url, { headers: { accept: "text/event-stream" } });
  expect(response.status).toBe(200);
  const decoder = new TextDecoder();
  const seen: string[] = [];
  let buffer = "";
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame
        .split("\n")
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6))
        .join("\n");
      if (data) {
        seen.push(data);
        await onEvent(data);
      }
      end = buffer.indexOf("\n\n");
    }
  }
  return seen;
}

export interface AgentFrame {
  event: string;
  id: string;
  data: Frame;
  /** When it arrived (ms, performance.now()). */
  at: number;
}

/**
 * Sends a streamed agent prompt (a resume when `lastEventId` is set) and reads its SSE frames
 * (keep-alives dropped) until the stream ends or `stop` says so; then drops the connection.
 */
export async function agentSse(
  base: string,
  path: string,
  lastEventId?: string,
  stop: (frames: AgentFrame[]) => boolean = () => false,
): Promise<AgentFrame[]> {
  const dropped = new AbortController();
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "text/event-stream",
      ...(lastEventId ? { "last-event-id": lastEventId } : {}),
    },
    body: JSON.stringify({ message: "count" }),
    signal: dropped.signal,
  });
  expect(response.status).toBe(200);
  const frames: AgentFrame[] = [];
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  let buffer = "";
  try {
    while (!stop(frames)) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end !== -1) {
        const lines = buffer.slice(0, end).split("\n");
        buffer = buffer.slice(end + 2);
        const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
        const event = field("event");
        if (event !== undefined)
          frames.push({ event, id: field("id")!, data: JSON.parse(field("data")!), at: performance.now() });
        end = buffer.indexOf("\n\n");
      }
    }
  } finally {
    dropped.abort();
  }
  return frames;
}
