import { endSpan, inSpan, startSpan } from "../../observability/tracing.js";
import { abortReason } from "../model/abort.js";
import { ModelError } from "../model/errors.js";
import type { ModelMessage, ModelRequest, ModelToolCall, ModelToolSpec } from "../model/types.js";
import { toolSpec } from "../tools/define.js";
import { executeTool, type ToolOutcome, toolResultContent } from "../tools/execute.js";
import type { Tool, ToolContext } from "../tools/types.js";
import { compactHistory } from "./compaction.js";
import { delegateToolName, isResolvedAgentConfig, resolveAgentConfig } from "./define.js";
import { LOAD_SKILL_TOOL, loadSkillTool, skillsInstructions } from "./skills.js";
import { subagentSessionKey, withSubagentSession } from "./subagent-sessions.js";
import type { AgentEvent, AgentFinishReason, ResolvedAgentConfig, RunAgentOptions, TokenUsage } from "./types.js";

/** The caller's input cannot run against this agent, e.g. a client tool named like a server tool. */
export class AgentInputError extends Error {
  constructor(
    message: string,
    /** The request field at fault, for the protocol's error envelope. */
    readonly param: string,
  ) {
    super(message);
    this.name = "AgentInputError";
  }
}

/**
 * Runs one prompt: model → server tools → model … until the model answers without calling a
 * server tool, calls a client tool (the run then ends with those calls pending), or `maxTurns`
 * model calls were made. Aborting `signal` stops the model call and every running tool; the
 * iterator then throws the abort reason. Model failures are thrown too; tool failures are not:
 * they go back to the model as error results.
 */
