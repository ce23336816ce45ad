import type { ResponseStatus, ResponseStreamEvent, ResponseStreamEventType } from "@switchboard/protocol/responses";
import { defaultLogger } from "../../observability/logger.js";
import type { AgentEvent, AgentFinishReason, ResolvedAgentConfig, RunAgentOptions } from "../../runtime/agent/types.js";
import { ModelError } from "../../runtime/model/errors.js";
import type { PendingEvent, ResponseBuilder } from "./builder.js";
import type { LiveRun } from "./live.js";
import type { RunParameters } from "./parameters.js";
import { finalText } from "./structured.js";

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
      return builder.text(event.text, event.logprobs);
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
  defaultLogger().error({ err: error }, "responses: the agent run failed");
  return { code: "server_error", message: "The agent failed with an internal error." };
}

/**
 * The agent run's options from the policy's settings (`truncate` applies to the history, before
 * the run). The agent's own client tools (declared in its config) are offered beside the request's,
 * which win on a name both use: here the caller answers function calls, so this is the protocol
 * where client tools can be served.
 */
export function runOptions(
  parameters: RunParameters,
  config: Pick<ResolvedAgentConfig, "clientTools">,
): Omit<RunAgentOptions, "config" | "messages" | "signal"> {
  const { truncate: _, clientTools, ...options } = parameters;
  if (config.clientTools.length === 0) return { ...options, clientTools };
  const names = new Set(clientTools.map((tool) => tool.name));
  return { ...options, clientTools: [...config.clientTools.filter((tool) => !names.has(tool.name)), ...clientTools] };
}

/**
 * The terminal events of a run the agent finished with `finish`, after the checks a finished run
 * still owes: its final text against `text.format` (a reply that does not conform fails the
 * response), and its items appended to its conversation.
 */
export async function conclude(run: LiveRun, finish: AgentFinishReason): Promise<PendingEvent[]> {
  const { builder } = run;
  if (run.format && finish !== "tool_calls" && finish !== "length") {
    const text = finalText(builder.response) ?? "";
    const problem = run.format.problem(text);
    if (problem)
      return builder.failed({ code: "invalid_output", message: `The agent's reply failed text.format: ${problem}.` });
  }
  if (run.conclude) await run.conclude(builder.response);
  return ending(builder, finish);
}
