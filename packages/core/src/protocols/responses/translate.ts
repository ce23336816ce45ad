import type {
  CreateResponse,
  ResponseStatus,
  ResponseStreamEvent,
  ResponseStreamEventType,
} from "@switchboard/protocol/responses";
import type { AgentEvent, AgentFinishReason, ResolvedAgentConfig } from "../../runtime/agent/types.js";
import { ModelError } from "../../runtime/model/errors.js";
import type { ModelToolChoice, ModelToolSpec } from "../../runtime/model/types.js";
import type { PendingEvent, ResponseBuilder } from "./builder.js";

// Translation between a Responses request and an agent run: the request's model parameters in,
// the agent's events out as response events.

/** The events that end a response's stream (a subset of the spec's `ResponseStreamEventType`). */
export const TERMINAL_EVENTS: ReadonlySet<ResponseStreamEventType> = new Set([
  "response.completed",
  "response.failed",
  "response.incomplete",
] as const);
/** The statuses of a response that will not change any more (a subset of the spec's `ResponseStatus`). */
export const FINAL_STATUSES: ReadonlySet<ResponseStatus> = new Set([
  "completed",
  "failed",
  "incomplete",
  "cancelled",
] as const);

/** Events after which the stored response object is rewritten, so a retrieve shows progress. */
export const isMilestone = (event: ResponseStreamEvent): boolean =>
  event.type === "response.in_progress" ||
  event.type === "response.output_item.done" ||
  TERMINAL_EVENTS.has(event.type);

/**
 * Maps the agent's progress onto the response. Only the client's function calls become output
 * items: the agent's own tool calls run here and the Responses output has no item type for them,
 * so they show only through the text the agent writes after them.
 */
export function applyEvent(builder: ResponseBuilder, event: AgentEvent, clientCalls: Set<string>): PendingEvent[] {
  switch (event.type) {
    case "text_delta":
      return builder.text(event.text);
    case "tool_call_start":
      if (!event.client) return [];
      clientCalls.add(event.callId);
      return builder.functionCallStart(event.callId, event.name);
    case "tool_call_delta":
      return clientCalls.has(event.callId) ? builder.functionCallDelta(event.callId, event.delta) : [];
    case "tool_call_end":
      return clientCalls.has(event.callId) ? builder.functionCallEnd(event.callId) : [];
    case "turn_end":
      builder.addUsage(event.usage.inputTokens, event.usage.outputTokens);
      return builder.endTurn();
    default:
      return [];
  }
}

/** The terminal events of a run the agent finished with `finish`. */
export function ending(builder: ResponseBuilder, finish: AgentFinishReason): PendingEvent[] {
  if (finish === "length") return builder.incomplete("max_output_tokens");
  if (finish === "content_filter") return builder.incomplete("content_filter");
  return builder.completed();
}

/** The terminal events of a run that threw: cancelled when it was aborted, failed otherwise. */
export function failure(builder: ResponseBuilder, signal: AbortSignal, error: unknown): PendingEvent[] {
  return signal.aborted ? builder.cancelled() : builder.failed(describeFailure(error));
}

/** A model's failure is the client's to read; anything else is a bug, logged here and described vaguely. */
export function describeFailure(error: unknown): { code: string; message: string } {
  if (error instanceof ModelError) return { code: error.code, message: error.message };
  console.error("[switchboard] responses: the agent run failed", error);
  return { code: "server_error", message: "The agent failed with an internal error." };
}

/**
 * The run settings a create request gives. The agent's own client tools (declared in its config)
 * are offered beside the request's, which win on a name both use: here the caller answers
 * function calls, so this is the protocol where client tools can be served.
 */
export function modelParameters(request: CreateResponse, config: Pick<ResolvedAgentConfig, "clientTools">) {
  const requested: ModelToolSpec[] = (request.tools ?? []).map((tool) => ({
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    parameters: tool.parameters ?? { type: "object", properties: {} },
  }));
  const names = new Set(requested.map((tool) => tool.name));
  const tools = [...config.clientTools.filter((tool) => !names.has(tool.name)), ...requested];
  const choice = request.tool_choice;
  const toolChoice: ModelToolChoice | undefined =
    choice === undefined ? undefined : typeof choice === "string" ? choice : { name: choice.name };
  return {
    instructions: request.instructions ?? undefined,
    clientTools: tools,
    toolChoice,
    parallelToolCalls: request.parallel_tool_calls ?? undefined,
    temperature: request.temperature ?? undefined,
    topP: request.top_p ?? undefined,
    maxOutputTokens: request.max_output_tokens ?? undefined,
  };
}
