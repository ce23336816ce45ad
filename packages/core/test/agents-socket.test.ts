// The agents protocol over an in-memory WebSocket: upgrades, authorize per session, bad frames, cancels.
import { describe, expect, it, vi } from "vitest";
import { delay } from "../src/runtime/model/abort.js";
import { accept, app, parse, SWITCHBOARD_FRAMING, signals, upgradeRequest } from "./agents-setup.js";

describe("agents protocol: WebSocket", () => {
  it("refuses upgrades on other paths, for unknown agents and for refused callers", async () => {
    const sb = app({ authorize: ({ request: req }) => req.header("x-ok") === "yes" });
    for (const [path, status] of [
      ["/agents/echo/a/sessions/s", 404],
      ["/agents/echo/a/dispatch", 404],
      ["/agents/echo/a", 403],
    ] as const) {
      const decision = await sb.upgrade(upgradeRequest(path));
      expect(decision && "reject" in decision && decision.reject.status).toBe(status);
    }
    const unknown = await sb.upgrade(upgradeRequest("/agents/nobody/a", { "x-ok": "yes" }));
    expect(unknown && "reject" in unknown && parse(unknown.reject).error.type).toBe("agent_not_found");
  });

  it("asks authorize again for each prompt's session", async () => {
    const sb = app({ authorize: ({ session }) => session !== "secret" });
    const socket = accept(await sb.upgrade(upgradeRequest("/agents/echo/w", SWITCHBOARD_FRAMING)));
    socket.say({ type: "prompt", requestId: "1", message: "x", session: "secret" });
    expect(await socket.next((f) => f.type === "error")).toMatchObject({
      requestId: "1",
      error: { type: "forbidden" },
    });
    socket.say({ type: "prompt", requestId: "2", message: "x", session: "open" });
    expect(await socket.next((f) => f.type === "result")).toMatchObject({ requestId: "2" });
  });

  it("rejects a requestId already in use and closes on binary frames", async () => {
    const sb = app();
    const before = signals.length;
    const socket = accept(await sb.upgrade(upgradeRequest("/agents/ticker/w", SWITCHBOARD_FRAMING)));
    expect(socket.frames[0]).toEqual({ type: "ready", version: 1, target: "agent", name: "ticker", instanceId: "w" });
    socket.say({ type: "prompt", requestId: "same", message: "50", session: "a" });
    socket.say({ type: "prompt", requestId: "same", message: "1", session: "b" });
    expect(await socket.next((f) => f.type === "error")).toMatchObject({
      requestId: "same",
      error: { type: "validation_failed", details: { param: "requestId" } },
    });
    // The first prompt's model is running when the socket closes (so the signal checked below is its own).
    await vi.waitFor(() => expect(signals.length).toBe(before + 1));
    socket.handlers.onMessage(new Uint8Array([0xff]), true);
    expect(socket.closedWith).toBe(1003);
    await vi.waitFor(() => expect(signals.at(-1)!.aborted).toBe(true));
  });

  it("aborts a prompt the client cancels before it starts", async () => {
    const sb = app({ authorize: () => delay(20).then(() => true) });
    const socket = accept(await sb.upgrade(upgradeRequest("/agents/echo/early", SWITCHBOARD_FRAMING)));
    socket.say({ type: "prompt", requestId: "r", message: "x" });
    socket.say({ type: "abort", requestId: "r" });
    expect(await socket.next((f) => f.type === "error")).toMatchObject({ requestId: "r", error: { type: "aborted" } });
    socket.say({ type: "abort", requestId: "unknown" });
    socket.say({ type: "ping" });
    expect(await socket.next((f) => f.type === "pong")).toEqual({ type: "pong", version: 1 });
    expect(socket.frames.filter((f) => f.type === "error")).toHaveLength(1);
  });
});
