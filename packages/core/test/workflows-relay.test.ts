/**
 * Two instances of the workflows module sharing a store and a bus, as two server processes on one
 * database do: a client resuming on one instance a run that executes on the other is relayed.
 */
import type { WorkflowServerFrame } from "@switchboard/protocol/workflows";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAppContext } from "../src/app.js";
import type { AppContext } from "../src/protocols/protocol-module.js";
import {
  type WorkflowsModule,
  type WorkflowsProtocolOptions,
  workflowsProtocol,
} from "../src/protocols/workflows/module.js";
import { defineWorkflow } from "../src/runtime/workflow/define.js";
import { type EventBus, memoryBus } from "../src/store/bus.js";
import { InMemoryWorkflowStore, type WorkflowStore } from "../src/store/workflows.js";
import { FakeClient } from "./workflows-fakes.js";

const ctx: AppContext = createAppContext({ limits: { maxBodyBytes: 1024 * 1024, maxFrameBytes: 64 * 1024 } });
const modules: WorkflowsModule[] = [];

afterEach(async () => {
  await Promise.all(modules.splice(0).map((m) => m.close()));
  vi.restoreAllMocks();
});

/** `relay` as served by one instance: its last message says which instance executed it. */
function relayWorkflow(instance: string) {
  return defineWorkflow({
    name: "relay",
    description: "asks a name and a color, then says where it ran",
    async run(ui) {
      const name = await ui.textInput({ prompt: "Name?" });
      const color = await ui.multipleChoice({ prompt: "Color?", choices: ["red", "green", "blue"] });
      await ui.textMessage(`${name} picked ${color}, executed on ${instance}`);
      return `${name}:${color}@${instance}`;
    },
  });
}

function instance(label: string, options: Partial<WorkflowsProtocolOptions>): WorkflowsModule {
  const m = workflowsProtocol({ workflows: [relayWorkflow(label)], ...options })(ctx) as WorkflowsModule;
  modules.push(m);
  return m;
}

/** A process that can die: its store and bus calls then fail, and it hears nothing more. */
function mortal(store: WorkflowStore, bus: EventBus) {
  let alive = true;
  const dead = () => Promise.reject(new Error("the process is dead"));
  const deadStore = new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => (alive ? value.apply(target, args) : dead());
    },
  });
  const deadBus: EventBus = {
    publish: (topic, message) => (alive ? bus.publish(topic, message) : dead()),
    subscribe: (topic, listener) =>
      alive
        ? bus.subscribe(topic, (message) => {
            if (alive) listener(message);
          })
        : dead(),
  };
  return {
    store: deadStore,
    bus: deadBus,
    kill() {
      alive = false;
    },
  };
}

