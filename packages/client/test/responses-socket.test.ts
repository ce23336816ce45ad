import { responsesProtocol } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../../test/support/index.js";
import { createClient, SwitchboardApiError, type SwitchboardClient } from "../src/index.js";

const API_KEY = "client-test-key";

let server: TestServer;
let client: SwitchboardClient;

beforeAll(async () => {
  server = await startServer("hono", {
    protocols: [responsesProtocol({ agents: fixtureAgents })],
    apiKey: API_KEY,
  });
  client = createClient({ baseURL: server.url, apiKey: API_KEY });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const finalText = (events: { type: string }[]) => {
  const last = events.at(-1) as { type: string; response?: { output: { content?: { text?: string }[] }[] } };
  return last.response?.output
    .flatMap((item) => item.content ?? [])
    .map((part) => part.text)
    .join("");
};

describe("responses.connect (WebSocket mode)", () => {
  it("runs turns in lanes and continues a store:false chain", async () => {
    const connection = await client.responses.connect();
    try {
      const a = connection.create({ model: "echo", input: "lane a", stream_id: "a", store: false });
      const b = connection.create({ model: "echo", input: "lane b", stream_id: "b", store: false });
      const [eventsA, eventsB] = await Promise.all([collect(a), collect(b)]);
      expect(eventsA.every((e) => e.stream_id === "a")).toBe(true);
      expect(finalText(eventsA)).toBe("lane a");
      expect(finalText(eventsB)).toBe("lane b");

      const first = eventsA.at(-1) as { response: { id: string } };
      const next = await collect(
        connection.create({ model: "echo", input: "continued", previous_response_id: first.response.id, store: false }),
      );
      expect(next.at(-1)).toMatchObject({
        type: "response.completed",
        response: { previous_response_id: first.response.id },
      });

      const refused = await collect(connection.create({ model: "no-such-agent", input: "x" }));
      expect(refused).toEqual([
        expect.objectContaining({
          type: "error",
          status: 404,
          error: expect.objectContaining({ code: "model_not_found" }),
        }),
      ]);
    } finally {
      expect((await connection.close()).code).toBe(1000);
    }
    await expect(collect(connection.create({ model: "echo", input: "too late" }))).rejects.toThrow(/closed/);
  });

  it("rejects a refused handshake with the server's error", async () => {
    const anonymous = createClient({ baseURL: server.url });
    const error = await anonymous.responses.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SwitchboardApiError);
    expect(error).toMatchObject({ status: 401, code: "invalid_api_key" });
    await anonymous.close();
  });
});

describe("chat.completions", () => {
  it("creates and streams completions", async () => {
    const completion = await client.chat.completions.create({
      model: "echo",
      messages: [{ role: "user", content: "typed chat" }],
    });
    expect(completion.choices[0]?.message.content).toBe("typed chat");
    const chunks = await collect(
      client.chat.completions.stream({
        model: "echo",
        messages: [{ role: "user", content: "a b c" }],
        stream_options: { include_usage: true },
      }),
    );
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("a b c");
    expect(chunks.at(-1)?.usage).toMatchObject({ total_tokens: 6 });
  });
});
