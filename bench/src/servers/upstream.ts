/**
 * A stand-in for an OpenAI-compatible model server: `POST /v1/chat/completions` waits `latencyMs`,
 * then streams a Chat Completions answer. Without a tool result in the history it calls the
 * `lookup` tool; with one, or when the request offers no tools, it answers in text. It counts requests and the most it had in flight,
 * which shows whether the client's concurrency limit held.
 */
import { createServer } from "node:http";
import { type Listening, listenOn } from "./baselines.js";

export interface UpstreamStats {
  requests: number;
  maxInFlight: number;
  /** TCP connections opened: far fewer than requests when the client reuses them. */
  connections: number;
}

interface ChatBody {
  model: string;
  tools?: unknown[];
  messages: Array<{ role: string; content?: string | null }>;
}

const chunk = (id: string, model: string, delta: object, finish: string | null) =>
  `data: ${JSON.stringify({
    id,
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  })}\n\n`;

export function upstreamChat(latencyMs: number): Promise<Listening & { stats(reset: boolean): UpstreamStats }> {
  let inFlight = 0;
  let stats: UpstreamStats = { requests: 0, maxInFlight: 0, connections: 0 };
  let served = 0;
  const server = createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") return void res.writeHead(404).end();
    stats.requests++;
    stats.maxInFlight = Math.max(stats.maxInFlight, ++inFlight);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatBody;
      // A caller offering no tools gets the text answer at once (the model-call benchmark's relay agent).
      const answered = !body.tools?.length || body.messages.some((message) => message.role === "tool");
      const id = `chatcmpl-${++served}`;
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        let out = chunk(id, body.model, { role: "assistant", content: "" }, null);
        if (answered) {
          out += chunk(id, body.model, { content: "The value " }, null);
          out += chunk(id, body.model, { content: "is 42." }, null);
          out += chunk(id, body.model, {}, "stop");
        } else {
          const call = {
            index: 0,
            id: `call_${served}`,
            type: "function",
            function: { name: "lookup", arguments: "" },
          };
          out += chunk(id, body.model, { tool_calls: [call] }, null);
          out += chunk(
            id,
            body.model,
            { tool_calls: [{ index: 0, function: { arguments: '{"key":"answer"}' } }] },
            null,
          );
          out += chunk(id, body.model, {}, "tool_calls");
        }
        out += `data: ${JSON.stringify({ id, object: "chat.completion.chunk", choices: [], usage: { prompt_tokens: 12, completion_tokens: 6, total_tokens: 18 } })}\n\n`;
        res.end(`${out}data: [DONE]\n\n`);
      }, latencyMs);
    });
  });
  server.on("connection", () => {
    stats.connections++;
  });
  return listenOn(server).then((listening) => ({
    ...listening,
    stats(reset) {
      const current = stats;
      if (reset) stats = { requests: 0, maxInFlight: 0, connections: 0 };
      return current;
    },
  }));
}