export async function* runAgent(options: RunAgentOptions): AsyncGenerator<AgentEvent, void, undefined> {
  // One span per run (a no-op unless the application registered an OpenTelemetry SDK). The run's
  // loop is written out here rather than delegated to with `yield*`: another async generator
  // layer would cost every event of every run its own promises and turns of the microtask queue.
  const span = startSpan("agent.run", { "switchboard.agent": options.context?.agent?.name ?? "" });
  let failure: unknown;
  try {
    const { signal } = options;
    if (signal.aborted) throw abortReason(signal);
    const config = isResolvedAgentConfig(options.config)
      ? options.config
      : await resolveAgentConfig(options.config, {
          id: options.context?.agent?.id ?? "",
          env: options.context?.env ?? {},
          ...(options.context?.payload === undefined ? {} : { payload: options.context.payload }),
        });

    const total = emptyUsage();
    const serverTools = new Map<string, Tool>();
    for (const tool of config.tools) serverTools.set(tool.name, tool);
    for (const [key, subagent] of Object.entries(config.subagents)) {
      serverTools.set(delegateToolName(key), delegateTool(key, subagent, options, total));
    }
    if (config.skills.length > 0) serverTools.set(LOAD_SKILL_TOOL, loadSkillTool(config.skills));
    const clientTools = options.clientTools ?? [];
    const clientToolNames = new Set<string>();
    for (const [index, tool] of clientTools.entries()) {
      if (serverTools.has(tool.name)) {
        throw new AgentInputError(
          `tool ${tool.name} is already provided by the agent; rename it`,
          `tools[${index}].name`,
        );
      }
      clientToolNames.add(tool.name);
    }
    const specs: ModelToolSpec[] =
      serverTools.size === 0 ? [...clientTools] : [...[...serverTools.values()].map(toolSpec), ...clientTools];
    const instructions = joinInstructions(config.instructions, skillsInstructions(config.skills), options.instructions);
    const toolContext: ToolContext = { signal };
    if (options.context?.agent) toolContext.agent = options.context.agent;

    const callEnd = (call: ModelToolCall): AgentEvent => ({
      type: "tool_call_end",
      callId: call.id,
      name: call.name,
      arguments: call.arguments,
      client: clientToolNames.has(call.name),
    });

    // The history the model sees; what the run adds (`produced`) is reported as usual, so the
    // stored session or response chain keeps every message and is compacted afresh on each prompt.
    const history = config.compaction
      ? await compactHistory(options.messages, config.compaction, config.model, signal, total)
      : options.messages;
    const produced: ModelMessage[] = [];
    let text = "";
    let finishReason: AgentFinishReason = "stop";
    let pendingClientCalls: ModelToolCall[] = [];

    let toolCallsLeft = options.maxToolCalls ?? Number.POSITIVE_INFINITY;
    for (let turn = 1; ; turn++) {
      yield { type: "turn_start", turn };
      const offerTools = specs.length > 0 && toolCallsLeft > 0;
      // Filled field by field (later ones override earlier ones) rather than spread from temporary
      // objects: this runs for every model call.
      const request: ModelRequest = { messages: [...history, ...produced], signal };
      if (instructions !== "") request.instructions = instructions;
      if (offerTools) request.tools = specs;
      if (offerTools && turn === 1 && options.toolChoice !== undefined) request.toolChoice = options.toolChoice;
      addSettings(request, config, options);
      if (offerTools && toolCallsLeft === 1) request.parallelToolCalls = false;
      if (options.responseFormat) request.responseFormat = options.responseFormat;
      if (options.providerOptions && Object.keys(options.providerOptions).length > 0) {
        request.providerOptions = options.providerOptions;
      }
      // Created by the turn's first tool call: most turns only stream text.
      let calls: Map<string, ModelToolCall> | undefined;
      let ended: Set<string> | undefined;
      const usage = emptyUsage();
      let finish: AgentFinishReason = "stop";
      text = "";
      const modelSpan = startSpan("model.call", { "gen_ai.request.model": config.model.id, "switchboard.turn": turn });
      let modelFailure: unknown;
      try {
        for await (const event of config.model.stream(request)) {
          if (signal.aborted) throw abortReason(signal);
          switch (event.type) {
            case "text":
              if (event.delta === "") break;
              text += event.delta;
              yield event.logprobs
                ? { type: "text_delta", text: event.delta, logprobs: event.logprobs }
                : { type: "text_delta", text: event.delta };
              break;
            case "tool_call_start":
              calls ??= new Map();
              calls.set(event.callId, { id: event.callId, name: event.name, arguments: "" });
              yield {
                type: "tool_call_start",
                callId: event.callId,
                name: event.name,
                client: clientToolNames.has(event.name),
              };
              break;
            case "tool_call_delta": {
              const call = calls?.get(event.callId);
              if (!call) throw invalidModelOutput(config, `sent arguments for unknown call ${event.callId}`);
              call.arguments += event.delta;
              yield { type: "tool_call_delta", callId: event.callId, delta: event.delta };
              break;
            }
            case "tool_call_end": {
              const call = calls?.get(event.callId);
              if (!call) throw invalidModelOutput(config, `ended unknown call ${event.callId}`);
              ended ??= new Set();
              if (ended.has(call.id)) break;
              ended.add(call.id);
              yield callEnd(call);
              break;
            }
            case "usage":
              addUsage(usage, { inputTokens: event.inputTokens, outputTokens: event.outputTokens });
              break;
            case "finish":
              finish = event.reason;
              break;
          }
        }
      } catch (error) {
        modelFailure = error;
        if (signal.aborted) throw abortReason(signal);
        throw error;
      } finally {
        endSpan(modelSpan, modelFailure);
      }
      // Protocols close their call items on tool_call_end, so a model that never sent one still gets it.
      const toolCalls = calls ? [...calls.values()] : [];
      for (const call of toolCalls) if (!ended?.has(call.id)) yield callEnd(call);
      addUsage(total, usage);
      yield { type: "turn_end", turn, usage };

      toolCallsLeft -= toolCalls.length;
      produced.push(
        toolCalls.length === 0 ? { role: "assistant", content: text } : { role: "assistant", content: text, toolCalls },
      );
      if (toolCalls.length === 0) {
        finishReason = finish;
        break;
      }

      const serverCalls = toolCalls.filter((call) => !clientToolNames.has(call.name));
      // Started together, reported and recorded in call order, so histories are deterministic.
      const running: Array<{ call: ModelToolCall; outcome: Promise<ToolOutcome> }> = [];
      for (const call of serverCalls) {
        yield { type: "tool_start", toolName: call.name, toolCallId: call.id, args: parseArguments(call.arguments) };
        const tool = serverTools.get(call.name);
        const outcome = tool
          ? inSpan("tool.call", { "gen_ai.tool.name": call.name, "gen_ai.tool.call.id": call.id }, () =>
              executeTool(tool, call.arguments, toolContext),
            )
          : Promise.resolve<ToolOutcome>({ isError: true, result: `Unknown tool: ${call.name}`, durationMs: 0 });
        // Awaited below in order; until then a rejection (abort) must not count as unhandled.
        outcome.catch(() => {});
        running.push({ call, outcome });
      }
      for (const { call, outcome } of running) {
        const { isError, result, durationMs } = await outcome;
        yield { type: "tool_result", toolName: call.name, toolCallId: call.id, isError, result, durationMs };
        produced.push({ role: "tool", toolCallId: call.id, name: call.name, content: toolResultContent(result) });
      }

      pendingClientCalls = toolCalls.filter((call) => clientToolNames.has(call.name));
      if (pendingClientCalls.length > 0) {
        finishReason = "tool_calls";
        break;
      }
      if (turn >= config.maxTurns) {
        finishReason = "max_turns";
        break;
      }
    }

    yield { type: "done", text, messages: produced, usage: total, pendingClientCalls, finishReason };
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    endSpan(span, failure);
  }
}

