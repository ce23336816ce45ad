import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One upstream call as the stub received it. */
export interface StubCall {
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
}

/** What the stub answers: text, or one tool call. */
export type StubReply = { text: string } | { tool: string; arguments: Record<string, unknown> };

export interface StubLlm {
  /** The OpenAI-compatible root, ending in `/v1`. */
  url: string;
  calls: StubCall[];
  close(): Promise<void>;
}

/**
 * A local stand-in for a hosted OpenAI-compatible model: Chat Completions and Responses, always
 * streamed, answering each call with what `reply` decides from the request body.
 */
export async function startStubLlm(reply: (body: Record<string, unknown>) => StubReply): Promise<StubLlm> {
  const calls: StubCall[] = [];
  const server: Server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw || "{}") as Record<string, unknown>;
    calls.push({ path: req.url ?? "", headers: req.headers, body });
    const answer = reply(body);
    res.writeHead(200, { "content-type": "text/event-stream" });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    if (req.url?.endsWith("/chat/completions")) {
      const base = { id: "chatcmpl-1", object: "chat.completion.chunk", created: 0, model: body.model };
      if ("text" in answer) {
        send({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: answer.text } }] });
        send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
      } else {
        const call = {
          index: 0,
          id: "call_1",
          type: "function",
          function: { name: answer.tool, arguments: JSON.stringify(answer.arguments) },
        };
        send({ ...base, choices: [{ index: 0, delta: { role: "assistant", tool_calls: [call] } }] });
        send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] });
      }
      send({ ...base, choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } });
      res.end("data: [DONE]\n\n");
      return;
    }
    // Responses API
    const response = {
      id: "resp_1",
      object: "response",
      model: body.model,
      status: "completed",
      output: [] as unknown[],
    };
    if ("text" in answer) {
      const item = {
        type: "message",
        id: "msg_1",
        role: "assistant",
        status: "completed",
        content: [{ type: "output_text", text: answer.text, annotations: [] }],
      };
      send({ type: "response.output_item.added", output_index: 0, item: { ...item, content: [] } });
      send({
        type: "response.output_text.delta",
        output_index: 0,
        item_id: "msg_1",
        content_index: 0,
        delta: answer.text,
      });
      send({ type: "response.output_item.done", output_index: 0, item });
      response.output.push(item);
    } else {
      const item = {
        type: "function_call",
        id: "fc_1",
        call_id: "call_1",
        name: answer.tool,
        arguments: JSON.stringify(answer.arguments),
        status: "completed",
      };
      send({ type: "response.output_item.added", output_index: 0, item: { ...item, arguments: "" } });
      send({ type: "response.function_call_arguments.delta", output_index: 0, item_id: "fc_1", delta: item.arguments });
      send({ type: "response.output_item.done", output_index: 0, item });
      response.output.push(item);
    }
    send({
      type: "response.completed",
      response: { ...response, usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 } },
    });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The text of the last message of a Chat Completions or Responses request. */
export function lastMessage(body: Record<string, unknown>): { role: string; content: string } {
  const messages = (body.messages ?? body.input) as {
    role?: string;
    type?: string;
    content?: unknown;
    output?: unknown;
  }[];
  const last = messages[messages.length - 1]!;
  if (last.type === "function_call_output") return { role: "tool", content: String(last.output) };
  const content = typeof last.content === "string" ? last.content : JSON.stringify(last.content);
  return { role: last.role ?? "tool", content };
}
