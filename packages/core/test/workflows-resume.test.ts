// Resuming a workflow run: replay of missed messages, reconnects, finished runs, grace period, users.
import { describe, expect, it } from "vitest";
import { FakeClient, request } from "./workflows-fakes.js";
import { init, moduleFactory, newUuid } from "./workflows-setup.js";

const module = moduleFactory();

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
