// Workflow definitions: results and ui calls as messages, invalid messages, store failures, bad names.
import { describe, expect, it } from "vitest";
import { askWorkflow } from "../src/fixtures/workflows.js";
import { workflowsProtocol } from "../src/protocols/workflows/module.js";
import { defineWorkflow } from "../src/runtime/workflow/define.js";
import { InMemoryWorkflowStore } from "../src/store/workflows.js";
import { FakeClient } from "./workflows-fakes.js";
import { init, moduleFactory, newUuid } from "./workflows-setup.js";

const module = moduleFactory();

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
