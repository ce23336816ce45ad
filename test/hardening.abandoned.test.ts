/**
 * The abandoned-SSE rule on every adapter: a streamed prompt whose client leaves and does not come
 * back within the re-attach grace is aborted, and the user message it was accepted with stays in
 * the session's history either way; one that ends inside the grace keeps its answer too. An
 * explicit abort withdraws the message (tested in agents.adapters.test.ts).
 */

import { agentsProtocol, memoryStore } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, gatedAgent } from "./hardening.helpers.js";
import { ADAPTERS, startServer, type TestServer } from "./support/index.js";

const REATTACH_MS = 200;

/** Opens a streamed prompt, reads its first event, then drops the connection. */
async function abandon(url: string, message: string): Promise<void> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ message }),
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  await reader.read();
  controller.abort();
  await reader.cancel().catch(() => {});
}

describe.each(ADAPTERS)("%s adapter: abandoned streamed prompts", (framework) => {
  let server: TestServer;
  const gated = gatedAgent();

  beforeAll(async () => {
    const store = memoryStore();
    server = await startServer(framework, {
      protocols: [
        agentsProtocol({
          agents: { ...fixtureAgents, gated: gated.agent },
          sessions: store.sessions,
          reattachMs: REATTACH_MS,
          heartbeatMs: 50,
        }),
      ],
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  const history = async (agent: string, id: string) =>
    (await call(`${server.url}/agents/${agent}/${id}/sessions/default`)).body.messages as Array<{
      role: string;
      content: string;
    }>;

  it("keeps the user message of a prompt aborted after the grace", async () => {
    const id = `gone-${framework}`;
    await abandon(`${server.url}/agents/gated/${id}`, "are you there?");
    // The prompt is aborted once the grace is over; the session is then free again.
    let messages: Array<{ role: string; content: string }> = [];
    for (let attempt = 0; attempt < 100; attempt++) {
      messages = await history("gated", id);
      if (messages.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(messages).toEqual([{ role: "user", content: "are you there?" }]);
    // The conversation goes on from it.
    gated.open();
    const next = await call(`${server.url}/agents/gated/${id}`, { body: { message: "hello again" } });
    expect(next.status).toBe(200);
    expect((await history("gated", id)).map((m) => m.role)).toEqual(["user", "user", "assistant"]);
  });

  it("keeps the question and the answer of a prompt that ends inside the grace", async () => {
    const id = `quick-${framework}`;
    await abandon(`${server.url}/agents/echo/${id}`, "short and sweet");
    let messages: Array<{ role: string; content: string }> = [];
    for (let attempt = 0; attempt < 100 && messages.length < 2; attempt++) {
      messages = await history("echo", id);
      if (messages.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(messages).toEqual([
      { role: "user", content: "short and sweet" },
      { role: "assistant", content: "short and sweet" },
    ]);
  });
});
