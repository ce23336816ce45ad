import { createServer } from "node:net";
import { agentsProtocol, responsesProtocol } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../../test/support/index.js";
import {
  AgentPromptError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  createClient,
  NotFoundError,
  SwitchboardApiError,
  type SwitchboardClient,
  SwitchboardError,
} from "../src/index.js";

const API_KEY = "errors-test-key";

let server: TestServer;
let client: SwitchboardClient;

beforeAll(async () => {
  server = await startServer("hono", {
    protocols: [responsesProtocol({ agents: fixtureAgents }), agentsProtocol({ agents: fixtureAgents })],
    apiKey: API_KEY,
  });
  client = createClient({ baseURL: server.url, apiKey: API_KEY });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("one error story", () => {
  it("an error answer is the SwitchboardApiError subclass for its status, with the envelope's fields", async () => {
    const missing = await client.responses.retrieve("resp_nope").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toBeInstanceOf(SwitchboardApiError);
    expect(missing).toBeInstanceOf(SwitchboardError);
    expect(missing).toMatchObject({ name: "NotFoundError", status: 404, code: "response_not_found" });

    const invalid = await client.responses
      .create({ model: "echo", input: "x", temperature: 9 })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(BadRequestError);
    expect(invalid).toMatchObject({ status: 400, param: "temperature" });

    const anonymous = createClient({ baseURL: server.url });
    try {
      const refused = await anonymous.models.list().catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AuthenticationError);
      expect((refused as AuthenticationError).headers.get("content-type")).toMatch(/^application\/json/);
      // A refused WebSocket upgrade gets the same classes as an HTTP answer.
      const upgrade = await anonymous.agents.connect("echo", "e1").catch((e: unknown) => e);
      expect(upgrade).toBeInstanceOf(AuthenticationError);
    } finally {
      await anonymous.close();
    }
  });

  it("a server that cannot be reached is a ConnectionError with the cause", async () => {
    const port = await closedPort();
    const offline = createClient({ baseURL: `http://127.0.0.1:${port}` });
    try {
      const error = await offline.models.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toBeInstanceOf(SwitchboardError);
      expect(error).not.toBeInstanceOf(SwitchboardApiError);
      expect((error as ConnectionError).cause).toBeInstanceOf(Error);
      const socket = await offline.agents.connect("echo", "e1").catch((e: unknown) => e);
      expect(socket).toBeInstanceOf(ConnectionError);
    } finally {
      await offline.close();
    }
  });

  it("the caller's abort is passed on as it is, not turned into a ConnectionError", async () => {
    const controller = new AbortController();
    controller.abort(new Error("changed my mind"));
    const error = await client.models.list({ signal: controller.signal }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(SwitchboardError);
  });

  it("a prompt's own failure is an AgentPromptError, also a SwitchboardError", () => {
    const error = new AgentPromptError({ type: "session_busy", message: "busy" }, "r1");
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error).toMatchObject({ name: "AgentPromptError", type: "session_busy", requestId: "r1" });
  });
});
