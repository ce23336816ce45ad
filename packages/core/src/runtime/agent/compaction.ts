import { createHash } from "node:crypto";
import { abortReason } from "../model/abort.js";
import type { Model, ModelMessage } from "../model/types.js";

/** The run's usage totals (TokenUsage), which the summary call adds to. */
type Usage = { inputTokens: number; outputTokens: number; totalTokens: number };

/**
 * When the history a prompt would send is over `maxTokens`, everything before the last
 * `keepTurns` turns (a turn starts at a user message) is replaced by a summary the agent's own
 * model writes. Tokens are estimated at four characters each.
 */
export interface CompactionConfig {
  maxTokens: number;
  /** Turns kept verbatim, the new input's included. Default 2. */
  keepTurns?: number;
  /** What the summarising call is told; a default asks for the facts, decisions and open questions. */
  instructions?: string;
}

export const SUMMARY_PREFIX = "Summary of the earlier conversation:\n";

const DEFAULT_INSTRUCTIONS =
  "Summarise the conversation below for your own later reference, in a few short paragraphs. Keep every fact, name, number, decision and open question; drop pleasantries. Write only the summary.";

/** Summaries by the history they replace, so a session over budget is not summarised again on every prompt. */
const summaries = new Map<string, string>();
const MAX_CACHED = 500;

export function estimateTokens(messages: readonly ModelMessage[]): number {
  let chars = 0;
  for (const message of messages) {
    chars += message.content.length;
    if (message.role === "assistant")
      for (const call of message.toolCalls ?? []) chars += call.arguments.length + call.name.length;
  }
  return Math.ceil(chars / 4);
}

/**
 * The history to send: `messages` as they are when within budget, else a summary of the older
 * turns followed by the last turns verbatim. The summary call's usage is added to `usage`.
 */
export async function compactHistory(
  messages: ModelMessage[],
  config: CompactionConfig,
  model: Model,
  signal: AbortSignal,
  usage: Usage,
): Promise<ModelMessage[]> {
  if (estimateTokens(messages) <= config.maxTokens) return messages;
  const keepTurns = Math.max(1, config.keepTurns ?? 2);
  const userIndexes = messages.flatMap((message, index) => (message.role === "user" ? [index] : []));
  if (userIndexes.length <= keepTurns) return messages;
  const cut = userIndexes[userIndexes.length - keepTurns]!;
  const keyOf = (end: number) =>
    createHash("sha256")
      .update(`${model.id}\n${config.instructions ?? ""}\n${JSON.stringify(messages.slice(0, end))}`)
      .digest("hex");
  const key = keyOf(cut);
  let summary = summaries.get(key);
  if (summary === undefined) {
    // As a conversation grows, the part to summarise is usually the last one plus a turn or
    // two: start from the longest summarised part, so the summary call reads little.
    let from = 0;
    let earlier: string | undefined;
    for (const index of userIndexes.filter((index) => index > 0 && index < cut).reverse()) {
      earlier = summaries.get(keyOf(index));
      if (earlier !== undefined) {
        from = index;
        break;
      }
    }
    summary = await summarise(earlier, messages.slice(from, cut), config, model, signal, usage);
    summaries.set(key, summary);
    if (summaries.size > MAX_CACHED) summaries.delete(summaries.keys().next().value!);
  }
  return [{ role: "system", content: `${SUMMARY_PREFIX}${summary}` }, ...messages.slice(cut)];
}

async function summarise(
  earlier: string | undefined,
  older: readonly ModelMessage[],
  config: CompactionConfig,
  model: Model,
  signal: AbortSignal,
  usage: Usage,
): Promise<string> {
  let text = "";
  for await (const event of model.stream({
    instructions: config.instructions ?? DEFAULT_INSTRUCTIONS,
    messages: [
      {
        role: "user",
        content:
          earlier === undefined ? transcript(older) : `${SUMMARY_PREFIX}${earlier}\n\nThen:\n\n${transcript(older)}`,
      },
    ],
    signal,
  })) {
    if (signal.aborted) throw abortReason(signal);
    if (event.type === "text") text += event.delta;
    else if (event.type === "usage") {
      usage.inputTokens += event.inputTokens;
      usage.outputTokens += event.outputTokens;
      usage.totalTokens = usage.inputTokens + usage.outputTokens;
    }
  }
  return text.trim();
}

/** The older turns as plain text: tool calls and results can only be sent beside their partners. */
function transcript(messages: readonly ModelMessage[]): string {
  return messages
    .map((message) => {
      switch (message.role) {
        case "assistant": {
          const calls = (message.toolCalls ?? []).map((call) => `\n[called ${call.name} with ${call.arguments}]`);
          return `assistant: ${message.content}${calls.join("")}`;
        }
        case "tool":
          return `[tool ${message.name ?? message.toolCallId} returned: ${message.content}]`;
        default:
          return `${message.role}: ${message.content}`;
      }
    })
    .join("\n\n");
}
