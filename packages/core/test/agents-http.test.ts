// The agents protocol over HTTP without a network: bodies, errors, authorize, history, keep-alives, aborts.
import { validate } from "@switchboard/protocol/agents";
import { describe, expect, it, vi } from "vitest";
import { createSwitchboard } from "../src/app.js";
import { echoAgent } from "../src/fixtures/agents.js";
import { agentsProtocol } from "../src/protocols/agents/module.js";
import type { AgentAuthorizeContext } from "../src/protocols/agents/options.js";
import { createAgent } from "../src/runtime/agent/define.js";
import { scriptedModel } from "../src/runtime/model/scripted.js";
import { app, collect, parse, request, signals } from "./agents-setup.js";

describe("agents protocol: HTTP", () => {
  it("names the offending field of every invalid body", async () => {
    const sb = app();
    const cases: Array<[string, unknown, number, string, string | undefined]> = [
      ["/agents/echo/a", "{", 400, "invalid_json", undefined],
      ["/agents/echo/a", {}, 400, "validation_failed", "message"],
      ["/agents/echo/a", { message: 1 }, 400, "validation_failed", "message"],
      ["/agents/echo/a", { message: "x", stream: true }, 400, "validation_failed", "stream"],
      ["/agents/echo/a", { message: "x", session: "" }, 400, "validation_failed", "session"],
      ["/agents/echo/a/dispatch", { session: "s" }, 400, "validation_failed", "input"],
      ["/agents/echo/a/dispatch", { input: 1, dispatchId: "" }, 400, "validation_failed", "dispatchId"],
    ];
    for (const [path, body, status, type, param] of cases) {
      const res = await sb.handle(request("POST", path, { body }));
      expect(res?.status).toBe(status);
      const error = parse(res).error;
      expect(validate.AgentErrorResponse(parse(res)).ok).toBe(true);
      expect(error.type).toBe(type);
      if (param) {
        expect(error.details.param).toBe(param);
        expect(error.message.startsWith(param)).toBe(true);
      }
    }
    const longSession = await sb.handle(request("GET", `/agents/echo/a/sessions/${"s".repeat(257)}`));
    expect(parse(longSession).error).toMatchObject({ type: "validation_failed", details: { param: "session" } });
  });

  it("answers unsupported media types, oversized bodies, unknown agents and routes in its envelope", async () => {
    const sb = app({}, { limits: { maxBodyBytes: 64 } });
    const text = await sb.handle(
      request("POST", "/agents/echo/a", { body: "hi", headers: { "content-type": "text/plain" } }),
    );
    expect([text?.status, parse(text).error.type]).toEqual([415, "unsupported_media_type"]);
    const big = await sb.handle(request("POST", "/agents/echo/a", { body: { message: "x".repeat(100) } }));
    expect([big?.status, parse(big).error.type]).toEqual([413, "payload_too_large"]);
    const unknown = await sb.handle(request("POST", "/agents/nobody/a", { body: { message: "x" } }));
    expect([unknown?.status, parse(unknown).error.type]).toEqual([404, "agent_not_found"]);
    const route = await sb.handle(request("GET", "/agents/echo"));
    expect([route?.status, parse(route).error.type]).toEqual([404, "route_not_found"]);
    const method = await sb.handle(request("DELETE", "/agents/echo/a"));
    expect([method?.status, parse(method).error.type, method?.headers.allow]).toEqual([
      405,
      "method_not_allowed",
      "POST, GET",
    ]);
    const plainGet = await sb.handle(request("GET", "/agents/echo/a"));
    expect([plainGet?.status, parse(plainGet).error.type, plainGet?.headers.upgrade]).toEqual([
      426,
      "upgrade_required",
      "websocket",
    ]);
    const keyed = createSwitchboard({ apiKey: "k", protocols: [agentsProtocol({ agents: { echo: echoAgent } })] });
    const noKey = await keyed.handle(request("POST", "/agents/echo/a", { body: { message: "x" } }));
    expect([noKey?.status, parse(noKey).error.type]).toEqual([401, "unauthorized"]);
  });

  it("asks authorize about agent, id and session, and maps its verdicts", async () => {
    const seen: Array<Omit<AgentAuthorizeContext, "request">> = [];
    const sb = app({
      authorize: ({ agent, id, session, request: req }) => {
        seen.push({ agent, id, session });
        switch (req.header("x-verdict")) {
          case "deny":
            return false;
          case "who":
            return { status: 401, message: "log in first" };
          case "throw":
            throw new Error("hook broke");
          default:
            return undefined;
        }
      },
    });
    const prompt = (verdict: string) =>
      sb.handle(
        request("POST", "/agents/echo/i1", {
          body: { message: "x", session: "s1" },
          headers: { "x-verdict": verdict },
        }),
      );
    expect((await prompt("allow"))?.status).toBe(200);
    expect(parse(await prompt("deny")).error.type).toBe("forbidden");
    expect(parse(await prompt("who")).error).toEqual({ type: "unauthorized", message: "log in first" });
    expect((await prompt("throw"))?.status).toBe(403);
    await sb.handle(request("GET", "/agents/echo/i1/sessions/s2"));
    await sb.handle(request("POST", "/agents/echo/i1/sessions/s3/abort"));
    await sb.handle(request("POST", "/agents/echo/i1/dispatch", { body: { input: null } }));
    expect(seen).toEqual([
      ...Array(4).fill({ agent: "echo", id: "i1", session: "s1" }),
      { agent: "echo", id: "i1", session: "s2" },
      { agent: "echo", id: "i1", session: "s3" },
      { agent: "echo", id: "i1", session: "default" },
    ]);
    await sb.close();
  });

  it("reports history with tool calls and tool results", async () => {
    const sb = app();
    await sb.handle(request("POST", "/agents/tools/h", { body: { message: "abc" } }));
    const history = parse(await sb.handle(request("GET", "/agents/tools/h/sessions/default")));
    expect(validate.AgentSessionHistory(history).ok).toBe(true);
    expect(history).toMatchObject({
      name: "tools",
      id: "h",
      session: "default",
      messages: [
        { role: "user", content: "abc" },
        { role: "assistant", content: "", toolCalls: [{ name: "reverse", arguments: '{"text":"abc"}' }] },
        { role: "tool", name: "reverse", content: "cba" },
        { role: "assistant", content: "cba" },
      ],
    });
  });

  it("sends a keep-alive comment while the stream is quiet", async () => {
    const sb = app({ heartbeatMs: 5 });
    const text = await collect(
      await sb.handle(
        request("POST", "/agents/ticker/hb", { body: { message: "6" }, headers: { accept: "text/event-stream" } }),
      ),
    );
    expect(text).toContain(": keep-alive\n\n");
    expect(text.trimEnd().endsWith('data: {"type":"idle"}')).toBe(true);
  });

  it("answers 500 internal_error when the agent fails, and keeps the history clean", async () => {
    const failing = createAgent(() => ({
      model: scriptedModel("broken", () => {
        throw new Error("model exploded");
      }),
    }));
    const sb = createSwitchboard({ protocols: [agentsProtocol({ agents: { failing } })] });
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await sb.handle(request("POST", "/agents/failing/x", { body: { message: "hi" } }));
    expect([res?.status, parse(res).error]).toEqual([500, { type: "internal_error", message: "model exploded" }]);
    const stream = await collect(
      await sb.handle(
        request("POST", "/agents/failing/x", { body: { message: "hi" }, headers: { accept: "text/event-stream" } }),
      ),
    );
    expect(stream).toContain("event: error\nid: ");
    expect(stream).not.toContain("event: idle");
    expect(parse(await sb.handle(request("GET", "/agents/failing/x/sessions/default"))).messages).toEqual([]);
    vi.restoreAllMocks();
  });

  it("aborts a JSON prompt when its client goes away", async () => {
    const sb = app();
    const gone = new AbortController();
    const before = signals.length;
    const pending = sb.handle(
      request("POST", "/agents/ticker/gone", { body: { message: "500" }, signal: gone.signal }),
    );
    await vi.waitFor(() => expect(signals.length).toBe(before + 1));
    gone.abort();
    expect(parse(await pending).error.type).toBe("aborted");
    expect(signals.at(-1)!.aborted).toBe(true);
  });

  it("stops running prompts on close", async () => {
    const sb = app();
    const before = signals.length;
    const pending = sb.handle(request("POST", "/agents/ticker/c", { body: { message: "500" } }));
    await vi.waitFor(() => expect(signals.length).toBe(before + 1));
    await sb.close();
    expect(signals.at(-1)!.aborted).toBe(true);
    expect((await pending)?.status).toBe(409);
  });
});
