import { type CreateResponse, InputContentTypes, InputItemTypes } from "@switchboard/protocol/responses";
import type { CoreRequest } from "../../http/types.js";
import { delegateToolName } from "../../runtime/agent/define.js";
import type { ResolvedAgentConfig } from "../../runtime/agent/types.js";
import { ResponsesApiError } from "./errors.js";

// The checks of a request beyond what its schema says, each failing with the error OpenAI gives.

const INPUT_ITEM_TYPES: readonly string[] = InputItemTypes;
const CONTENT_TYPES: readonly string[] = InputContentTypes;

/**
 * Catches what the schema would only report vaguely: a tool, tool choice, input item or content
 * part of a type this server does not implement fails every branch of its union, and the validator
 * cannot tell which branch the client meant. Naming the `type` says exactly what is unsupported.
 * `inputField` is where the items are (`input`, or `items` for conversation items).
 */
export function precheck(body: unknown, inputField = "input"): void {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ResponsesApiError(400, "invalid_value", "The request body must be a JSON object.");
  }
  const { tools, tool_choice: choice } = body as { tools?: unknown; tool_choice?: unknown };
  const input = (body as Record<string, unknown>)[inputField];
  if (Array.isArray(tools)) {
    tools.forEach((tool, i) => {
      const type = (tool as { type?: unknown } | null)?.type;
      if (typeof type === "string" && type !== "function") {
        throw unsupportedType(
          `tools[${i}].type`,
          type,
          "only function tools are served: no agent here runs OpenAI's hosted tools",
        );
      }
    });
  }
  const choiceType = (choice as { type?: unknown } | null)?.type;
  if (typeof choiceType === "string" && choiceType !== "function" && choiceType !== "allowed_tools") {
    throw unsupportedType("tool_choice.type", choiceType, "use none, auto, required, a function or allowed_tools");
  }
  if (!Array.isArray(input)) return;
  input.forEach((item, i) => {
    const { type, content } = (item ?? {}) as { type?: unknown; content?: unknown };
    if (typeof type === "string" && !INPUT_ITEM_TYPES.includes(type)) {
      throw unsupportedType(`${inputField}[${i}].type`, type, `use ${INPUT_ITEM_TYPES.join(", ")}`);
    }
    if (!Array.isArray(content)) return;
    content.forEach((part, j) => {
      const partType = (part as { type?: unknown } | null)?.type;
      if (typeof partType === "string" && !CONTENT_TYPES.includes(partType)) {
        throw unsupportedType(`${inputField}[${i}].content[${j}].type`, partType, `use ${CONTENT_TYPES.join(", ")}`);
      }
    });
  });
}

function unsupportedType(param: string, type: string, hint: string): ResponsesApiError {
  return new ResponsesApiError(400, "unsupported_value", `${param} '${type}' is not supported: ${hint}.`, param);
}

export function checkToolNames(request: CreateResponse, config: ResolvedAgentConfig): void {
  if (!request.tools?.length) return;
  const own = new Set([
    ...config.tools.map((tool) => tool.name),
    ...Object.keys(config.subagents).map(delegateToolName),
  ]);
  (request.tools ?? []).forEach((tool, i) => {
    if (own.has(tool.name)) {
      throw new ResponsesApiError(
        400,
        "invalid_value",
        `tools[${i}].name '${tool.name}' is a tool of the agent itself; give your function another name.`,
        `tools[${i}].name`,
      );
    }
  });
}

export function booleanQuery(req: CoreRequest, name: string): boolean {
  const value = req.query.get(name);
  if (value === null || value === "false") return false;
  if (value === "true") return true;
  throw new ResponsesApiError(400, "invalid_value", `${name} must be true or false.`, name);
}

export function integerQuery(
  req: CoreRequest,
  name: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const value = req.query.get(name);
  if (value === null) return undefined;
  const number = Number(value);
  if (value.trim() === "" || !Number.isInteger(number) || number < min || number > max) {
    throw new ResponsesApiError(
      400,
      "invalid_value",
      `${name} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`}.`,
      name,
    );
  }
  return number;
}
