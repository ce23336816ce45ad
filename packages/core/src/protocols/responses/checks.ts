import type { CreateResponse } from "@switchboard/protocol/responses";
import type { CoreRequest } from "../../http/types.js";
import { delegateToolName } from "../../runtime/agent/define.js";
import type { ResolvedAgentConfig } from "../../runtime/agent/types.js";
import { ResponsesApiError } from "./errors.js";

// The checks of a request beyond what its schema says, each failing with the error OpenAI gives.

/**
 * Catches what the schema would only report vaguely: a tool or input item of a type this server
 * does not implement fails every branch of its union, and the validator cannot tell which branch
 * the client meant. Naming the `type` says exactly what is unsupported.
 */
export function precheck(body: unknown): void {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ResponsesApiError(400, "invalid_value", "The request body must be a JSON object.");
  }
  const { tools, input } = body as { tools?: unknown; input?: unknown };
  if (Array.isArray(tools)) {
    tools.forEach((tool, i) => {
      const type = (tool as { type?: unknown } | null)?.type;
      if (typeof type === "string" && type !== "function") {
        throw new ResponsesApiError(
          400,
          "unsupported_value",
          `tools[${i}].type '${type}' is not supported: only function tools are.`,
          `tools[${i}].type`,
        );
      }
    });
  }
  if (Array.isArray(input)) {
    input.forEach((item, i) => {
      const type = (item as { type?: unknown } | null)?.type;
      if (typeof type === "string" && !["message", "function_call", "function_call_output"].includes(type)) {
        throw new ResponsesApiError(
          400,
          "unsupported_value",
          `input[${i}].type '${type}' is not supported: use message, function_call or function_call_output.`,
          `input[${i}].type`,
        );
      }
    });
  }
}

export function checkToolChoice(request: CreateResponse): void {
  const choice = request.tool_choice;
  if (typeof choice !== "object") return;
  if (!(request.tools ?? []).some((tool) => tool.name === choice.name)) {
    throw new ResponsesApiError(
      400,
      "invalid_value",
      `tool_choice.name '${choice.name}' names no function in tools.`,
      "tool_choice.name",
    );
  }
}

export function checkToolNames(request: CreateResponse, config: ResolvedAgentConfig): void {
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
