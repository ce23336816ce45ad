#!/usr/bin/env node
// A scripted OpenAI-compatible chat-completions server for the peers' scoreboard: the peers'
// agents call it as their LLM, and the model name picks the fixture's behaviour (the suite's
// README, "The fixture contract"). No network, no real model.
//   echo  — replies with the last user text, streamed one word per delta
//   tools — calls `reverse` ({"text": …}) when it is offered, else the first offered tool with
//           {"input": …}; after a tool result, replies with that result (`Tool said: …` for a
//           client tool)
//   slow  — streams "tick 1" … "tick 50", one every 100 ms
// GET /v1/stats answers the chat completions served and the TCP connections accepted so far (the
// side-by-side benchmark checks that every server makes one model call per request).
// Usage: node llm-stub.mjs [port]   (prints "listening <url>" when ready)
import { createServer } from "node:http";

const words = (text) => text.split(/\s+/).filter(Boolean);
/** "The quick brown" → ["The", " quick", " brown"]: each word with the whitespace before it. */
const wordDeltas = (text) => text.match(/\s*\S+\s*$|\s*\S+/g) ?? [];

function textOf(content) {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === "string" ? p : (p.text ?? ""))).join("");
  return "";
}

/**
 * Harnesses that fold their own preamble (and the history) into the user message: the user's
 * text is what follows the last preamble. pyflue sends "…You are running inside PyFlue, a
 * headless Python agent harness.\n\n<the message, trimmed>".
 */
const PREAMBLES = ["You are running inside PyFlue, a headless Python agent harness.\n\n"];

function userTextOf(content) {
  const text = textOf(content);
  for (const preamble of PREAMBLES) {
    const at = text.lastIndexOf(preamble);
    if (at !== -1) return text.slice(at + preamble.length);
  }
  return text;
}

function decoded(text) {
  try {
    const value = JSON.parse(text);
    return typeof value === "string" ? value : text;
  } catch {
    return text;
  }
}

function plan(body) {
  const messages = body.messages ?? [];
  const last = messages.at(-1) ?? {};
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  const userText = userTextOf(lastUser?.content);
  const model = String(body.model ?? "echo").replace(/^.*\//, "");
  const tools = (body.tools ?? []).map((t) => t.function?.name ?? t.name).filter(Boolean);
  if (model === "slow") return { kind: "slow" };
  if (model === "tools") {
    if (last.role === "tool") {
      // A tool result the harness sent JSON-encoded ("\"dlrow olleh\"") is read as its value.
      const result = decoded(textOf(last.content));
      // The agent's own tool's result is the reply; a client tool's output gets the prefix.
      const call = messages.flatMap((m) => m.tool_calls ?? []).find((c) => c.id === last.tool_call_id);
      return { kind: "text", text: call?.function?.name === "reverse" ? result : `Tool said: ${result}` };
    }
    if (tools.includes("reverse")) return { kind: "call", name: "reverse", args: { text: userText } };
    if (tools.length) return { kind: "call", name: tools[0], args: { input: userText } };
  }
  return { kind: "text", text: userText };
}

function usage(body, output) {
  const input = words((body.messages ?? []).map((m) => textOf(m.content)).join(" ")).length;
  return { prompt_tokens: input, completion_tokens: output, total_tokens: input + output };
}

let counter = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function answer(body, res) {
  const p = plan(body);
  const id = `chatcmpl-stub-${++counter}`;
  const created = Math.floor(Date.now() / 1000);
  const base = { id, created, model: body.model };
  if (!body.stream) {
    if (p.kind === "slow") await sleep(5_000);
    const text = p.kind === "slow" ? Array.from({ length: 50 }, (_, i) => `tick ${i + 1}`).join(" ") : p.text;
    const message =
      p.kind === "call"
        ? {
            role: "assistant",
            content: null,
            tool_calls: [
              {
                id: `call_${counter}`,
                type: "function",
                function: { name: p.name, arguments: JSON.stringify(p.args) },
              },
            ],
          }
        : { role: "assistant", content: text };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        ...base,
        object: "chat.completion",
        choices: [{ index: 0, message, finish_reason: p.kind === "call" ? "tool_calls" : "stop" }],
        usage: usage(body, p.kind === "call" ? 1 : words(text).length),
      }),
    );
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = (delta, finish = null, extra = {}) =>
    res.write(
      `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`,
    );
  send({ role: "assistant", content: "" });
  let output = 0;
  if (p.kind === "call") {
    send({
      tool_calls: [{ index: 0, id: `call_${counter}`, type: "function", function: { name: p.name, arguments: "" } }],
    });
    send({ tool_calls: [{ index: 0, function: { arguments: JSON.stringify(p.args) } }] });
    output = 1;
  } else {
    const deltas =
      p.kind === "slow" ? Array.from({ length: 50 }, (_, i) => `${i ? " " : ""}tick ${i + 1}`) : wordDeltas(p.text);
    for (const [i, d] of deltas.entries()) {
      if (res.destroyed) return;
      if (p.kind === "slow" && i) await sleep(100);
      send({ content: d });
      output += words(d).length;
    }
  }
  send({}, p.kind === "call" ? "tool_calls" : "stop");
  if (body.stream_options?.include_usage) {
    res.write(
      `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [], usage: usage(body, output) })}\n\n`,
    );
  }
  res.end("data: [DONE]\n\n");
}

const stats = { chat_completions: 0, connections: 0 };

const server = createServer((req, res) => {
  let raw = "";
  req.on("data", (c) => (raw += c));
  req.on("end", () => {
    if (req.method === "GET" && req.url?.endsWith("/models")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          object: "list",
          data: ["echo", "tools", "slow"].map((id) => ({ id, object: "model", created: 0, owned_by: "stub" })),
        }),
      );
      return;
    }
    if (req.method === "GET" && req.url?.endsWith("/stats")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(stats));
      return;
    }
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: {
            message: `the stub serves only /v1/chat/completions, not ${req.url}`,
            type: "invalid_request_error",
          },
        }),
      );
      return;
    }
    stats.chat_completions++;
    answer(JSON.parse(raw || "{}"), res).catch((error) => {
      res.destroy(error);
    });
  });
});
server.on("connection", () => stats.connections++);
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  console.log(`listening http://127.0.0.1:${server.address().port}`);
});
