import type { CreateResponse, ResponseObject } from "@switchboard/protocol/responses";
import { nowSeconds } from "./ids.js";

/**
 * The response object of a new response: every field the request set, echoed, and OpenAI's
 * defaults for the rest (sampling settings are numbers even when the request left them out).
 */
export function initialResponse(
  id: string,
  request: CreateResponse,
  background: boolean,
  conversationId: string | null = null,
): ResponseObject {
  const reasoning = request.reasoning;
  const response: ResponseObject = {
    id,
    object: "response",
    created_at: nowSeconds(),
    status: background ? "queued" : "in_progress",
    completed_at: null,
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    model: request.model,
    output: [],
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    background,
    conversation: conversationId === null ? null : { id: conversationId },
    metadata: request.metadata ?? {},
    temperature: request.temperature ?? 1,
    top_p: request.top_p ?? 1,
    presence_penalty: request.presence_penalty ?? 0,
    frequency_penalty: request.frequency_penalty ?? 0,
    top_logprobs: request.top_logprobs ?? 0,
    max_output_tokens: request.max_output_tokens ?? null,
    max_tool_calls: request.max_tool_calls ?? null,
    tools: (request.tools ?? []).map((tool) => ({
      type: "function",
      name: tool.name,
      description: tool.description ?? null,
      parameters: tool.parameters ?? null,
      strict: tool.strict ?? true,
    })),
    tool_choice: request.tool_choice ?? "auto",
    store: request.store ?? true,
    text: { format: request.text?.format ?? { type: "text" }, verbosity: request.text?.verbosity ?? "medium" },
    reasoning: {
      effort: reasoning?.effort ?? null,
      summary: reasoning?.summary ?? reasoning?.generate_summary ?? null,
    },
    truncation: request.truncation ?? "disabled",
    service_tier: request.service_tier && request.service_tier !== "auto" ? request.service_tier : "default",
    prompt_cache_key: request.prompt_cache_key ?? null,
    safety_identifier: request.safety_identifier ?? null,
    user: request.user ?? null,
    usage: null,
  };
  if (request.prompt_cache_retention != null) response.prompt_cache_retention = request.prompt_cache_retention;
  return response;
}
