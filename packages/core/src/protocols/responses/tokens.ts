import type { InputTokensCount } from "@switchboard/protocol/responses";
import { validate } from "@switchboard/protocol/responses";
import { readJson } from "../../http/read-json.js";
import { json } from "../../http/response.js";
import type { CoreRequest, CoreResponse } from "../../http/types.js";
import type { Agent } from "../../runtime/agent/types.js";
import { openAITokenCount } from "../../runtime/model/tokens.js";
import type { Model, ModelTokenCountRequest } from "../../runtime/model/types.js";
import { toolSpec } from "../../runtime/tools/define.js";
import { precheck } from "./checks.js";
import { notFound, ResponsesApiError, validationError } from "./errors.js";
import { type HistorySources, loadHistory } from "./history.js";
import { newId } from "./ids.js";
import { resolveParameters } from "./parameters.js";

/** A would-be request's input tokens, as the model counts them (OpenAI's o200k_base when it does not say). */
export async function countTokens(model: Model, request: ModelTokenCountRequest): Promise<number> {
  return model.countTokens ? await model.countTokens(request) : await openAITokenCount(model.id, request);
}

/**
 * `POST /v1/responses/input_tokens`: the input tokens a create with this body would send to the
 * agent's model — its instructions, the history, the input and the tools.
 */
export async function inputTokens(
  req: CoreRequest,
  agents: ReadonlyMap<string, Agent>,
  sources: HistorySources,
  maxBodyBytes: number,
  env: Record<string, string | undefined>,
): Promise<CoreResponse> {
  const body = await readJson(req, maxBodyBytes);
  if (!body.ok) throw new ResponsesApiError(400, body.reason, body.message);
  precheck(body.value);
  const checked = validate.InputTokensRequest(body.value);
  if (!checked.ok) throw validationError(checked.issue);
  const request = checked.value;
  if (request.model == null) {
    throw new ResponsesApiError(
      400,
      "missing_required_parameter",
      "model is required: name the agent whose model counts the tokens (see GET /v1/models).",
      "model",
    );
  }
  const agent = agents.get(request.model);
  if (!agent) throw notFound("model", request.model, "model");
  const config = await agent.configure({ id: newId("resp"), env });
  const parameters = resolveParameters(
    {
      instructions: request.instructions ?? null,
      tools: request.tools ?? [],
      ...(request.tool_choice != null ? { tool_choice: request.tool_choice } : {}),
      ...(request.text != null ? { text: request.text } : {}),
      reasoning: request.reasoning ?? null,
    },
    config.model,
  );
  const history = await loadHistory(sources, request);
  const instructions = [config.instructions, parameters.instructions].filter(Boolean).join("\n\n");
  const tools = [...config.tools.map(toolSpec), ...parameters.clientTools];
  const count = await countTokens(config.model, {
    messages: history.messages,
    ...(instructions ? { instructions } : {}),
    ...(tools.length > 0 ? { tools } : {}),
  });
  const answer: InputTokensCount = { object: "response.input_tokens", input_tokens: count };
  return json(200, answer);
}
