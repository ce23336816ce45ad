import { workflowsProtocol } from "@switchboard/core";
import { fixtureWorkflows } from "@switchboard/core/fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
// The root package does not depend on @switchboard/protocol; its generated validators are read in place.
import { validate, type WorkflowServerFrame } from "../packages/protocol/src/workflows.js";
import { ADAPTERS, startServer, type TestServer } from "./support/index.js";

type Frame = WorkflowServerFrame;
type FrameOf<T extends Frame["type"]> = Extract<Frame, { type: T }>;

/**
 * A bare `ws` client speaking the wire directly, as FastAgency's Python client does. Every frame
 * the server sends is checked against the generated schema on arrival.
 */
async function open(url: string, headers?: Record<string, string>) {
  const ws = new WebSocket(url, { headers, perMessageDeflate: false });
  const frames: Frame[] = [];
  const invalid: string[] = [];
  let wake: (() => void) | undefined;
  let closed: { code: number; reason: string } | undefined;
  ws.on("message", (data, isBinary) => {
    if (isBinary) invalid.push("binary frame");
    else {
      const checked = validate.WorkflowServerFrame(JSON.parse(data.toString()));
      if (checked.ok) frames.push(checked.value);
      else invalid.push(`${checked.issue.param} ${checked.issue.message}: ${data.toString()}`);
    }
    wake?.();
  });
  const closing = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => {
      closed = { code, reason: reason.toString() };
      wake?.();
      resolve(closed);
    }),
  );
  ws.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, res) => reject(new Error(`handshake refused with ${res.statusCode}`)));
  });
  let read = 0;
  /** The next frame other than keep_alive. */
  const next = async (): Promise<Frame> => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      if (invalid.length) throw new Error(`invalid server frame: ${invalid[0]}`);
      while (read < frames.length) {
        const frame = frames[read++]!;
        if (frame.type !== "keep_alive") return frame;
      }
      if (closed) throw new Error(`closed (${closed.code}) while waiting for a frame`);
      if (Date.now() > deadline) throw new Error("timed out waiting for a frame");
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 100);
      });
    }
  };
  const expectNext = async <T extends Frame["type"]>(type: T): Promise<FrameOf<T>> => {
    const frame = await next();
    expect(frame.type, JSON.stringify(frame)).toBe(type);
    return frame as FrameOf<T>;
  };
  return {
    send: (data: string | object) => ws.send(typeof data === "string" ? data : JSON.stringify(data)),
    next,
    expectNext,
    closed: closing,
    /** Cuts the TCP connection without a close handshake, as a lost network does. */
    drop: () => ws.terminate(),
    received: () => frames.filter((f) => f.type !== "keep_alive"),
  };
}

const hexUuid = () => crypto.randomUUID().replace(/-/g, "");

