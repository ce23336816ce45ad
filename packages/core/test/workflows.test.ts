import { afterEach, describe, expect, it, vi } from "vitest";
import { createAppContext } from "../src/app.js";
import { askWorkflow, failWorkflow, fixtureWorkflows } from "../src/fixtures/workflows.js";
import type { AppContext } from "../src/protocols/protocol-module.js";
import {
  canonicalUuid,
  type WorkflowsModule,
  type WorkflowsProtocolOptions,
  workflowsProtocol,
} from "../src/protocols/workflows/module.js";
import { defineWorkflow } from "../src/runtime/workflow/define.js";
import { InMemoryWorkflowStore } from "../src/store/workflows.js";
import { bodyOf, FakeClient, request } from "./workflows-fakes.js";

const ctx: AppContext = createAppContext({ limits: { maxBodyBytes: 1024 * 1024, maxFrameBytes: 64 * 1024 } });
const modules: WorkflowsModule[] = [];

function module(options: Partial<WorkflowsProtocolOptions> = {}): WorkflowsModule {
  const m = workflowsProtocol({ workflows: fixtureWorkflows, ...options })(ctx) as WorkflowsModule;
  modules.push(m);
  return m;
}

afterEach(async () => {
  await Promise.all(modules.splice(0).map((m) => m.close()));
});

const newUuid = (): string => crypto.randomUUID();
const init = (name: string, workflow_uuid = newUuid(), params: object = {}) => ({
  name,
  workflow_uuid,
  user_id: null,
  params,
});

