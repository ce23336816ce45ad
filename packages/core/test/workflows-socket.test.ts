// Workflow runs over the WebSocket: questions and answers, failures, bad frames, keep-alives.
import { describe, expect, it } from "vitest";
import { askWorkflow, failWorkflow } from "../src/fixtures/workflows.js";
import { canonicalUuid } from "../src/protocols/workflows/module.js";
import { defineWorkflow } from "../src/runtime/workflow/define.js";
import { bodyOf, FakeClient, request } from "./workflows-fakes.js";
import { ctx, init, moduleFactory, newUuid } from "./workflows-setup.js";

const module = moduleFactory();

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
