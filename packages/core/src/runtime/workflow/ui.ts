// The `ui` object a workflow talks to its user through (see `WorkflowUI` in define.ts): each call
// turned into a message or a question for the run. Apart from run.ts because it is the workflow
// author's face of the run, while run.ts keeps the run's state.
import type { Question } from "./answers.js";
import type {
  FunctionCallResult,
  FunctionCallSuggestion,
  MultipleChoiceQuestion,
  TextInputQuestion,
  WorkflowMessageOptions,
  WorkflowUI,
} from "./define.js";
import type { ContentOf, ServerFrameType } from "./messages.js";

/** What the `ui` object needs of its run. */
export interface UIHost {
  readonly workflowUuid: string;
  readonly userId: string | null;
  readonly signal: AbortSignal;
  /** Sends a message; resolves once it is recorded and handed to the connection. */
  emit<T extends ServerFrameType>(type: T, content: ContentOf<T>, options: WorkflowMessageOptions): Promise<void>;
  /** Asks a question; resolves with the checked answer. */
  ask(question: Question, options: WorkflowMessageOptions): Promise<string | string[]>;
}

export function createUI(host: UIHost): WorkflowUI {
  const envelope = (o: WorkflowMessageOptions | undefined) => o ?? {};
  const ui = {
    workflowUuid: host.workflowUuid,
    userId: host.userId,
    signal: host.signal,
    textMessage: (body: string, options?: WorkflowMessageOptions) =>
      host.emit("text_message", { body }, envelope(options)),
    textInput: (q: TextInputQuestion) =>
      host.ask(
        {
          kind: "text_input",
          content: { prompt: q.prompt, suggestions: q.suggestions ?? [], password: q.password ?? false },
        },
        q,
      ) as Promise<string>,
    multipleChoice: (q: MultipleChoiceQuestion) => askChoice(host, q),
    suggestedFunctionCall: (c: FunctionCallSuggestion) =>
      host.emit(
        "suggested_function_call",
        { function_name: c.functionName, call_id: c.callId ?? null, arguments: c.arguments ?? {} },
        c,
      ),
    functionCallExecution: (c: FunctionCallResult) =>
      host.emit(
        "function_call_execution",
        { function_name: c.functionName, call_id: c.callId ?? null, retval: c.retval ?? null },
        c,
      ),
    systemMessage: (message: Record<string, unknown>, options?: WorkflowMessageOptions) =>
      host.emit("system_message", { message }, envelope(options)),
    error: (short: string, long?: string, options?: WorkflowMessageOptions) =>
      host.emit("error", { short, long: long ?? null }, envelope(options)),
  };
  return ui as WorkflowUI;
}

function askChoice(host: UIHost, q: MultipleChoiceQuestion): Promise<string | string[]> {
  if (!Array.isArray(q.choices) || q.choices.length === 0) {
    return Promise.reject(new TypeError("multipleChoice needs at least one choice"));
  }
  if (q.default !== undefined && !q.choices.includes(q.default)) {
    return Promise.reject(
      new TypeError(`multipleChoice default ${JSON.stringify(q.default)} is not one of its choices`),
    );
  }
  const content = { prompt: q.prompt, choices: [...q.choices], default: q.default ?? null, single: q.single ?? true };
  return host.ask({ kind: "multiple_choice", content }, q);
}
