// The agents protocol's dispatch: accepting a dispatchId once, running the work once, retries.
import { describe, expect, it, vi } from "vitest";
import { createSwitchboard } from "../src/app.js";
import { memoryDispatchStore } from "../src/protocols/agents/dispatch-memory.js";
import { dispatchQueueFrom } from "../src/protocols/agents/dispatch-worker.js";
import { agentsProtocol } from "../src/protocols/agents/module.js";
import { createAgent } from "../src/runtime/agent/define.js";
import { scriptedModel, textReply } from "../src/runtime/model/scripted.js";
import { app, parse, request } from "./agents-setup.js";

describe("agents protocol: dispatch", () => {
  it("accepts a dispatchId once and runs the work once", async () => {
    const sb = app();
    const send = () =>
      sb.handle(request("POST", "/agents/echo/d/dispatch", { body: { input: { job: 1 }, dispatchId: "job-1" } }));
    const first = await send();
    expect(first?.status).toBe(202);
    const receipt = parse(first);
    expect(receipt.dispatchId).toBe("job-1");
    expect(parse(await send())).toEqual(receipt);
    // The same id on another instance is other work.
    const elsewhere = await sb.handle(
      request("POST", "/agents/echo/e/dispatch", { body: { input: 2, dispatchId: "job-1" } }),
    );
    expect(elsewhere?.status).toBe(202);
    await vi.waitFor(async () => {
      const history = parse(await sb.handle(request("GET", "/agents/echo/e/sessions/default")));
      expect(history.messages).toHaveLength(2);
    });
    const history = parse(await sb.handle(request("GET", "/agents/echo/d/sessions/default")));
    expect(history.messages).toEqual([
      { role: "user", content: '{"job":1}' },
      { role: "assistant", content: '{"job":1}' },
    ]);
    await sb.close();
  });

  it("hands the input to the agent's factory and retries a failed run", async () => {
    const payloads: unknown[] = [];
    let calls = 0;
    const flaky = createAgent(({ payload }) => {
      payloads.push(payload);
      return {
        model: scriptedModel("flaky", () => {
          calls++;
          if (calls === 1) throw new Error("first attempt fails");
          return textReply("done");
        }),
      };
    });
    const settled: Array<{ dispatchId: string; ok: boolean }> = [];
    vi.spyOn(console, "error").mockImplementation(() => {});
    const sb = createSwitchboard({
      protocols: [
        agentsProtocol({
          agents: { flaky },
          dispatch: {
            queue: dispatchQueueFrom(memoryDispatchStore({ backoffMs: 5 }), { pollIntervalMs: 5 }),
            onSettled: (work, outcome) => settled.push({ dispatchId: work.dispatchId, ok: outcome.ok }),
          },
        }),
      ],
    });
    const receipt = parse(await sb.handle(request("POST", "/agents/flaky/f/dispatch", { body: { input: { n: 7 } } })));
    await vi.waitFor(() => expect(settled).toHaveLength(2), { timeout: 3000 });
    expect(settled).toEqual([
      { dispatchId: receipt.dispatchId, ok: false },
      { dispatchId: receipt.dispatchId, ok: true },
    ]);
    expect(payloads).toEqual([{ n: 7 }, { n: 7 }]);
    const history = parse(await sb.handle(request("GET", "/agents/flaky/f/sessions/default")));
    expect(history.messages.map((m: { content: string }) => m.content)).toEqual(['{"n":7}', "done"]);
    vi.restoreAllMocks();
    await sb.close();
  });
});
