import type { ModelMessage, ModelTokenCountRequest } from "./types.js";

// Token counts and summaries that do not need a model call: OpenAI's encodings (through the
// gpt-tokenizer library) for OpenAI-compatible models, words for scripted ones.

/** Fixture "tokens" are words, so counts are predictable for any client. */
export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** A scripted model's count: the words of the instructions and of every message. */
export function wordCount(request: ModelTokenCountRequest): number {
  let count = countWords(request.instructions ?? "");
  for (const message of request.messages) count += countWords(message.content);
  return count;
}

/** Models encoded with cl100k_base; every newer OpenAI family (gpt-4o, gpt-4.1, gpt-5, o-series) uses o200k_base. */
const CL100K = /^(gpt-4(-|$)|gpt-4-turbo|gpt-3\.5|text-embedding-(ada|3))/;

type Encoder = (text: string) => number;
const encoders = new Map<string, Promise<Encoder>>();

/** Loaded on first use: each encoding's tables are megabytes a server that never counts does not need. */
function encoder(name: "o200k_base" | "cl100k_base"): Promise<Encoder> {
  let loading = encoders.get(name);
  if (!loading) {
    loading = (
      name === "o200k_base" ? import("gpt-tokenizer/encoding/o200k_base") : import("gpt-tokenizer/encoding/cl100k_base")
    ).then((module) => (text: string) => module.countTokens(text));
    encoders.set(name, loading);
  }
  return loading;
}

/** Tokens a message costs beyond its content (role and separators), as OpenAI's chat format frames it. */
const PER_MESSAGE = 3;
/** Tokens that prime the reply. */
const REPLY_PRIMING = 3;
/** An image at low detail; higher detail depends on the image's size, which is not fetched here. */
const IMAGE_TOKENS = 85;

/**
 * Input tokens of a would-be request to an OpenAI model `modelId`, counted with its encoding:
 * instructions, every message's text, images at their base cost, text files by their decoded text,
 * and the tool definitions as JSON. Models of other families are counted with o200k_base, an estimate.
 */
export async function openAITokenCount(modelId: string, request: ModelTokenCountRequest): Promise<number> {
  const count = await encoder(CL100K.test(modelId) ? "cl100k_base" : "o200k_base");
  let total = REPLY_PRIMING;
  if (request.instructions) total += PER_MESSAGE + count(request.instructions);
  for (const message of request.messages) total += PER_MESSAGE + messageTokens(message, count);
  if (request.tools && request.tools.length > 0) total += count(JSON.stringify(request.tools));
  return total;
}

function messageTokens(message: ModelMessage, count: Encoder): number {
  let total = count(message.role);
  if (message.role === "user" && message.parts) {
    for (const part of message.parts) {
      if (part.type === "text") total += count(part.text);
      else if (part.type === "image") total += IMAGE_TOKENS;
      else total += count(part.filename ?? "") + count(textOfFile(part.data) ?? "");
    }
    return total;
  }
  total += count(message.content);
  if (message.role === "assistant") {
    for (const call of message.toolCalls ?? []) total += count(call.name) + count(call.arguments);
  }
  return total;
}

/** The text of a `data:text/…;base64,` file; undefined for anything else (binary files are not extracted here). */
function textOfFile(data: string | undefined): string | undefined {
  const match = data && /^data:text\/[^;,]*;base64,(.*)$/s.exec(data);
  return match ? Buffer.from(match[1]!, "base64").toString("utf8") : undefined;
}

/** A scripted model's compaction: the history as a transcript, one `role: text` line per message. */
export function transcriptSummary(messages: readonly ModelMessage[]): string {
  return messages
    .filter((message) => message.content !== "")
    .map((message) => `${message.role}: ${message.content}`)
    .join("\n");
}
