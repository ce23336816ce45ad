import { createSwitchboard, responsesProtocol } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import { Hono } from "hono";
import { afterEach, expect, it } from "vitest";
import { listen, type RunningServer, switchboardHono } from "../src/index.js";

const sb = () => createSwitchboard({ protocols: [responsesProtocol({ agents: fixtureAgents })] });
const create = (stream: boolean) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ model: "echo", input: "two words", store: false, stream }),
});

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

// `listen()` answers on Node's response directly; the portable middleware (any fetch runtime,
// or mounted in an app with middleware around it) goes through fetch Requests and Responses.
it("serves responses and streams through the portable middleware, and leaves other paths to the app", async () => {
  const app = new Hono();
  // An outer middleware sees Switchboard's response as the app's.
  app.use(async (c, next) => {
    await next();
    c.header("x-outer", "seen");
  });
  app.route("/", switchboardHono(sb()));
  app.get("/health", (c) => c.text("ok"));

  const json = await app.request("/v1/responses", create(false));
  expect(json.status).toBe(200);
  expect(json.headers.get("x-outer")).toBe("seen");
  expect(await json.json()).toMatchObject({ status: "completed", output: [{ content: [{ text: "two words" }] }] });

  const stream = await app.request("/v1/responses", create(true));
  expect(stream.headers.get("content-type")).toBe("text/event-stream");
  const text = await stream.text();
  expect(text.match(/^event: response\.output_text\.delta$/gm)).toHaveLength(2);
  expect(text.endsWith("data: [DONE]\n\n")).toBe(true);

  expect(await (await app.request("/health")).text()).toBe("ok");
});

it("listen() answers Switchboard's routes and runs the app's own routes for the rest", async () => {
  running = await listen(sb(), { configure: (app) => app.get("/health", (c) => c.text("ok")) });
  const json = await fetch(`${running.url}/v1/responses`, create(false));
  expect(json.status).toBe(200);
  expect(json.headers.get("content-length")).not.toBeNull();
  expect(await json.json()).toMatchObject({ status: "completed", output: [{ content: [{ text: "two words" }] }] });

  const stream = await fetch(`${running.url}/v1/responses`, create(true));
  const text = await stream.text();
  expect(text.match(/^event: response\.output_text\.delta$/gm)).toHaveLength(2);
  expect(text.endsWith("data: [DONE]\n\n")).toBe(true);

  const health = await fetch(`${running.url}/health`);
  expect(await health.text()).toBe("ok");
  const missing = await fetch(`${running.url}/nothing`);
  expect(missing.status).toBe(404);
});
