import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAgent,
  initAgent,
  LOCAL_MAX_CONCURRENCY,
  ModelConfigError,
  type ModelRequest,
  modelQueues,
  openAIRoot,
  resolveModel,
} from "../src/index.js";

/** A local OpenAI-compatible upstream that records what it was sent and answers "ok". */
let seen: { path: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
let host = "";
const server = createServer(async (req, res) => {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  seen.push({ path: req.url ?? "", headers: req.headers, body: JSON.parse(raw) });
  res.writeHead(200, { "content-type": "text/event-stream" });
  if (req.url?.endsWith("/responses")) {
    res.write(
      `data: ${JSON.stringify({ type: "response.output_text.delta", output_index: 0, item_id: "m", content_index: 0, delta: "ok" })}\n\n`,
    );
    res.end(
      `data: ${JSON.stringify({ type: "response.completed", response: { status: "completed", output: [], usage: { input_tokens: 1, output_tokens: 1 } } })}\n\n`,
    );
    return;
  }
  res.write(
    `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "ok" }, finish_reason: "stop" }] })}\n\n`,
  );
  res.end("data: [DONE]\n\n");
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function ask(model: ReturnType<typeof resolveModel>, extra: Partial<ModelRequest> = {}) {
  seen = [];
  let text = "";
  for await (const event of model.stream({
    messages: [{ role: "user", content: "hi" }],
    signal: new AbortController().signal,
    ...extra,
  })) {
    if (event.type === "text") text += event.delta;
  }
  expect(text).toBe("ok");
  return seen[0]!;
}

describe("models by provider name", () => {
  it("openai: reads OPENAI_API_KEY and OPENAI_BASE_URL, and refuses to start without the key", async () => {
    expect(() => resolveModel("openai:gpt-4.1", {})).toThrow(
      new ModelConfigError("model openai:gpt-4.1 needs an API key: set OPENAI_API_KEY"),
    );
    const call = await ask(
      resolveModel("openai:gpt-4.1", { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: `http://${host}/v1` }),
    );
    expect(call.path).toBe("/v1/chat/completions");
    expect(call.headers.authorization).toBe("Bearer sk-test");
    expect(call.body.model).toBe("gpt-4.1");
  });

  it("ollama: OLLAMA_HOST as Ollama writes it, no key, the model name keeps its own colons", async () => {
    const model = resolveModel("ollama:llama3.2:1b", { OLLAMA_HOST: host, OPENAI_API_KEY: "never-sent" });
    expect(model.id).toBe("llama3.2:1b");
    const call = await ask(model);
    expect(call.path).toBe("/v1/chat/completions");
    expect(call.headers.authorization).toBeUndefined();
    expect(call.body.model).toBe("llama3.2:1b");
  });

  it("vllm and lmstudio: their base URL and optional key variables", async () => {
    const vllm = await ask(resolveModel("vllm:qwen", { VLLM_BASE_URL: `http://${host}/v1`, VLLM_API_KEY: "vk" }));
    expect(vllm.headers.authorization).toBe("Bearer vk");
    const lmstudio = await ask(resolveModel("lmstudio:phi", { LMSTUDIO_BASE_URL: `http://${host}` }));
    expect(lmstudio.path).toBe("/v1/chat/completions");
    expect(lmstudio.headers.authorization).toBeUndefined();
  });

  it("limits calls in flight per provider (<PROVIDER>_MAX_CONCURRENCY) and per endpoint (maxConcurrency)", async () => {
    const byEnv = resolveModel("ollama:limited", { OLLAMA_HOST: host, OLLAMA_MAX_CONCURRENCY: "3" });
    expect(byEnv.queue?.limit).toBe(3);
    expect((await ask(byEnv)).body.model).toBe("limited");
    expect(resolveModel("ollama:unlimited", { OLLAMA_HOST: host }).queue?.limit).toBe(LOCAL_MAX_CONCURRENCY);
    const endpoint = resolveModel({ baseURL: `http://${host}`, model: "per-agent", maxConcurrency: 5 }, {});
    expect(endpoint.queue?.limit).toBe(5);
    // Agents naming the same endpoint and limit share one queue; another limit is another queue.
    expect(resolveModel({ baseURL: `http://${host}`, model: "per-agent", maxConcurrency: 5 }, {})).toBe(endpoint);
    expect(resolveModel({ baseURL: `http://${host}`, model: "per-agent", maxConcurrency: 6 }, {})).not.toBe(endpoint);
    expect(modelQueues()).toContainEqual({ model: "per-agent", baseURL: `http://${host}/v1`, queue: endpoint.queue });
    expect(() => resolveModel("ollama:x", { OLLAMA_MAX_CONCURRENCY: "many" })).toThrow(
      /OLLAMA_MAX_CONCURRENCY must be a positive integer/,
    );
    expect(() => resolveModel({ baseURL: `http://${host}`, model: "m", maxConcurrency: 0 }, {})).toThrow(
      ModelConfigError,
    );
  });

  it("an endpoint object picks the API and takes its key from a named variable", async () => {
    const call = await ask(
      resolveModel(
        { baseURL: `http://${host}/v1`, model: "m", api: "responses", apiKeyEnv: "MY_KEY" },
        { MY_KEY: "k" },
      ),
    );
    expect(call.path).toBe("/v1/responses");
    expect(call.headers.authorization).toBe("Bearer k");
    expect(() => resolveModel({ baseURL: "http://h", model: "m", apiKeyEnv: "MY_KEY" }, {})).toThrow(
      /needs an API key: set MY_KEY/,
    );
    expect(() => resolveModel({ baseURL: "http://h", model: "m", api: "completions" as "chat" }, {})).toThrow(
      /api must be "chat" or "responses"/,
    );
  });

  it("sends a reasoning effort as each API spells it", async () => {
    const chat = await ask(resolveModel({ baseURL: `http://${host}/v1`, model: "r" }, {}), { reasoningEffort: "high" });
    expect(chat.body.reasoning_effort).toBe("high");
    const responses = await ask(resolveModel({ baseURL: `http://${host}/v1`, model: "r", api: "responses" }, {}), {
      reasoningEffort: "low",
    });
    expect(responses.body.reasoning).toEqual({ effort: "low" });
  });

  it("names the known providers for an unknown one", () => {
    expect(() => resolveModel("anthropic:claude", {})).toThrow(/provider among openai, ollama, vllm, lmstudio/);
    expect(() => resolveModel("gpt-4.1", {})).toThrow(ModelConfigError);
  });

  it("agents take a model by name, resolved against the instance's env", async () => {
    const agent = createAgent(() => ({ model: "openai:gpt-4.1" }));
    await expect(agent.configure({ id: "a", env: {} })).rejects.toThrow(/set OPENAI_API_KEY/);
    const harness = initAgent(agent, { id: "a", env: { OPENAI_API_KEY: "sk", OPENAI_BASE_URL: `http://${host}/v1` } });
    seen = [];
    expect((await harness.session().prompt("hi")).text).toBe("ok");
    expect(seen[0]!.headers.authorization).toBe("Bearer sk");
  });

  it("finds the OpenAI API root of a server address", () => {
    expect(openAIRoot("localhost:8000")).toBe("http://localhost:8000/v1");
    expect(openAIRoot("http://h:11434/")).toBe("http://h:11434/v1");
    expect(openAIRoot("https://api.example.com/v1")).toBe("https://api.example.com/v1");
    expect(openAIRoot("http://h/v1/chat/completions")).toBe("http://h/v1");
  });
});