async function nextOf<T extends WorkflowServerFrame["type"]>(
  client: FakeClient,
  type: T,
  timeoutMs = 5_000,
): Promise<Extract<WorkflowServerFrame, { type: T }>> {
  const frame = await client.next(timeoutMs);
  if (frame.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(frame)}`);
  return frame as Extract<WorkflowServerFrame, { type: T }>;
}

/** Starts a run of `relay` on `m` (under `uuid` when given); resolves once it asked its first question. */
async function startRelay(m: WorkflowsModule, uuid: string = crypto.randomUUID()) {
  const client = await FakeClient.connect(m);
  client.send({ name: "relay", workflow_uuid: uuid, params: {} });
  const started = await nextOf(client, "workflow_started");
  const asked = await nextOf(client, "text_input");
  return { uuid, client, started, asked };
}

/**
 * Instances A (which can die) and B on one store and bus, and a run of `relay` started on A that
 * has asked its first question.
 */
async function startOnMortalInstance() {
  const store = new InMemoryWorkflowStore();
  const bus = memoryBus();
  const doomed = mortal(store, bus);
  const a = instance("A", { store: doomed.store, bus: doomed.bus, leaseMs: 150 });
  const b = instance("B", { store, bus, leaseMs: 150 });
  const { uuid, client: onA, asked } = await startRelay(a);
  return { store, doomed, b, uuid, onA, asked };
}

const quietly = () => vi.spyOn(console, "error").mockImplementation(() => {});

describe("resuming a run that executes on another instance", () => {
  it("replays, then relays the run's messages and the client's answers, errors included", async () => {
    const store = new InMemoryWorkflowStore();
    const bus = memoryBus();
    const a = instance("A", { store, bus });
    const b = instance("B", { store, bus });
    const { uuid, client: onA, started, asked } = await startRelay(a);
    // The errors a client gets on the instance executing the run, to compare with B's.
    onA.send({ type: "input_response", question_uuid: "no-such-question", msg: "x" });
    const localUnknown = await nextOf(onA, "error");

    const onB = await FakeClient.connect(b);
    onB.send({ type: "resume", workflow_uuid: uuid, after_uuid: started.uuid });
    expect(await nextOf(onB, "text_input")).toEqual(asked);
    expect(await nextOf(onB, "error")).toEqual(localUnknown);
    // One client per run, wherever it is connected: the older connection is closed.
    expect(await onA.waitClosed(5_000)).toEqual({ code: 1000, reason: "resumed on another connection" });

    onB.send({ type: "input_response", question_uuid: "no-such-question", msg: "x" });
    const remoteUnknown = await nextOf(onB, "error");
    expect(remoteUnknown.content).toEqual(localUnknown.content);
    expect(remoteUnknown.uuid).not.toBe(localUnknown.uuid);

    onB.send("Ada");
    const choice = await nextOf(onB, "multiple_choice");
    onB.send({ type: "input_response", question_uuid: choice.uuid, msg: "purple" });
    const invalid = await nextOf(onB, "error");
    expect(invalid.content).toEqual({
      short: "invalid_choice",
      long: 'msg: "purple" is not one of the choices "red", "green", "blue"',
    });
    // Each refused answer is followed by the question again, relayed from the run's process too.
    expect((await nextOf(onB, "multiple_choice")).content).toEqual(choice.content);
    onB.send({ type: "input_response", question_uuid: choice.uuid, msg: ["red"] });
    expect((await nextOf(onB, "error")).content.short).toBe("validation_failed");
    onB.send("{not json but a raw answer");
    expect((await nextOf(onB, "error")).content.short).toBe("invalid_choice");
    const again = await nextOf(onB, "multiple_choice");
    expect(again.content).toEqual(choice.content);
    onB.send({ type: "input_response", question_uuid: again.uuid, msg: "blue" });
    expect((await nextOf(onB, "text_message")).content.body).toBe("Ada picked blue, executed on A");
    expect((await nextOf(onB, "workflow_completed")).content.result).toBe("Ada:blue@A");
    expect(await onB.waitClosed(5_000)).toEqual({ code: 1000, reason: "workflow completed" });

    await a.settled(uuid);
    expect(await store.getRun(uuid)).toMatchObject({ status: "completed", result: "Ada:blue@A" });
    // Every frame B's client got is the run's stored history, in order, each once.
    const history = await store.listMessages(uuid);
    expect(onB.frames.filter((f) => f.type !== "keep_alive")).toEqual(history.slice(1));
  });

  it("hands the run between connections on either instance, closing the older one each time", async () => {
    const store = new InMemoryWorkflowStore();
    const bus = memoryBus();
    const a = instance("A", { store, bus });
    const b = instance("B", { store, bus });
    const { uuid, client: first, asked } = await startRelay(a);

    const second = await FakeClient.connect(b);
    second.send({ type: "resume", workflow_uuid: uuid, after_uuid: asked.uuid });
    expect((await first.waitClosed(5_000)).code).toBe(1000);

    // Back on A, where it executes: the client on B is closed, after what it was due.
    const third = await FakeClient.connect(a);
    third.send({ type: "resume", workflow_uuid: uuid, after_uuid: asked.uuid });
    expect(await second.waitClosed(5_000)).toEqual({ code: 1000, reason: "resumed on another connection" });
    third.send("Bo");
    const choice = await nextOf(third, "multiple_choice");

    // And once more on B.
    const fourth = await FakeClient.connect(b);
    fourth.send({ type: "resume", workflow_uuid: uuid, after_uuid: asked.uuid });
    expect(await nextOf(fourth, "multiple_choice")).toEqual(choice);
    expect((await third.waitClosed(5_000)).code).toBe(1000);
    fourth.send("green");
    expect((await nextOf(fourth, "text_message")).content.body).toBe("Bo picked green, executed on A");
    await nextOf(fourth, "workflow_completed");
    expect((await fourth.waitClosed(5_000)).code).toBe(1000);
    expect(second.unread()).toEqual([]);
  });

  it("takes the run over when the executing instance dies while relaying it", async () => {
    quietly();
    const { store, doomed, b, uuid, asked } = await startOnMortalInstance();

    const onB = await FakeClient.connect(b);
    onB.send({ type: "resume", workflow_uuid: uuid });
    await nextOf(onB, "workflow_started");
    expect(await nextOf(onB, "text_input")).toEqual(asked);
    // Held for several leases by the live instance, the run stays there.
    await new Promise((resolve) => setTimeout(resolve, 500));
    onB.send("Cy");
    const choice = await nextOf(onB, "multiple_choice");
    expect(await store.listAnswers(uuid)).toEqual({ [asked.uuid]: "Cy" });

    const claims = vi.spyOn(store, "claimRun");
    doomed.kill();
    // Once A's lease ran out B claims the run, re-executes it from its record and goes on with the
    // client, sending nothing twice; the open question is open again under its uuid.
    await vi.waitFor(() => expect(claims.mock.settledResults).toContainEqual({ type: "fulfilled", value: true }), {
      timeout: 5_000,
    });
    onB.send({ type: "input_response", question_uuid: choice.uuid, msg: "red" });
    expect((await nextOf(onB, "text_message")).content.body).toBe("Cy picked red, executed on B");
    expect((await nextOf(onB, "workflow_completed")).content.result).toBe("Cy:red@B");
    expect((await onB.waitClosed(5_000)).code).toBe(1000);
    const history = await store.listMessages(uuid);
    expect(history.map((m) => m.type)).toEqual([
      "workflow_started",
      "text_input",
      "multiple_choice",
      "text_message",
      "workflow_completed",
    ]);
    expect(onB.frames.filter((f) => f.type !== "keep_alive")).toEqual(history);
  });

  it("applies after the takeover an answer relayed as the executing instance died, and only that one", async () => {
    quietly();
    const { store, doomed, b, uuid, onA, asked } = await startOnMortalInstance();
    const onB = await FakeClient.connect(b);
    onB.send({ type: "resume", workflow_uuid: uuid, after_uuid: asked.uuid });
    await onA.waitClosed(5_000);
    onB.send("Cy");
    const choice = await nextOf(onB, "multiple_choice");
    // Refused by A while alive: the refusal is in the history, and is not repeated after the takeover.
    onB.send({ type: "input_response", question_uuid: choice.uuid, msg: "purple" });
    expect((await nextOf(onB, "error")).content.short).toBe("invalid_choice");

    doomed.kill();
    onB.send({ type: "input_response", question_uuid: choice.uuid, msg: "blue" });
    expect((await nextOf(onB, "text_message")).content.body).toBe("Cy picked blue, executed on B");
    expect((await nextOf(onB, "workflow_completed")).content.result).toBe("Cy:blue@B");
    expect((await onB.waitClosed(5_000)).code).toBe(1000);
    expect((await store.listMessages(uuid)).map((m) => m.type)).toEqual([
      "workflow_started",
      "text_input",
      "multiple_choice",
      "error",
      "text_message",
      "workflow_completed",
    ]);
    expect(await store.listAnswers(uuid)).toEqual({ [asked.uuid]: "Cy", [choice.uuid]: "blue" });
  });

  it("lets the run's grace period start when the relaying instance's client leaves or the instance dies", async () => {
    quietly();
    const store = new InMemoryWorkflowStore();
    const bus = memoryBus();
    const a = instance("A", { store, bus, graceMs: 100, leaseMs: 150 });
    const relay = mortal(store, bus);
    const b = instance("B", { store: relay.store, bus: relay.bus, leaseMs: 150 });

    // The client on B closes its socket: A hears it and the run is abandoned after its grace.
    const { uuid: left, client: first, asked } = await startRelay(a);
    const onB = await FakeClient.connect(b);
    onB.send({ type: "resume", workflow_uuid: left, after_uuid: asked.uuid });
    await first.waitClosed(5_000);
    // Longer than the grace period: the client on B keeps the run alive.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await store.getRun(left))?.status).toBe("running");
    onB.drop();
    await vi.waitFor(async () => expect((await store.getRun(left))?.status).toBe("abandoned"), { timeout: 5_000 });

    // B dies with its client attached: its heartbeats stop, A forgets it, the grace period runs.
    const { uuid: orphaned, client: second, asked: question } = await startRelay(a);
    const stranded = await FakeClient.connect(b);
    stranded.send({ type: "resume", workflow_uuid: orphaned, after_uuid: question.uuid });
    await second.waitClosed(5_000);
    relay.kill();
    await vi.waitFor(async () => expect((await store.getRun(orphaned))?.status).toBe("abandoned"), {
      timeout: 5_000,
    });
  });

  it("refuses an after_uuid that is not a message of the run, as on the executing instance", async () => {
    const store = new InMemoryWorkflowStore();
    const bus = memoryBus();
    const a = instance("A", { store, bus });
    const b = instance("B", { store, bus });
    const { uuid, client: onA } = await startRelay(a);
    const refusals = [];
    for (const m of [a, b]) {
      const client = await FakeClient.connect(m);
      client.send({ type: "resume", workflow_uuid: uuid, after_uuid: "nope" });
      refusals.push({ content: (await nextOf(client, "error")).content, closed: await client.waitClosed() });
    }
    expect(refusals[1]).toEqual(refusals[0]);
    expect(refusals[0]!.content.short).toBe("validation_failed");
    // The executing instance's client was not disturbed.
    expect(onA.closed).toBeUndefined();
  });
});
