// The agents protocol across processes sharing a store and a bus: aborting through the bus, resuming streams.
import { describe, expect, it, vi } from "vitest";
import { isStreamBody } from "../src/http/types.js";
import { delay } from "../src/runtime/model/abort.js";
import { memoryBus } from "../src/store/bus.js";
import { memorySessionStore } from "../src/store/memory-sessions.js";
import { app, collect, parse, request, signals } from "./agents-setup.js";

describe("agents protocol: several processes", () => {
  it("aborts a prompt running in another process through the bus", async () => {
    const shared = { sessions: memorySessionStore(), bus: memoryBus() };
    const one = app(shared);
    const two = app(shared);
    const before = signals.length;
    const pending = one.handle(request("POST", "/agents/ticker/p", { body: { message: "500" } }));
    await vi.waitFor(() => expect(signals.length).toBe(before + 1));
    const busy = await two.handle(request("POST", "/agents/ticker/p", { body: { message: "1" } }));
    expect(parse(busy).error.type).toBe("session_busy");
    expect(parse(await two.handle(request("POST", "/agents/ticker/p/sessions/default/abort")))).toEqual({
      aborted: true,
    });
    expect(parse(await pending).error.type).toBe("aborted");
    expect(signals.at(-1)!.aborted).toBe(true);
    expect(parse(await two.handle(request("POST", "/agents/ticker/p/sessions/default/abort")))).toEqual({
      aborted: false,
    });
    await Promise.all([one.close(), two.close()]);
  });
});

interface SseEvent {
  event: string;
  id: string;
  data: { type: string; [key: string]: unknown };
}

/** SSE frames (comments dropped) from the chunks of a stream body. */
function frames(text: string): SseEvent[] {
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("event: "))
    .map((block) => {
      const field = (name: string) =>
        block
          .split("\n")
          .find((line) => line.startsWith(`${name}: `))!
          .slice(name.length + 2);
      return { event: field("event"), id: field("id"), data: JSON.parse(field("data")) };
    });
}

/** Starts a streamed prompt on `sb`, reads `count` events, then drops the connection. */
async function readThenDrop(sb: ReturnType<typeof app>, path: string, message: string, count: number) {
  const gone = new AbortController();
  const res = await sb.handle(
    request("POST", path, { body: { message }, headers: { accept: "text/event-stream" }, signal: gone.signal }),
  );
  if (!res || !isStreamBody(res.body)) throw new Error("not a stream");
  const chunks = res.body[Symbol.asyncIterator]();
  const seen: SseEvent[] = [];
  while (seen.length < count) {
    const { value, done } = await chunks.next();
    if (done) throw new Error("the stream ended early");
    seen.push(...frames(value));
  }
  gone.abort();
  await chunks.return?.(undefined);
  return seen;
}

const resumeRequest = (path: string, lastEventId: string, signal?: AbortSignal) =>
  request("POST", path, {
    body: { message: "ignored" },
    headers: { accept: "text/event-stream", "last-event-id": lastEventId },
    signal,
  });

describe("agents protocol: resuming across processes", () => {
  it("resumes in one process a stream running in another, then replays it after it ended", async () => {
    const shared = { sessions: memorySessionStore(), bus: memoryBus() };
    const one = app(shared);
    const two = app(shared);
    const seen = await readThenDrop(one, "/agents/ticker/x1", "30", 4);
    const [stream] = seen[0]!.id.split(":");
    const rest = frames(await collect(await two.handle(resumeRequest("/agents/ticker/x1", seen.at(-1)!.id))));
    const all = [...seen, ...rest];
    expect(all.map((f) => f.id)).toEqual(all.map((_, i) => `${stream}:${i}`));
    expect(all.map((f) => f.event)).toEqual([
      "turn_start",
      ...Array(30).fill("text_delta"),
      "turn_end",
      "result",
      "idle",
    ]);
    expect(all.at(-2)!.data).toMatchObject({
      result: { text: Array.from({ length: 30 }, (_, i) => `t${i + 1} `).join("") },
    });

    // Ended: both processes replay what follows an index; the first one still from memory.
    const tail = frames(await collect(await two.handle(resumeRequest("/agents/ticker/x1", `${stream}:29`))));
    expect(tail.map((f) => f.id)).toEqual([30, 31, 32, 33].map((i) => `${stream}:${i}`));
    expect(frames(await collect(await one.handle(resumeRequest("/agents/ticker/x1", `${stream}:29`))))).toEqual(tail);
    // Past the end: nothing more to send.
    expect(frames(await collect(await two.handle(resumeRequest("/agents/ticker/x1", `${stream}:99`))))).toEqual([]);

    for (const lastEventId of [`${stream}:3`, "nope:3", stream!]) {
      const path = lastEventId === `${stream}:3` ? "/agents/ticker/other" : "/agents/ticker/x1";
      const refused = await two.handle(resumeRequest(path, lastEventId));
      expect([refused?.status, parse(refused).error]).toMatchObject([
        404,
        { type: "stream_not_found", details: { param: "Last-Event-ID" } },
      ]);
    }
    await Promise.all([one.close(), two.close()]);
  });

  it("forgets stream logs after the resume window", async () => {
    const shared = { sessions: memorySessionStore(), bus: memoryBus(), resumeWindowMs: 100 };
    const one = app(shared);
    const two = app(shared);
    const ids = frames(
      await collect(
        await one.handle(
          request("POST", "/agents/ticker/x2", { body: { message: "2" }, headers: { accept: "text/event-stream" } }),
        ),
      ),
    ).map((f) => f.id);
    expect(
      frames(await collect(await two.handle(resumeRequest("/agents/ticker/x2", ids[0]!)))).map((f) => f.id),
    ).toEqual(ids.slice(1));
    await delay(200);
    expect(parse(await two.handle(resumeRequest("/agents/ticker/x2", ids[0]!))).error.type).toBe("stream_not_found");
    await Promise.all([one.close(), two.close()]);
  });

  it("counts a resume in another process as re-attaching, and aborts once that client is gone too", async () => {
    const shared = { sessions: memorySessionStore(), bus: memoryBus(), reattachMs: 50 };
    const one = app(shared);
    const two = app(shared);
    const seen = await readThenDrop(one, "/agents/ticker/x3", "300", 2);
    const signal = signals.at(-1)!;
    const leave = new AbortController();
    const resumed = await two.handle(resumeRequest("/agents/ticker/x3", seen.at(-1)!.id, leave.signal));
    if (!resumed || !isStreamBody(resumed.body)) throw new Error("not a stream");
    const chunks = resumed.body[Symbol.asyncIterator]();
    // Far beyond the 50 ms grace: the client attached to the other process keeps the run going.
    const deadline = Date.now() + 600;
    while (Date.now() < deadline) await chunks.next();
    expect(signal.aborted).toBe(false);
    leave.abort();
    await chunks.return?.(undefined);
    await vi.waitFor(() => expect(signal.aborted).toBe(true), { timeout: 5_000, interval: 20 });
    await Promise.all([one.close(), two.close()]);
  });
});
