import type { Model, ModelMessage, ModelToolCall, ModelToolChoice, ModelToolSpec } from "../model/types.js";
import { executeTool, toolResultContent } from "../tools/execute.js";
import type { Tool } from "../tools/types.js";

export interface Agent {
  model: Model;
  instructions?: string;
  tools?: Tool[];
}

export interface AgentRunInput {
  messages: ModelMessage[];
  /** The request's own instructions, added to the agent's. */
  instructions?: string;
  /** The client's function tools: calls of them end the run instead of being executed. */
  clientTools: ModelToolSpec[];
  toolChoice?: ModelToolChoice;
  parallelToolCalls?: boolean;
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  signal: AbortSignal;
}

/** The progress of a run as the Responses protocol needs it. */
export type RunStep =
  | { type: "text"; delta: string }
  | { type: "function_call_start"; callId: string; name: string }
  | { type: "function_call_delta"; callId: string; delta: string }
  | { type: "function_call_end"; callId: string }
  | { type: "turn_end"; usage?: { inputTokens: number; outputTokens: number } }
  | { type: "finish"; reason: "stop" | "length" | "tool_calls" | "content_filter" };

const MAX_TURNS = 16;

export async function* runSteps(agent: Agent, input: AgentRunInput): AsyncGenerator<RunStep> {
  const { signal } = input;
  const serverTools = new Map((agent.tools ?? []).map((tool) => [tool.name, tool]));
  const clientNames = new Set(input.clientTools.map((tool) => tool.name));
  const instructions = [agent.instructions, input.instructions].filter((text) => text).join("\n\n") || undefined;
  const messages = [...input.messages];
  const tools: ModelToolSpec[] = [
    ...(agent.tools ?? []).map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
    })),
    ...input.clientTools,
  ];
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    let text = "";
    let reason: Extract<RunStep, { type: "finish" }>["reason"] = "stop";
    const usage = { inputTokens: 0, outputTokens: 0 };
    const calls = new Map<string, ModelToolCall & { client: boolean }>();
    for await (const event of agent.model.stream({
      instructions,
      messages,
      tools: tools.length > 0 ? tools : undefined,
      toolChoice: input.toolChoice,
      parallelToolCalls: input.parallelToolCalls,
      temperature: input.temperature,
      topP: input.topP,
      maxOutputTokens: input.maxOutputTokens,
      signal,
    })) {
      switch (event.type) {
        case "text":
          text += event.delta;
          yield { type: "text", delta: event.delta };
          break;
        case "tool_call_start": {
          const client = clientNames.has(event.name) || !serverTools.has(event.name);
          calls.set(event.callId, { id: event.callId, name: event.name, arguments: "", client });
          if (client) yield { type: "function_call_start", callId: event.callId, name: event.name };
          break;
        }
        case "tool_call_delta": {
          const call = calls.get(event.callId);
          if (!call) break;
          call.arguments += event.delta;
          if (call.client) yield { type: "function_call_delta", callId: event.callId, delta: event.delta };
          break;
        }
        case "tool_call_end":
          if (calls.get(event.callId)?.client) yield { type: "function_call_end", callId: event.callId };
          break;
        case "usage":
          usage.inputTokens += event.inputTokens;
          usage.outputTokens += event.outputTokens;
          break;
        case "finish":
          reason = event.reason;
          break;
      }
    }
    yield { type: "turn_end", usage };
    const all = [...calls.values()];
    if (all.length === 0 || all.some((call) => call.client)) {
      yield { type: "finish", reason: all.length > 0 ? "tool_calls" : reason };
      return;
    }
    messages.push({
      role: "assistant",
      content: text,
      toolCalls: all.map(({ id, name, arguments: a }) => ({ id, name, arguments: a })),
    });
    for (const call of all) {
      const outcome = await executeTool(serverTools.get(call.name)!, call.arguments, { signal });
      messages.push({ role: "tool", toolCallId: call.id, name: call.name, content: toolResultContent(outcome.result) });
    }
  }
  yield { type: "finish", reason: "stop" };
}