describe("workflows HTTP routes", () => {
  it("lists the workflows in registration order", async () => {
    const res = await module().handle(request("GET", "/workflows/discovery"));
    expect(res.status).toBe(200);
    expect(bodyOf(res)).toEqual(fixtureWorkflows.map(({ name, description }) => ({ name, description })));
  });

  it("initiates a run with a server-minted uuid and a minted user id", async () => {
    const m = module();
    const body = JSON.stringify({ workflow_name: "ask", workflow_uuid: "mine", user_id: null, params: { a: 1 } });
    const res = await m.handle(request("POST", "/workflows/initiate_workflow", { body }));
    expect(res.status).toBe(200);
    const out = bodyOf(res) as { name: string; workflow_uuid: string; user_id: string; params: object };
    expect(out.name).toBe("ask");
    expect(out.workflow_uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(out.user_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.params).toEqual({ a: 1 });
    expect((await m.store.getRun(out.workflow_uuid))?.status).toBe("initiated");
  });

  it("answers initiate_workflow and a run's messages in the uuid form the client used", async () => {
    const m = module();
    const hex = newUuid().replace(/-/g, "");
    const body = JSON.stringify({ workflow_name: "ask", workflow_uuid: hex, user_id: null, params: {} });
    const out = bodyOf(await m.handle(request("POST", "/workflows/initiate_workflow", { body }))) as {
      workflow_uuid: string;
    };
    expect(out.workflow_uuid).toMatch(/^[0-9a-f]{32}$/);
    expect(out.workflow_uuid).not.toBe(hex);
    expect((await m.store.getRun(canonicalUuid(out.workflow_uuid)))?.status).toBe("initiated");
    const client = await FakeClient.connect(m);
    client.send({ ...out, name: "ask" });
    const started = await client.nextOf("workflow_started");
    expect(started.workflow_uuid).toBe(out.workflow_uuid);
    expect([started.sender, started.recipient]).toEqual(["Workflow", "User"]);
    // The same run resumed with the hyphenated spelling is answered hyphenated.
    const other = await FakeClient.connect(m);
    other.send({ type: "resume", workflow_uuid: canonicalUuid(out.workflow_uuid) });
    expect((await other.nextOf("workflow_started")).workflow_uuid).toBe(canonicalUuid(out.workflow_uuid));
  });

  it("serves the same runs under several prefixes", async () => {
    const m = module({ prefix: ["/workflows", "fastagency/"] });
    for (const prefix of ["/workflows", "/fastagency"]) {
      const res = await m.handle(request("GET", `${prefix}/discovery`));
      expect(res.status, prefix).toBe(200);
    }
    expect(m.owns("/fastagency/ws")).toBe(true);
    expect(m.owns("/fastagencyx/ws")).toBe(false);
    const body = JSON.stringify({ workflow_name: "ask" });
    const out = bodyOf(await m.handle(request("POST", "/fastagency/initiate_workflow", { body }))) as {
      workflow_uuid: string;
    };
    expect((await m.store.getRun(out.workflow_uuid))?.name).toBe("ask");
    expect(() => workflowsProtocol({ workflows: fixtureWorkflows, prefix: [] })).toThrow(/at least one prefix/);
  });

  it("keeps the caller's user_id, and the userId hook overrides it", async () => {
    const body = JSON.stringify({ workflow_name: "ask", user_id: "alice" });
    const plain = bodyOf(await module().handle(request("POST", "/workflows/initiate_workflow", { body })));
    expect(plain).toMatchObject({ user_id: "alice", params: {} });
    const hooked = module({ userId: () => "from-token" });
    expect(bodyOf(await hooked.handle(request("POST", "/workflows/initiate_workflow", { body })))).toMatchObject({
      user_id: "from-token",
    });
  });

  it.each([
    ["unknown workflow", JSON.stringify({ workflow_name: "nope" }), 404, "workflow_not_found", "workflow_name"],
    ["missing workflow_name", JSON.stringify({ params: {} }), 400, "validation_failed", "workflow_name"],
    ["params not an object", JSON.stringify({ workflow_name: "ask", params: 3 }), 400, "validation_failed", "params"],
    ["unknown member", JSON.stringify({ workflow_name: "ask", colour: "red" }), 400, "validation_failed", "colour"],
    ["invalid JSON", "{nope", 400, "invalid_json", null],
  ])("refuses %s", async (_label, body, status, type, param) => {
    const res = await module().handle(request("POST", "/workflows/initiate_workflow", { body }));
    expect(res.status).toBe(status);
    expect(bodyOf(res)).toMatchObject({ error: { type, param } });
  });

  it("refuses a body that is not JSON with 415", async () => {
    const res = await module().handle(
      request("POST", "/workflows/initiate_workflow", { body: "a=b", headers: { "content-type": "text/plain" } }),
    );
    expect(res.status).toBe(415);
    expect(bodyOf(res)).toMatchObject({ error: { type: "unsupported_media_type" } });
  });

  it("answers unknown routes, wrong methods and plain GETs of the socket in its envelope", async () => {
    const m = module();
    const notFound = await m.handle(request("GET", "/workflows/nope"));
    expect(notFound.status).toBe(404);
    expect(bodyOf(notFound)).toMatchObject({ error: { type: "route_not_found" } });
    const wrongMethod = await m.handle(request("GET", "/workflows/initiate_workflow"));
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe("POST");
    const plain = await m.handle(request("GET", "/workflows/ws"));
    expect(plain.status).toBe(426);
    expect(plain.headers.upgrade).toBe("websocket");
    expect(m.error(401, "unauthorized", "no").headers["www-authenticate"]).toBe("Bearer");
  });

  it("serves FastAgency's paths under a /fastagency prefix", async () => {
    const m = module({ prefix: "/fastagency" });
    expect(m.owns("/fastagency/discovery")).toBe(true);
    expect(m.owns("/workflows/discovery")).toBe(false);
    expect((await m.handle(request("GET", "/fastagency/discovery"))).status).toBe(200);
    const client = await FakeClient.connect(m, "/fastagency/ws");
    client.send(init("ask"));
    expect((await client.next()).type).toBe("workflow_started");
  });

  it("runs the authorize hook on requests, upgrades and init frames", async () => {
    const m = module({ authorize: ({ request: req, workflow }) => req.header("x-ok") === "1" && workflow !== "fail" });
    expect((await m.handle(request("GET", "/workflows/discovery"))).status).toBe(403);
    expect((await m.handle(request("GET", "/workflows/discovery", { headers: { "x-ok": "1" } }))).status).toBe(200);
    const refused = await m.upgrade!(request("GET", "/workflows/ws"));
    expect("reject" in refused && refused.reject.status).toBe(403);
    const client = await FakeClient.connect(
      m,
      "/workflows/ws",
      request("GET", "/workflows/ws", { headers: { "x-ok": "1" } }),
    );
    client.send(init("fail"));
    expect((await client.nextOf("error")).content.short).toBe("forbidden");
    expect((await client.waitClosed()).code).toBe(1008);
  });
});

describe("workflow runs over the socket", () => {
  it("runs `ask` answered with raw text frames, as FastAgency clients do", async () => {
    const m = module();
    const client = await FakeClient.connect(m);
    const uuid = newUuid().replace(/-/g, "").toUpperCase();
    client.send(init("ask", uuid, { greeting: "hi" }));
    const started = await client.nextOf("workflow_started");
    expect(started.content).toEqual({ name: "ask", description: askWorkflow.description, params: { greeting: "hi" } });
    // Answered in the client's form: 32 hex digits (lower-case), as FastAgency sends them.
    expect(started.workflow_uuid).toBe(canonicalUuid(uuid).replace(/-/g, ""));
    expect((await client.nextOf("text_message")).content.body).toBe("Hello");
    const name = await client.nextOf("text_input");
    expect(name.content).toEqual({ prompt: "What is your name?", suggestions: [], password: false });
    client.send("Ada");
    const color = await client.nextOf("multiple_choice");
    expect(color.content).toEqual({
      prompt: "Pick a color",
      choices: ["red", "green", "blue"],
      default: null,
      single: true,
    });
    client.send("green");
    expect((await client.nextOf("text_message")).content.body).toBe("Hi Ada, you picked green");
    expect((await client.nextOf("workflow_completed")).content.result).toBe("Ada:green");
    expect((await client.waitClosed()).code).toBe(1000);
    const run = await m.store.getRun(canonicalUuid(uuid));
    expect(run).toMatchObject({ status: "completed", result: "Ada:green", name: "ask" });
    expect((await m.store.listMessages(canonicalUuid(uuid))).map((f) => f.type)).toEqual([
      "workflow_started",
      "text_message",
      "text_input",
      "multiple_choice",
      "text_message",
      "workflow_completed",
    ]);
  });

  it("runs `ask` answered with input_response frames, after initiate_workflow", async () => {
    const m = module();
    const res = await m.handle(
      request("POST", "/workflows/initiate_workflow", { body: JSON.stringify({ workflow_name: "ask", params: {} }) }),
    );
    const prepared = bodyOf(res) as object;
    const client = await FakeClient.connect(m);
    client.send({ type: "init", ...prepared });
    await client.nextOf("workflow_started");
    await client.nextOf("text_message");
    const q1 = await client.nextOf("text_input");
    client.send({ type: "input_response", question_uuid: q1.uuid, msg: "Grace" });
    const q2 = await client.nextOf("multiple_choice");
    client.send({ type: "input_response", question_uuid: q2.uuid, msg: "blue" });
    await client.nextOf("text_message");
    expect((await client.nextOf("workflow_completed")).content.result).toBe("Grace:blue");
  });

  it("answers a choice outside `choices` with an error, then asks the question again", async () => {
    const client = await FakeClient.connect(module());
    client.send(init("ask"));
    for (const type of ["workflow_started", "text_message", "text_input"] as const) await client.nextOf(type);
    client.send("Ada");
    const q = await client.nextOf("multiple_choice");
    client.send({ type: "input_response", question_uuid: q.uuid, msg: "purple" });
    const err = await client.nextOf("error");
    expect(err.content.short).toBe("invalid_choice");
    expect(err.content.long).toMatch(/msg: "purple" is not one of the choices "red", "green", "blue"/);
    const again = await client.nextOf("multiple_choice");
    expect(again.content).toEqual(q.content);
    expect(again.uuid).not.toBe(q.uuid);
    client.send("mauve");
    expect((await client.nextOf("error")).content.short).toBe("invalid_choice");
    expect((await client.nextOf("multiple_choice")).content).toEqual(q.content);
    // The repeat's uuid answers the same question. A structured answer of the wrong form is refused
    // without a repeat (the client named the question; it is still open).
    client.send({ type: "input_response", question_uuid: again.uuid, msg: ["red"] });
    expect((await client.nextOf("error")).content.short).toBe("validation_failed");
    client.send("red");
    expect((await client.nextOf("text_message")).content.body).toBe("Hi Ada, you picked red");
    expect((await client.nextOf("workflow_completed")).content.result).toBe("Ada:red");
  });

  it("reports answers to nothing and malformed structured frames without closing", async () => {
    const client = await FakeClient.connect(module());
    client.send(init("ask"));
    for (const type of ["workflow_started", "text_message"] as const) await client.nextOf(type);
    const q = await client.nextOf("text_input");
    client.send({ type: "input_response", question_uuid: "not-a-question", msg: "x" });
    expect((await client.nextOf("error")).content).toMatchObject({ short: "unknown_question" });
    client.send({ type: "input_response", msg: "x" });
    expect((await client.nextOf("error")).content).toMatchObject({
      short: "validation_failed",
      long: "question_uuid is required",
    });
    client.send({ type: "input_response", question_uuid: q.uuid, msg: "x", extra: 1 });
    expect((await client.nextOf("error")).content.long).toMatch(/^extra /);
    client.send({ type: "dance" });
    expect((await client.nextOf("error")).content.long).toMatch(/^type: unknown frame type "dance"/);
    client.send({ type: "init", ...init("ask") });
    expect((await client.nextOf("error")).content.long).toMatch(/only allowed as the first frame/);
    expect(client.closed).toBeUndefined();
    // Not a JSON object with a string `type`: a raw answer, whatever it looks like.
    client.send('{"type": 5}');
    expect((await client.nextOf("multiple_choice")).content.prompt).toBe("Pick a color");
  });

  it("refuses a raw answer when no question is open", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const quiet = defineWorkflow({
      name: "quiet",
      description: "Says hi and waits without asking anything.",
      run: async (ui) => {
        await ui.textMessage("hi");
        await released;
        return "done";
      },
    });
    const client = await FakeClient.connect(module({ workflows: [quiet] }));
    client.send(init("quiet"));
    await client.nextOf("workflow_started");
    await client.nextOf("text_message");
    client.send("hello?");
    expect((await client.nextOf("error")).content).toEqual({
      short: "no_open_question",
      long: "answer: the run has no open question to answer",
    });
    release();
    expect((await client.nextOf("workflow_completed")).content.result).toBe("done");
  });

  it("sends `fail`'s failure as an error frame, then workflow_completed, then closes with 1000", async () => {
    const m = module();
    const client = await FakeClient.connect(m);
    const uuid = newUuid();
    client.send(init("fail", uuid));
    await client.nextOf("workflow_started");
    const err = await client.nextOf("error");
    expect(err.content).toEqual({ short: "workflow_failed", long: "the fail workflow always fails" });
    expect([err.sender, err.recipient]).toEqual(["Workflow", "User"]);
    // As FastAgency's runtime ends a failed run: its clients wait for workflow_completed.
    expect((await client.nextOf("workflow_completed")).content).toEqual({
      result: "Unhandled exception occurred when executing the workflow: the fail workflow always fails",
    });
    expect((await client.waitClosed()).code).toBe(1000);
    expect(client.unread()).toEqual([]);
    expect((await m.store.getRun(uuid))?.status).toBe("failed");
    expect(failWorkflow.name).toBe("fail");
  });

  it.each([
    ["not JSON", "hello", "invalid_json"],
    ["not an object", "[1,2]", "validation_failed"],
    ["missing name", JSON.stringify({ workflow_uuid: newUuid(), params: {} }), "validation_failed"],
    ["bad uuid", JSON.stringify({ name: "ask", workflow_uuid: "123", params: {} }), "validation_failed"],
    ["unknown member", JSON.stringify({ ...init("ask"), colour: "red" }), "validation_failed"],
    ["answer first", JSON.stringify({ type: "input_response", question_uuid: "x", msg: "y" }), "validation_failed"],
    ["unknown workflow", JSON.stringify(init("nope")), "workflow_not_found"],
  ])("closes with 1008 after an error frame when the first frame is bad (%s)", async (_label, frame, short) => {
    const client = await FakeClient.connect(module());
    client.send(frame);
    const err = await client.nextOf("error");
    expect(err.content.short).toBe(short);
    expect((await client.waitClosed()).code).toBe(1008);
  });

  it("names the offending field of a bad init frame", async () => {
    const client = await FakeClient.connect(module());
    client.send({ ...init("ask"), colour: "red" });
    expect((await client.nextOf("error")).content.long).toBe("colour is not a supported field");
  });

  it("refuses a second init with a uuid already used", async () => {
    const m = module();
    const uuid = newUuid();
    const first = await FakeClient.connect(m);
    first.send(init("ask", uuid));
    await first.nextOf("workflow_started");
    const second = await FakeClient.connect(m);
    second.send(init("ask", uuid.replace(/-/g, "")));
    expect((await second.nextOf("error")).content.short).toBe("workflow_uuid_in_use");
    expect((await second.waitClosed()).code).toBe(1008);
  });

  it("closes binary frames with 1003 and oversized frames with 1009", async () => {
    const binary = await FakeClient.connect(module());
    binary.sendBinary(new Uint8Array([1, 2, 3]));
    expect((await binary.waitClosed()).code).toBe(1003);
    const big = await FakeClient.connect(module());
    big.send("x".repeat(ctx.limits.maxFrameBytes + 1));
    expect((await big.waitClosed()).code).toBe(1009);
  });

  it("sends keep_alive frames while attached", async () => {
    const client = await FakeClient.connect(module({ keepAliveMs: 10 }));
    client.send(init("ask"));
    await client.nextOf("workflow_started");
    await new Promise((resolve) => setTimeout(resolve, 60));
    const keepAlives = client.frames.filter((f) => f.type === "keep_alive");
    expect(keepAlives.length).toBeGreaterThanOrEqual(2);
    expect(keepAlives[0]).toMatchObject({ content: {}, workflow_uuid: client.frames[0]!.workflow_uuid });
  });
});

