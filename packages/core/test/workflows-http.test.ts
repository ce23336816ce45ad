// The workflows protocol's HTTP routes: discovery, initiate_workflow, prefixes, users, errors, authorize.
import { describe, expect, it } from "vitest";
import { fixtureWorkflows } from "../src/fixtures/workflows.js";
import { canonicalUuid, workflowsProtocol } from "../src/protocols/workflows/module.js";
import { bodyOf, FakeClient, request } from "./workflows-fakes.js";
import { init, moduleFactory, newUuid } from "./workflows-setup.js";

const module = moduleFactory();

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
