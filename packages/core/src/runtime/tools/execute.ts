import { raceAbort } from "../model/abort.js";
import { validateToolArguments } from "./define.js";
import type { Tool, ToolContext } from "./types.js";

export interface ToolOutcome {
  /** True when the arguments were invalid or the tool threw; `result` is then the error message. */
  isError: boolean;
  result: unknown;
  durationMs: number;
}

/**
 * Runs one tool call from raw model output: parses the JSON arguments, validates them, executes.
 * Every failure becomes an error outcome the model can read and correct, except an abort, which
 * is rethrown: the whole run is being stopped, not just this call.
 */
// biome-ignore lint/suspicious/noExplicitAny: accepts tools of any argument and result type
export async function executeTool(tool: Tool<any, any>, rawArguments: string, ctx: ToolContext): Promise<ToolOutcome> {
  const started = performance.now();
  const outcome = (isError: boolean, result: unknown): ToolOutcome => ({
    isError,
    result,
    durationMs: Math.round(performance.now() - started),
  });

  let args: unknown;
  try {
    // Models sometimes send no arguments at all for a tool without parameters.
    args = rawArguments.trim() === "" ? {} : JSON.parse(rawArguments);
  } catch {
    return outcome(true, `Invalid arguments for tool ${tool.name}: not valid JSON: ${rawArguments.slice(0, 200)}`);
  }
  let valid: ReturnType<typeof validateToolArguments>;
  try {
    valid = validateToolArguments(tool, args);
  } catch (error) {
    return outcome(true, errorMessage(error));
  }
  if (!valid.ok) return outcome(true, `Invalid arguments for tool ${tool.name}: ${valid.message}`);

  try {
    const result = await raceAbort(new Promise((resolve) => resolve(tool.execute(args, ctx))), ctx.signal);
    return outcome(false, result);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    return outcome(true, `Tool ${tool.name} failed: ${errorMessage(error)}`);
  }
}

/** The text a tool result is given to the model as: strings verbatim, anything else as JSON. */
export function toolResultContent(result: unknown): string {
  if (typeof result === "string") return result;
  if (result === undefined) return "";
  try {
    return JSON.stringify(result) ?? String(result);
  } catch {
    return String(result);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