describe.each(ADAPTERS)("%s adapter: workflows", (framework) => {
  let server: TestServer;
  let wsUrl: string;

  beforeAll(async () => {
    server = await startServer(framework, {
      protocols: [workflowsProtocol({ workflows: fixtureWorkflows, graceMs: 10_000 })],
    });
    wsUrl = `${server.wsUrl}/workflows/ws`;
  });

  afterAll(async () => {
    await server?.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("completes `ask` for a FastAgency-style client answering with raw text frames", async () => {
    const discovery = await fetch(`${server.url}/workflows/discovery`);
    expect(discovery.status).toBe(200);
    expect(((await discovery.json()) as { name: string }[]).map((w) => w.name)).toContain("ask");

    const client = await open(wsUrl);
    // FastAgency's client mints its own uuid and sends no `type`.
    client.send({ user_id: null, workflow_uuid: hexUuid(), name: "ask", params: {} });
    const started = await client.expectNext("workflow_started");
    expect(started.content).toMatchObject({ name: "ask", params: {} });
    expect((await client.expectNext("text_message")).content.body).toBe("Hello");
    expect((await client.expectNext("text_input")).content.prompt).toBe("What is your name?");
    client.send("Ada");
    const choice = await client.expectNext("multiple_choice");
    expect(choice.content).toMatchObject({ prompt: "Pick a color", choices: ["red", "green", "blue"], single: true });
    client.send("green");
    expect((await client.expectNext("text_message")).content.body).toBe("Hi Ada, you picked green");
    expect((await client.expectNext("workflow_completed")).content.result).toBe("Ada:green");
    expect((await client.closed).code).toBe(1000);
    expect(new Set(client.received().map((f) => f.workflow_uuid))).toEqual(new Set([started.workflow_uuid]));
  });

  it("completes `ask` for a client answering with input_response after initiate_workflow", async () => {
    const res = await post("/workflows/initiate_workflow", {
      workflow_name: "ask",
      workflow_uuid: "ignored",
      user_id: null,
      params: { n: 1 },
    });
    expect(res.status).toBe(200);
    const prepared = (await res.json()) as { workflow_uuid: string; name: string };
    expect(validate.WorkflowInitiateResponse(prepared).ok).toBe(true);
    const client = await open(wsUrl);
    client.send(prepared);
    expect((await client.expectNext("workflow_started")).workflow_uuid).toBe(prepared.workflow_uuid);
    await client.expectNext("text_message");
    const name = await client.expectNext("text_input");
    client.send({ type: "input_response", question_uuid: name.uuid, msg: "Grace" });
    const color = await client.expectNext("multiple_choice");
    client.send({ type: "input_response", question_uuid: color.uuid, msg: "blue" });
    await client.expectNext("text_message");
    expect((await client.expectNext("workflow_completed")).content.result).toBe("Grace:blue");
  });

  it("asks a question again after an answer outside its choices", async () => {
    const client = await open(wsUrl);
    client.send({ type: "init", name: "ask", workflow_uuid: crypto.randomUUID(), params: {} });
    await client.expectNext("workflow_started");
    await client.expectNext("text_message");
    await client.expectNext("text_input");
    client.send("Ada");
    const color = await client.expectNext("multiple_choice");
    client.send({ type: "input_response", question_uuid: color.uuid, msg: "purple" });
    const error = await client.expectNext("error");
    expect(error.content.short).toBe("invalid_choice");
    expect(error.content.long).toContain('"purple"');
    expect((await client.expectNext("multiple_choice")).content).toEqual(color.content);
    client.send("yellow");
    expect((await client.expectNext("error")).content.short).toBe("invalid_choice");
    expect((await client.expectNext("multiple_choice")).content).toEqual(color.content);
    client.send({ type: "input_response", question_uuid: color.uuid, msg: "red" });
    expect((await client.expectNext("text_message")).content.body).toBe("Hi Ada, you picked red");
    expect((await client.expectNext("workflow_completed")).content.result).toBe("Ada:red");
  });

  it("replays what a dropped client missed, once, when it resumes", async () => {
    const uuid = crypto.randomUUID();
    const first = await open(wsUrl);
    first.send({ type: "init", name: "ask", workflow_uuid: uuid, params: {} });
    const started = await first.expectNext("workflow_started");
    await first.expectNext("text_message");
    await first.expectNext("text_input");
    first.drop();
    await first.closed;

    const second = await open(wsUrl);
    second.send({ type: "resume", workflow_uuid: uuid, after_uuid: started.uuid });
    expect((await second.expectNext("text_message")).content.body).toBe("Hello");
    const name = await second.expectNext("text_input");
    second.send({ type: "input_response", question_uuid: name.uuid, msg: "Lin" });
    const color = await second.expectNext("multiple_choice");
    second.send({ type: "input_response", question_uuid: color.uuid, msg: "green" });
    await second.expectNext("text_message");
    expect((await second.expectNext("workflow_completed")).content.result).toBe("Lin:green");
    const uuids = second.received().map((f) => f.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(second.received().map((f) => f.type)).toEqual([
      "text_message",
      "text_input",
      "multiple_choice",
      "text_message",
      "workflow_completed",
    ]);
  });

  it("answers an unknown workflow with 404 in the workflow error envelope", async () => {
    const res = await post("/workflows/initiate_workflow", { workflow_name: "nope", params: {} });
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(validate.WorkflowErrorEnvelope(body).ok).toBe(true);
    expect(body).toMatchObject({ error: { type: "workflow_not_found", param: "workflow_name" } });
    const bad = await post("/workflows/initiate_workflow", { workflow_name: "ask", extra: true });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: "validation_failed", param: "extra" } });
  });

  it("sends an error frame and closes with 1008 after a bad init frame", async () => {
    const client = await open(wsUrl);
    client.send({ name: 42, workflow_uuid: hexUuid() });
    const error = await client.expectNext("error");
    expect(error.content).toMatchObject({ short: "validation_failed" });
    expect(error.content.long).toMatch(/^name /);
    expect((await client.closed).code).toBe(1008);

    const unknown = await open(wsUrl);
    unknown.send({ name: "nope", workflow_uuid: hexUuid(), params: {} });
    expect((await unknown.expectNext("error")).content.short).toBe("workflow_not_found");
    expect((await unknown.closed).code).toBe(1008);
  });

  it("sends `fail`'s error frame, then workflow_completed, then closes normally, in the client's uuid form", async () => {
    const client = await open(wsUrl);
    const uuid = hexUuid();
    client.send({ name: "fail", workflow_uuid: uuid, user_id: null, params: {} });
    await client.expectNext("workflow_started");
    expect((await client.expectNext("error")).content).toMatchObject({ short: "workflow_failed" });
    expect((await client.expectNext("workflow_completed")).content.result).toMatch(/the fail workflow always fails$/);
    expect((await client.closed).code).toBe(1000);
    const received = client.received();
    expect(received.map((f) => f.type)).toEqual(["workflow_started", "error", "workflow_completed"]);
    expect(new Set(received.map((f) => f.workflow_uuid))).toEqual(new Set([uuid.toLowerCase()]));
  });

  it("answers a plain GET of the socket path with 426", async () => {
    const res = await fetch(`${server.url}/workflows/ws`);
    expect(res.status).toBe(426);
    expect(await res.json()).toMatchObject({ error: { type: "upgrade_required" } });
  });
});

describe.each(ADAPTERS)("%s adapter: workflows behind an API key", (framework) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(framework, {
      protocols: [workflowsProtocol({ workflows: fixtureWorkflows })],
      apiKey: "sekret",
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it("refuses requests and upgrades without the key, in the workflow envelope", async () => {
    const res = await fetch(`${server.url}/workflows/discovery`);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
    expect(validate.WorkflowErrorEnvelope(await res.json()).ok).toBe(true);
    await expect(open(`${server.wsUrl}/workflows/ws`)).rejects.toThrow(/401/);
    const ok = await fetch(`${server.url}/workflows/discovery`, { headers: { authorization: "Bearer sekret" } });
    expect(ok.status).toBe(200);
    const client = await open(`${server.wsUrl}/workflows/ws`, { authorization: "Bearer sekret" });
    client.send({ name: "ask", workflow_uuid: hexUuid(), params: {} });
    await client.expectNext("workflow_started");
  });
});