/** Runs a subagent's own loop on `{task}`, in its own session, and answers with its final text. */
function delegateTool(
  key: string,
  subagent: ResolvedAgentConfig,
  parent: RunAgentOptions,
  usage: TokenUsage,
): Tool<{ task: string }, string> {
  return {
    name: delegateToolName(key),
    description: subagent.description
      ? `Delegate a task to the ${key} agent (${subagent.description}) and get its final answer.`
      : `Delegate a task to the ${key} agent and get its final answer.`,
    parameters: {
      type: "object",
      properties: { task: { type: "string", description: "The task, with everything the agent needs to know" } },
      required: ["task"],
      additionalProperties: false,
    },
    async execute({ task }, ctx) {
      const run = async (history: ModelMessage[]) => {
        const input: ModelMessage = { role: "user", content: task };
        for await (const event of runAgent({
          config: subagent,
          messages: [...history, input],
          signal: ctx.signal,
          ...(parent.context ? { context: parent.context } : {}),
        })) {
          if (event.type === "done") {
            addUsage(usage, event.usage);
            return { result: event.text, added: [input, ...event.messages] };
          }
        }
        throw new Error(`subagent ${key} ended without an answer`);
      };
      // Without a session to belong to (a stateless Responses call), each delegation starts afresh.
      const owner = parent.context?.agent;
      if (!owner) return (await run([])).result;
      return withSubagentSession(subagentSessionKey(owner, key), run);
    },
  };
}

/** The run's instructions: the agent's, its skills' and the caller's, those that are set, one paragraph each. */
function joinInstructions(...parts: (string | undefined)[]): string {
  let joined = "";
  for (const part of parts) if (part) joined = joined === "" ? part : `${joined}\n\n${part}`;
  return joined;
}

/** The sampling settings of the caller, else of the agent, onto `settings`. */
function addSettings(settings: ModelRequest, config: ResolvedAgentConfig, options: RunAgentOptions): void {
  const temperature = options.temperature ?? config.temperature;
  const topP = options.topP ?? config.topP;
  const maxOutputTokens = options.maxOutputTokens ?? config.maxOutputTokens;
  const parallelToolCalls = options.parallelToolCalls ?? config.parallelToolCalls;
  if (temperature !== undefined) settings.temperature = temperature;
  if (topP !== undefined) settings.topP = topP;
  if (maxOutputTokens !== undefined) settings.maxOutputTokens = maxOutputTokens;
  if (parallelToolCalls !== undefined) settings.parallelToolCalls = parallelToolCalls;
  if (config.thinkingLevel !== undefined && config.thinkingLevel !== "off")
    settings.reasoningEffort = config.thinkingLevel;
}

function invalidModelOutput(config: ResolvedAgentConfig, problem: string): ModelError {
  return new ModelError(`model ${config.model.id} ${problem}`, { code: "invalid_response", retryable: false });
}

function parseArguments(raw: string): unknown {
  if (raw.trim() === "") return {};
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export function emptyUsage(): TokenUsage {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
}

function addUsage(into: TokenUsage, add: { inputTokens: number; outputTokens: number }): void {
  into.inputTokens += add.inputTokens;
  into.outputTokens += add.outputTokens;
  into.totalTokens = into.inputTokens + into.outputTokens;
}