describe("resuming a run", () => {
  it("replays what was missed exactly once, then continues live", async () => {
    const m = module();
    const uuid = newUuid();
    const first = await FakeClient.connect(m);
    first.send(init("ask", uuid));
    const started = await first.nextOf("workflow_started");
    await first.nextOf("text_message");
    await first.nextOf("text_input");
    first.drop();

    const second = await FakeClient.connect(m);
    second.send({ type: "resume", workflow_uuid: uuid, after_uuid: started.uuid });
    expect((await second.nextOf("text_message")).content.body).toBe("Hello");
    const q = await second.nextOf("text_input");
    second.send("Ada");
    await second.nextOf("multiple_choice");
    second.send({ type: "input_response", question_uuid: (second.frames.at(-1) ?? q).uuid, msg: "blue" });
    await second.nextOf("text_message");
    expect((await second.nextOf("workflow_completed")).content.result).toBe("Ada:blue");
    const uuids = second.frames.filter((f) => f.type !== "keep_alive").map((f) => f.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(uuids).not.toContain(started.uuid);
  });

  it("keeps messages produced while no one is attached and replays them on resume", async () => {
    const m = module();
    const uuid = newUuid();
    const first = await FakeClient.connect(m);
    first.send(init("ask", uuid));
    await first.nextOf("workflow_started");
    await first.nextOf("text_message");
    const q = await first.nextOf("text_input");
    // The answer arrives, then the connection drops before the next question is read.
    first.send("Lin");
    first.drop();
    await new Promise((resolve) => setTimeout(resolve, 20));

    const second = await FakeClient.connect(m);
    second.send({ type: "resume", workflow_uuid: uuid, after_uuid: q.uuid });
    const choice = await second.nextOf("multiple_choice");
    second.send({ type: "input_response", question_uuid: choice.uuid, msg: "red" });
    await second.nextOf("text_message");
    expect((await second.nextOf("workflow_completed")).content.result).toBe("Lin:red");
  });

  it("ignores the same answer sent again, and accepts an error frame's uuid as after_uuid", async () => {
    const m = module();
    const uuid = newUuid();
    const first = await FakeClient.connect(m);
    first.send(init("ask", uuid));
    for (const type of ["workflow_started", "text_message"] as const) await first.nextOf(type);
    const q = await first.nextOf("text_input");
    first.send({ type: "input_response", question_uuid: q.uuid, msg: "Ann" });
    const choice = await first.nextOf("multiple_choice");
    first.send({ type: "input_response", question_uuid: q.uuid, msg: "Ann" });
    first.send({ type: "input_response", question_uuid: q.uuid, msg: "Bea" });
    const refused = await first.nextOf("error");
    expect(refused.content.short).toBe("unknown_question");
    first.drop();

    const second = await FakeClient.connect(m);
    second.send({ type: "resume", workflow_uuid: uuid, after_uuid: refused.uuid });
    second.send({ type: "input_response", question_uuid: choice.uuid, msg: "red" });
    expect((await second.nextOf("text_message")).content.body).toBe("Hi Ann, you picked red");
    expect((await m.store.listMessages(uuid)).filter((f) => f.type === "error")).toHaveLength(1);
  });

  it("replaces a connection that is still open", async () => {
    const m = module();
    const uuid = newUuid();
    const first = await FakeClient.connect(m);
    first.send(init("ask", uuid));
    await first.nextOf("workflow_started");
    const second = await FakeClient.connect(m);
    second.send({ type: "resume", workflow_uuid: uuid });
    expect((await second.nextOf("workflow_started")).workflow_uuid).toBe(uuid);
    expect((await first.waitClosed()).code).toBe(1000);
  });

  it("replays a finished run from the store and closes as the run did", async () => {
    const m = module();
    const uuid = newUuid();
    const first = await FakeClient.connect(m);
    first.send(init("fail", uuid));
    await first.waitClosed();
    await m.settled(uuid);
    const again = await FakeClient.connect(m);
    again.send({ type: "resume", workflow_uuid: uuid });
    expect((await again.next()).type).toBe("workflow_started");
    expect((await again.nextOf("error")).content.short).toBe("workflow_failed");
    expect((await again.nextOf("workflow_completed")).content.result).toMatch(/the fail workflow always fails$/);
    expect((await again.waitClosed()).code).toBe(1000);
  });

  it("abandons a run nobody resumes within the grace period", async () => {
    const m = module({ graceMs: 30 });
    const uuid = newUuid();
    const first = await FakeClient.connect(m);
    first.send(init("ask", uuid));
    for (const type of ["workflow_started", "text_message", "text_input"] as const) await first.nextOf(type);
    first.drop();
    await m.settled(uuid);
    expect((await m.store.getRun(uuid))?.status).toBe("abandoned");
    const late = await FakeClient.connect(m);
    late.send({ type: "resume", workflow_uuid: uuid, after_uuid: first.frames.at(-1)!.uuid });
    expect((await late.nextOf("error")).content.short).toBe("workflow_abandoned");
    expect((await late.waitClosed()).code).toBe(1011);
  });

  it.each([
    ["an unknown run", () => ({ type: "resume", workflow_uuid: newUuid() }), "workflow_not_found"],
    [
      "an unknown after_uuid",
      (uuid: string) => ({ type: "resume", workflow_uuid: uuid, after_uuid: "x" }),
      "validation_failed",
    ],
  ])("refuses to resume %s", async (_label, frame, short) => {
    const m = module();
    const uuid = newUuid();
    const first = await FakeClient.connect(m);
    first.send(init("ask", uuid));
    await first.nextOf("workflow_started");
    const second = await FakeClient.connect(m);
    second.send(frame(uuid));
    expect((await second.nextOf("error")).content.short).toBe(short);
    expect((await second.waitClosed()).code).toBe(1008);
  });

  it("lets only the run's user resume it when users are derived from requests", async () => {
    const m = module({ userId: (req) => req.header("x-user") });
    const as = (user: string) => request("GET", "/workflows/ws", { headers: { "x-user": user } });
    const uuid = newUuid();
    const alice = await FakeClient.connect(m, "/workflows/ws", as("alice"));
    alice.send({ ...init("ask", uuid), user_id: "mallory" });
    expect((await alice.nextOf("workflow_started")).workflow_uuid).toBe(uuid);
    expect((await m.store.getRun(uuid))?.userId).toBe("alice");
    const bob = await FakeClient.connect(m, "/workflows/ws", as("bob"));
    bob.send({ type: "resume", workflow_uuid: uuid });
    expect((await bob.nextOf("error")).content.short).toBe("workflow_not_found");
    const again = await FakeClient.connect(m, "/workflows/ws", as("alice"));
    again.send({ type: "resume", workflow_uuid: uuid });
    expect((await again.nextOf("workflow_started")).workflow_uuid).toBe(uuid);
  });
});

describe("workflow definitions", () => {
  it("turns a non-string result into JSON and every ui call into its message", async () => {
    const client = await FakeClient.connect(module());
    client.send(init("showcase", newUuid(), { from: "test" }));
    await client.nextOf("workflow_started");
    expect((await client.nextOf("system_message")).content.message).toMatchObject({ params: { from: "test" } });
    expect(await client.nextOf("text_message")).toMatchObject({ sender: "assistant", recipient: "user" });
    const city = await client.nextOf("text_input");
    expect(city.content.suggestions).toEqual(["Paris", "Tokyo", "Lima"]);
    client.send("Lima");
    expect((await client.nextOf("suggested_function_call")).content).toEqual({
      function_name: "get_weather",
      call_id: "call_1",
      arguments: { city: "Lima" },
    });
    const exec = await client.nextOf("function_call_execution");
    expect(exec).toMatchObject({ auto_reply: true, content: { retval: { city: "Lima", forecast: "sunny" } } });
    const toppings = await client.nextOf("multiple_choice");
    expect(toppings.content).toMatchObject({ single: false, default: "cheese" });
    client.send("olives, cheese");
    expect((await client.nextOf("text_input")).content.password).toBe(true);
    client.send("hunter2");
    expect((await client.nextOf("error")).content.short).toBe("not_really_an_error");
    expect((await client.nextOf("text_message")).content.body).toBe(
      "It is sunny in Lima; pizza with cheese, olives it is.",
    );
    const done = await client.nextOf("workflow_completed");
    expect(JSON.parse(done.content.result!)).toEqual({ city: "Lima", toppings: ["cheese", "olives"] });
  });

  it("fails the run when a workflow sends an invalid message", async () => {
    const broken = defineWorkflow({
      name: "broken",
      description: "",
      run: async (ui) => ui.multipleChoice({ prompt: "?", choices: ["a"], default: "b" }),
    });
    const client = await FakeClient.connect(module({ workflows: [broken] }));
    client.send(init("broken"));
    await client.nextOf("workflow_started");
    expect((await client.nextOf("error")).content.long).toMatch(/default "b" is not one of its choices/);
    expect((await client.nextOf("workflow_completed")).content.result).toMatch(/default "b" is not one of its choices/);
    expect((await client.waitClosed()).code).toBe(1000);
  });

  it("reports a store failure as an error frame, then workflow_completed, and closes with 1000", async () => {
    const store = new InMemoryWorkflowStore();
    let appends = 0;
    const original = store.appendMessage.bind(store);
    store.appendMessage = async (uuid, message) => {
      if (++appends === 2) throw new Error("disk full");
      return original(uuid, message);
    };
    const client = await FakeClient.connect(module({ store }));
    client.send(init("ask"));
    await client.nextOf("workflow_started");
    expect((await client.nextOf("error")).content).toEqual({ short: "workflow_failed", long: "disk full" });
    // Delivered although the store could not keep it (best effort, like the error).
    expect((await client.nextOf("workflow_completed")).content.result).toMatch(/disk full$/);
    expect((await client.waitClosed()).code).toBe(1000);
  });

  it("rejects definitions without a name and duplicate names", () => {
    expect(() => defineWorkflow({ name: " ", description: "", run: async () => null })).toThrow(/name/);
    expect(() => workflowsProtocol({ workflows: [askWorkflow, askWorkflow] })).toThrow(/two workflows/);
  });
});

describe("taking over a run whose server died", () => {
  /** A store handle that stops working when its process "dies": every call then fails. */
  function mortal(store: InMemoryWorkflowStore): { store: InMemoryWorkflowStore; kill(): void } {
    let alive = true;
    const handle = new Proxy(store, {
      get(target, property) {
        const value = Reflect.get(target, property);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) =>
          alive ? value.apply(target, args) : Promise.reject(new Error("the process is dead"));
      },
    });
    return {
      store: handle,
      kill: () => {
        alive = false;
      },
    };
  }
  const quietly = () => vi.spyOn(console, "error").mockImplementation(() => {});

  it("re-executes `ask` on another instance from its record, without repeating a message", async () => {
    quietly();
    const shared = new InMemoryWorkflowStore();
    const a = mortal(shared);
    const first = module({ store: a.store, leaseMs: 150 });
    const second = module({ store: shared, leaseMs: 150 });
    const uuid = newUuid();
    const onA = await FakeClient.connect(first);
    onA.send(init("ask", uuid));
    for (const type of ["workflow_started", "text_message"] as const) await onA.nextOf(type);
    const name = await onA.nextOf("text_input");
    onA.send({ type: "input_response", question_uuid: name.uuid, msg: "Ada" });
    const choice = await onA.nextOf("multiple_choice");
    const before = await shared.listMessages(uuid);

    // While A holds the run, B sends resuming clients away.
    const early = await FakeClient.connect(second);
    early.send({ type: "resume", workflow_uuid: uuid, after_uuid: name.uuid });
    expect((await early.nextOf("error")).content.short).toBe("run_unavailable");
    expect((await early.waitClosed()).code).toBe(1011);

    a.kill();
    onA.drop();
    await new Promise((resolve) => setTimeout(resolve, 200));

    const onB = await FakeClient.connect(second);
    onB.send({ type: "resume", workflow_uuid: uuid, after_uuid: name.uuid });
    const asked = await onB.nextOf("multiple_choice");
    expect(asked).toEqual(choice);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onB.unread()).toEqual([]);
    expect(await shared.listMessages(uuid)).toEqual(before);

    onB.send({ type: "input_response", question_uuid: choice.uuid, msg: "green" });
    expect((await onB.nextOf("text_message")).content.body).toBe("Hi Ada, you picked green");
    expect((await onB.nextOf("workflow_completed")).content.result).toBe("Ada:green");
    expect((await onB.waitClosed()).code).toBe(1000);
    await second.settled(uuid);
    expect(await shared.getRun(uuid)).toMatchObject({ status: "completed", result: "Ada:green" });
    const history = await shared.listMessages(uuid);
    expect(history.map((m) => m.type)).toEqual([
      "workflow_started",
      "text_message",
      "text_input",
      "multiple_choice",
      "text_message",
      "workflow_completed",
    ]);
    expect(history.slice(0, 4)).toEqual(before);
  });

  it("re-asks an unanswered question under its uuid and accepts the answer again after a takeover", async () => {
    quietly();
    const shared = new InMemoryWorkflowStore();
    const a = mortal(shared);
    const first = module({ store: a.store, leaseMs: 60 });
    const second = module({ store: shared, leaseMs: 60 });
    const uuid = newUuid();
    const onA = await FakeClient.connect(first);
    onA.send(init("ask", uuid));
    for (const type of ["workflow_started", "text_message"] as const) await onA.nextOf(type);
    const name = await onA.nextOf("text_input");
    a.kill();
    onA.drop();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const onB = await FakeClient.connect(second);
    onB.send({ type: "resume", workflow_uuid: uuid });
    for (const type of ["workflow_started", "text_message"] as const) await onB.nextOf(type);
    expect((await onB.nextOf("text_input")).uuid).toBe(name.uuid);
    onB.send({ type: "input_response", question_uuid: name.uuid, msg: "Bo" });
    const choice = await onB.nextOf("multiple_choice");
    onB.send({ type: "input_response", question_uuid: choice.uuid, msg: "red" });
    await onB.nextOf("text_message");
    expect((await onB.nextOf("workflow_completed")).content.result).toBe("Bo:red");
  });

  it("passes over re-asked questions in the record when it re-executes a run; either uuid answers", async () => {
    quietly();
    const shared = new InMemoryWorkflowStore();
    const a = mortal(shared);
    const first = module({ store: a.store, leaseMs: 60 });
    const second = module({ store: shared, leaseMs: 60 });
    const uuid = newUuid();
    const onA = await FakeClient.connect(first);
    onA.send(init("ask", uuid));
    for (const type of ["workflow_started", "text_message", "text_input"] as const) await onA.nextOf(type);
    onA.send("Ada");
    const choice = await onA.nextOf("multiple_choice");
    onA.send("purple");
    await onA.nextOf("error");
    const again = await onA.nextOf("multiple_choice");
    a.kill();
    onA.drop();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const onB = await FakeClient.connect(second);
    onB.send({ type: "resume", workflow_uuid: uuid, after_uuid: again.uuid });
    onB.send({ type: "input_response", question_uuid: again.uuid, msg: "green" });
    expect((await onB.nextOf("text_message")).content.body).toBe("Hi Ada, you picked green");
    expect((await onB.nextOf("workflow_completed")).content.result).toBe("Ada:green");
    const history = await shared.listMessages(uuid);
    expect(history.map((m) => m.type)).toEqual([
      "workflow_started",
      "text_message",
      "text_input",
      "multiple_choice",
      "error",
      "multiple_choice",
      "text_message",
      "workflow_completed",
    ]);
    expect(history[3]!.uuid).toBe(choice.uuid);
  });

  it("holds an answer sent right after the resume until the re-executed workflow asks its question again", async () => {
    quietly();
    // Slow to get to its question, live and when re-executed alike.
    const slowAsk = defineWorkflow({
      name: "slow_ask",
      description: "thinks, then asks",
      run: async (ui) => {
        await ui.textMessage("thinking");
        await new Promise((resolve) => setTimeout(resolve, 150));
        const name = await ui.textInput({ prompt: "Name?" });
        await new Promise((resolve) => setTimeout(resolve, 150));
        const colour = await ui.textInput({ prompt: "Colour?" });
        return `${name}:${colour}`;
      },
    });
    const shared = new InMemoryWorkflowStore();
    const a = mortal(shared);
    const first = module({ workflows: [slowAsk], store: a.store, leaseMs: 60 });
    const second = module({ workflows: [slowAsk], store: shared, leaseMs: 60 });
    const uuid = newUuid();
    const onA = await FakeClient.connect(first);
    onA.send(init("slow_ask", uuid));
    await onA.nextOf("workflow_started");
    await onA.nextOf("text_message");
    const name = await onA.nextOf("text_input");
    onA.send({ type: "input_response", question_uuid: name.uuid, msg: "Ada" });
    const colour = await onA.nextOf("text_input");
    a.kill();
    onA.drop();
    await new Promise((resolve) => setTimeout(resolve, 100));

    // The answer goes out with the resume; the re-executed run reaches the question 300 ms later.
    const onB = await FakeClient.connect(second);
    onB.send({ type: "resume", workflow_uuid: uuid, after_uuid: colour.uuid });
    onB.send({ type: "input_response", question_uuid: colour.uuid, msg: "teal" });
    expect((await onB.nextOf("workflow_completed")).content.result).toBe("Ada:teal");
    expect(onB.unread()).toEqual([]);

    // The same for a raw text answer, which goes to the oldest open question once there is one.
    const rawUuid = newUuid();
    const c = mortal(shared);
    const third = module({ workflows: [slowAsk], store: c.store, leaseMs: 60 });
    const onC = await FakeClient.connect(third);
    onC.send(init("slow_ask", rawUuid));
    await onC.nextOf("workflow_started");
    await onC.nextOf("text_message");
    const asked = await onC.nextOf("text_input");
    c.kill();
    onC.drop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const onD = await FakeClient.connect(second);
    onD.send({ type: "resume", workflow_uuid: rawUuid, after_uuid: asked.uuid });
    onD.send("Bo");
    expect((await onD.nextOf("text_input")).content.prompt).toBe("Colour?");
    onD.send("red");
    expect((await onD.nextOf("workflow_completed")).content.result).toBe("Bo:red");
  });

  it("fails a run it cannot retrace: a stored password answer is missing, or the run changed course", async () => {
    quietly();
    let calls = 0;
    const secret = defineWorkflow({
      name: "secret",
      description: "asks for a password",
      async run(ui) {
        const password = await ui.textInput({ prompt: "Password?", password: true });
        await ui.textInput({ prompt: "And now?" });
        return password.length;
      },
    });
    const fickle = defineWorkflow({
      name: "fickle",
      description: "sends something else each time it runs",
      async run(ui) {
        calls += 1;
        if (calls === 1) await ui.textMessage("first time");
        else await ui.systemMessage({ again: true });
        await ui.textInput({ prompt: "Wait" });
      },
    });
    const shared = new InMemoryWorkflowStore();
    const a = mortal(shared);
    const first = module({ workflows: [secret, fickle], store: a.store, leaseMs: 60 });
    const second = module({ workflows: [secret, fickle], store: shared, leaseMs: 60 });

    const secretUuid = newUuid();
    const onA = await FakeClient.connect(first);
    onA.send(init("secret", secretUuid));
    await onA.nextOf("workflow_started");
    const password = await onA.nextOf("text_input");
    onA.send({ type: "input_response", question_uuid: password.uuid, msg: "hunter2" });
    const next = await onA.nextOf("text_input");
    expect(await shared.listAnswers(secretUuid)).toEqual({ [password.uuid]: null });

    const fickleUuid = newUuid();
    const other = await FakeClient.connect(first);
    other.send(init("fickle", fickleUuid));
    for (const type of ["workflow_started", "text_message", "text_input"] as const) await other.nextOf(type);
    a.kill();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const onB = await FakeClient.connect(second);
    onB.send({ type: "resume", workflow_uuid: secretUuid, after_uuid: next.uuid });
    const failed = await onB.nextOf("error");
    expect(failed.content).toMatchObject({ short: "workflow_failed", long: expect.stringMatching(/password/) });
    expect((await onB.nextOf("workflow_completed")).content.result).toMatch(/password/);
    expect((await onB.waitClosed()).code).toBe(1000);
    await second.settled(secretUuid);
    expect((await shared.getRun(secretUuid))?.status).toBe("failed");

    const again = await FakeClient.connect(second);
    again.send({ type: "resume", workflow_uuid: fickleUuid, after_uuid: other.frames.at(-1)!.uuid });
    expect((await again.nextOf("error")).content.long).toMatch(/sent system_message where its record has text_message/);
    expect((await again.nextOf("workflow_completed")).content.result).toMatch(/sent system_message/);
    expect((await again.waitClosed()).code).toBe(1000);
  });
});
