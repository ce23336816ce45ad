import type { CompactedResponse, ItemResource } from "@switchboard/protocol/responses";
import { validate } from "@switchboard/protocol/responses";
import { readJson } from "../../http/read-json.js";
import { json } from "../../http/response.js";
import type { CoreRequest, CoreResponse } from "../../http/types.js";
import type { Agent } from "../../runtime/agent/types.js";
import { ModelError } from "../../runtime/model/errors.js";
import type { Model, ModelMessage } from "../../runtime/model/types.js";
import { precheck } from "./checks.js";
import { notFound, ResponsesApiError, validationError } from "./errors.js";
import { type HistorySources, loadHistory } from "./history.js";
import { newId, nowSeconds } from "./ids.js";
import { compactionContent } from "./input.js";
import { countTokens } from "./tokens.js";

/** What the agent's model is asked when it writes the summary. */
const COMPACTION_PROMPT =
  "Summarise the conversation so far for your own later use: the facts, decisions, open questions and the state of any work, " +
  "briefly and completely. Reply with the summary only.";

/**
 * `POST /v1/responses/compact`: the history of `previous_response_id` and `input`, compacted. The
 * user's messages are kept as they were and everything else becomes one `compaction` item holding
 * a summary written by the agent's model (a scripted model summarises deterministically). Sent back
 * as input, the compaction item stands for the summary.
 */
export async function compact(
  req: CoreRequest,
  agents: ReadonlyMap<string, Agent>,
  sources: HistorySources,
  maxBodyBytes: number,
  env: Record<string, string | undefined>,
): Promise<CoreResponse> {
  const body = await readJson(req, maxBodyBytes);
  if (!body.ok) throw new ResponsesApiError(400, body.reason, body.message);
  precheck(body.value);
  const checked = validate.CompactRequest(body.value);
  if (!checked.ok) throw validationError(checked.issue);
  const request = checked.value;
  if (request.image && Object.keys(request.image).length > 0) {
    throw new ResponsesApiError(400, "unsupported_parameter", "image: only {} is accepted here.", "image");
  }
  const agent = agents.get(request.model);
  if (!agent) throw notFound("model", request.model, "model");
  const id = newId("resp");
  const config = await agent.configure({ id, env });
  const history = await loadHistory(sources, request);
  const instructions = [config.instructions, request.instructions].filter(Boolean).join("\n\n");
  const { summary, inputTokens, outputTokens } = await summarise(
    config.model,
    history.messages,
    instructions,
    req.signal,
  );

  const kept = [...history.earlier, ...history.inputItems].filter(
    (item): item is Extract<ItemResource, { type: "message" }> => item.type === "message" && item.role === "user",
  );
  const answer: CompactedResponse = {
    id,
    object: "response.compaction",
    created_at: nowSeconds(),
    output: [...kept, { type: "compaction", id: newId("cmp"), encrypted_content: compactionContent(summary) }],
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    },
  };
  return json(200, answer);
}

async function summarise(
  model: Model,
  messages: ModelMessage[],
  instructions: string,
  signal: AbortSignal,
): Promise<{ summary: string; inputTokens: number; outputTokens: number }> {
  if (model.summarize) {
    const summary = model.summarize(messages);
    return {
      summary,
      inputTokens: await countTokens(model, { messages, ...(instructions ? { instructions } : {}) }),
      outputTokens: await countTokens(model, { messages: [{ role: "assistant", content: summary }] }),
    };
  }
  let summary = "";
  let inputTokens = 0;
  let outputTokens = 0;
  try {
    for await (const event of model.stream({
      messages: [...messages, { role: "user", content: COMPACTION_PROMPT }],
      ...(instructions ? { instructions } : {}),
      signal,
    })) {
      if (event.type === "text") summary += event.delta;
      else if (event.type === "usage") {
        inputTokens += event.inputTokens;
        outputTokens += event.outputTokens;
      }
    }
  } catch (error) {
    if (error instanceof ModelError) {
      throw new ResponsesApiError(
        error.status === 429 ? 429 : 503,
        error.code,
        `The agent's model could not write the summary: ${error.message}`,
        null,
        { "retry-after": String(Math.ceil((error.retryAfterMs ?? 1000) / 1000)) },
      );
    }
    throw error;
  }
  return { summary, inputTokens, outputTokens };
}
