// Taking over a workflow run whose server died: re-execution from the record, re-asked questions.
import { describe, expect, it, vi } from "vitest";
import { defineWorkflow } from "../src/runtime/workflow/define.js";
import { InMemoryWorkflowStore } from "../src/store/workflows.js";
import { FakeClient } from "./workflows-fakes.js";
import { init, moduleFactory, newUuid } from "./workflows-setup.js";

const module = moduleFactory();

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
