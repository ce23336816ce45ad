import type { AgentResult, AgentEvent as WireEvent } from "@switchboard/protocol/agents";
import { runAgent } from "../../runtime/agent/run.js";
import type { Agent } from "../../runtime/agent/types.js";
import type { ModelMessage } from "../../runtime/model/types.js";
import type { SessionKey } from "../../store/sessions.js";
import { wireUsage } from "./pyflue.js";

export interface PromptInput {
  agent: Agent;
  key: SessionKey;
  env: Readonly<Record<string, string | undefined>>;
  /** A dispatch's input, handed to the agent's factory. */
  payload?: unknown;
  /** The session's history, from the durable store or, for an agent with `persist: false`, the process's. */
  history: (persist: boolean) => Promise<ModelMessage[]>;
  message: string;
  signal: AbortSignal;
  /** Awaited, so a slow reader slows the run down. */
  emit(event: WireEvent): Promise<void>;
}

export interface PromptOutput {
  result: AgentResult;
  /** What the prompt adds to the session: the user message, then the assistant and tool messages. */
  messages: ModelMessage[];
}

/**
 * Runs one prompt of an agent instance and translates the runtime's events into the protocol's.
 * The model's raw tool-call stream is not part of the protocol: `tool_start` carries the parsed
 * arguments once the tool runs.
 */
export async function runPrompt(input: PromptInput): Promise<PromptOutput> {
  const { key, signal } = input;
  const context = {
    id: key.id,
    env: input.env,
    ...(input.payload === undefined ? {} : { payload: input.payload }),
  };
  const config = await input.agent.configure(context);
  const history = await input.history(config.persist);
  const user: ModelMessage = { role: "user", content: input.message };
  const events = runAgent({
    config,
    messages: [...history, user],
    signal,
    context: { ...context, agent: { name: key.agent, id: key.id, session: key.session } },
  });
  for await (const event of events) {
    switch (event.type) {
      case "turn_start":
        await input.emit({ type: "turn_start" });
        break;
      case "text_delta":
        await input.emit({ type: "text_delta", text: event.text });
        break;
      case "tool_start":
        await input.emit({
          type: "tool_start",
          toolName: event.toolName,
          toolCallId: event.toolCallId,
          args: event.args,
        });
        break;
      case "tool_result":
        await input.emit({
          type: "tool_call",
          toolName: event.toolName,
          toolCallId: event.toolCallId,
          isError: event.isError,
          result: event.result,
          durationMs: event.durationMs,
        });
        break;
      case "turn_end":
        await input.emit({ type: "turn_end", usage: wireUsage(event.usage) });
        break;
      case "done":
        return {
          result: { text: event.text, usage: wireUsage(event.usage), model: { id: config.model.id } },
          messages: [user, ...event.messages],
        };
      default:
        break;
    }
  }
  throw new Error("the agent run ended without a result");
}
