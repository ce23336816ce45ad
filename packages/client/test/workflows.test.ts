import { createServer, type Server, Socket } from "node:net";
import { workflowsProtocol } from "@switchboard/core";
import { fixtureWorkflows } from "@switchboard/core/fixtures";
import type { WorkflowServerFrame } from "@switchboard/protocol/workflows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../../test/support/index.js";
import { createClient, SwitchboardApiError, type SwitchboardClient, WorkflowRunError } from "../src/index.js";

let server: TestServer;
let client: SwitchboardClient;

beforeAll(async () => {
  server = await startServer("hono", { protocols: [workflowsProtocol({ workflows: fixtureWorkflows })] });
  client = createClient({ baseURL: server.url });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

describe("workflows client", () => {
  it("discovers the workflows", async () => {
    const names = (await client.workflows.discover()).map((w) => w.name);
    expect(names).toEqual(["ask", "fail", "showcase"]);
  });

  it("reports an unknown workflow as a 404 naming the field", async () => {
    const error = await client.workflows.initiate("nope").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SwitchboardApiError);
    expect(error).toMatchObject({ status: 404, type: "workflow_not_found", param: "workflow_name" });
  });

  it("iterates a run's messages and answers its questions", async () => {
    const run = await client.workflows.connect("ask", { via: "client" });
    const seen: string[] = [];
    for await (const frame of run) {
      seen.push(frame.type);
      if (frame.type === "text_input") run.answer(frame, "Ada");
      if (frame.type === "multiple_choice") run.answer(frame.uuid, "green");
      if (frame.type === "workflow_completed") expect(frame.content.result).toBe("Ada:green");
      if (frame.type === "workflow_started") expect(frame.content.params).toEqual({ via: "client" });
    }
    expect(seen).toEqual([
      "workflow_started",
      "text_message",
      "text_input",
      "multiple_choice",
      "text_message",
      "workflow_completed",
    ]);
    expect((await run.closed).code).toBe(1000);
  });

  it("answers with raw text frames like a FastAgency client", async () => {
    const run = await client.workflows.connect("ask");
    let result: string | null = null;
    for await (const frame of run) {
      if (frame.type === "text_input") run.answerText("Lin");
      if (frame.type === "multiple_choice") run.answerText("blue");
      if (frame.type === "workflow_completed") result = frame.content.result;
    }
    expect(result).toBe("Lin:blue");
  });

  it("runs a workflow to its result, or rejects with the run's error", async () => {
    const result = await client.workflows.run("ask", {}, (q) => (q.type === "text_input" ? "Kay" : "red"));
    expect(result).toBe("Kay:red");
    const failure = await client.workflows.run("fail", {}, () => "x").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkflowRunError);
    // FastAgency's ending of a failed run: error, workflow_completed, then a normal close.
    expect(failure).toMatchObject({ code: 1000, short: "workflow_failed" });
  });

  it("resumes after a disconnect without losing or repeating a message", async () => {
    const run = await client.workflows.connect("ask");
    const frames: WorkflowServerFrame[] = [];
    for await (const frame of run) {
      frames.push(frame);
      if (frame.type === "text_input") {
        run.disconnect();
        // Sent while disconnected: held back and delivered after the resume frame.
        run.answer(frame, "Mo");
        await run.resume();
      }
      // The first time the choice is asked, a wrong answer; it is asked again, then answered.
      if (frame.type === "multiple_choice")
        run.answer(frame, frames.some((f) => f.type === "error") ? "red" : "purple");
    }
    const uuids = frames.map((f) => f.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(frames.map((f) => f.type)).toEqual([
      "workflow_started",
      "text_message",
      "text_input",
      "multiple_choice",
      "error",
      "multiple_choice",
      "text_message",
      "workflow_completed",
    ]);
    expect(frames.at(-1)).toMatchObject({ content: { result: "Mo:red" } });
  });

  it("resumes a run from another client given its uuid", async () => {
    const first = await client.workflows.connect("ask");
    let afterUuid: string | undefined;
    for await (const frame of first) {
      if (frame.type === "text_message") {
        afterUuid = frame.uuid;
        break;
      }
    }
    const other = createClient({ baseURL: server.url });
    try {
      const second = await other.workflows.resume(first.workflowUuid, afterUuid);
      const types: string[] = [];
      for await (const frame of second) {
        types.push(frame.type);
        if (frame.type === "text_input") second.answer(frame, "Ida");
        if (frame.type === "multiple_choice") second.answer(frame, "green");
      }
      expect(types).toEqual(["text_input", "multiple_choice", "text_message", "workflow_completed"]);
    } finally {
      await other.close();
    }
  });

  it("resumes on its own when the connection drops", async () => {
    const proxy = await tcpProxy(server.port);
    const viaProxy = createClient({ baseURL: `http://127.0.0.1:${proxy.port}` });
    try {
      const run = await viaProxy.workflows.connect("ask", {}, { reconnectDelayMs: 10 });
      const types: string[] = [];
      for await (const frame of run) {
        types.push(frame.type);
        if (frame.type === "text_input") proxy.cut();
        if (frame.type === "text_input") run.answer(frame, "Bo");
        if (frame.type === "multiple_choice") run.answer(frame, "blue");
      }
      expect(types).toEqual([
        "workflow_started",
        "text_message",
        "text_input",
        "multiple_choice",
        "text_message",
        "workflow_completed",
      ]);
      expect(proxy.connections()).toBeGreaterThanOrEqual(2);
    } finally {
      await viaProxy.close();
      await proxy.close();
    }
  });
});

/** A TCP relay to the server whose live connections can be cut, as a network failure would. */
async function tcpProxy(targetPort: number) {
  const live = new Set<Socket>();
  let accepted = 0;
  const proxy: Server = createServer((inbound) => {
    accepted++;
    const outbound = new Socket();
    outbound.connect(targetPort, "127.0.0.1");
    inbound.pipe(outbound).pipe(inbound);
    live.add(inbound);
    live.add(outbound);
    const drop = () => {
      inbound.destroy();
      outbound.destroy();
      live.delete(inbound);
      live.delete(outbound);
    };
    inbound.on("error", drop).on("close", drop);
    outbound.on("error", drop).on("close", drop);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const address = proxy.address();
  if (typeof address !== "object" || address === null) throw new Error("proxy has no port");
  return {
    port: address.port,
    connections: () => accepted,
    cut: () => {
      for (const socket of live) socket.resetAndDestroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of live) socket.destroy();
        proxy.close(() => resolve());
      }),
  };
}
