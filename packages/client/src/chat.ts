import type { ChatCompletion, ChatCompletionChunk, CreateChatCompletion } from "@switchboard/protocol/responses";
import type { CallOptions } from "./responses.js";
import type { Transport } from "./transport.js";

/** `/v1/chat/completions`: the same agents through Chat Completions. */
export class ChatCompletionsClient {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** Creates a completion and returns it complete. */
  create(body: CreateChatCompletion & { stream?: false | null }, options?: CallOptions): Promise<ChatCompletion> {
    return this.#transport.json("POST", "/v1/chat/completions", { body, signal: options?.signal });
  }

  /** Creates a completion and yields its chunks until `[DONE]`; a failure mid-stream throws. */
  async *stream(
    body: Omit<CreateChatCompletion, "stream">,
    options?: CallOptions,
  ): AsyncGenerator<ChatCompletionChunk> {
    const frames = this.#transport.events("POST", "/v1/chat/completions", {
      body: { ...body, stream: true },
      signal: options?.signal,
    });
    for await (const frame of frames) {
      if (frame.data === "[DONE]") return;
      const data = JSON.parse(frame.data) as ChatCompletionChunk | { error: { message: string } };
      if ("error" in data) throw new Error(`the completion failed: ${data.error.message}`);
      yield data;
    }
  }
}
