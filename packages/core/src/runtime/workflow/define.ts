/** Who a message is from and to; FastAgency clients show these next to the message. */
export interface WorkflowMessageOptions {
  sender?: string;
  recipient?: string;
  /** The message was produced by an agent without a user turn. */
  autoReply?: boolean;
}

export interface TextInputQuestion extends WorkflowMessageOptions {
  prompt: string;
  /** Answers the client may offer; any text is accepted. */
  suggestions?: string[];
  /** The client masks what the user types. */
  password?: boolean;
}

export interface MultipleChoiceQuestion extends WorkflowMessageOptions {
  prompt: string;
  choices: string[];
  /** The choice an empty answer selects; must be one of `choices`. */
  default?: string;
  /** Pick exactly one (default) or, when false, any subset. */
  single?: boolean;
}

export interface FunctionCallSuggestion extends WorkflowMessageOptions {
  functionName: string;
  callId?: string;
  arguments?: Record<string, unknown>;
}

export interface FunctionCallResult extends WorkflowMessageOptions {
  functionName: string;
  callId?: string;
  /** Any JSON value. */
  retval: unknown;
}

/**
 * What a workflow uses to talk to its user. Every method resolves once the message is recorded
 * and handed to the connected client (if any); questions resolve with the user's answer, which
 * the server has already validated. When the run is abandoned, pending and later calls reject
 * with an `AbortError` and `signal` is aborted.
 */
export interface WorkflowUI {
  readonly workflowUuid: string;
  readonly userId: string | null;
  readonly signal: AbortSignal;
  textMessage(body: string, options?: WorkflowMessageOptions): Promise<void>;
  textInput(question: TextInputQuestion): Promise<string>;
  multipleChoice(question: MultipleChoiceQuestion & { single: false }): Promise<string[]>;
  multipleChoice(question: MultipleChoiceQuestion & { single?: true }): Promise<string>;
  multipleChoice(question: MultipleChoiceQuestion): Promise<string | string[]>;
  suggestedFunctionCall(call: FunctionCallSuggestion): Promise<void>;
  functionCallExecution(call: FunctionCallResult): Promise<void>;
  systemMessage(message: Record<string, unknown>, options?: WorkflowMessageOptions): Promise<void>;
  /** Reports a problem without ending the run; `short` is a short code or title. */
  error(short: string, long?: string, options?: WorkflowMessageOptions): Promise<void>;
}

export interface WorkflowDefinition<Params extends Record<string, unknown> = Record<string, unknown>> {
  readonly name: string;
  readonly description: string;
  /**
   * The workflow itself. Its return value becomes `workflow_completed.result` (a string as is,
   * anything else JSON-encoded, `undefined` as null); a throw ends the run with an `error` frame.
   */
  run(ui: WorkflowUI, params: Params): Promise<unknown>;
}

/**
 * Declares a workflow; pass it to `workflowsProtocol({ workflows: [...] })`.
 *
 * A run must be deterministic. When the server process executing a run dies, another process
 * asked to resume it takes it over by calling `run(ui, params)` again from the start: each `ui`
 * call that already happened returns its recorded result without sending anything (messages are
 * matched by their position; answered questions return the recorded answer; an unanswered one is
 * asked again under the same uuid), then the run carries on live. So, given the same params and
 * the same answers, `run` must make the same `ui` calls in the same order. Work with effects
 * outside the run (payments, emails, reading the clock or randomness that decides what to send)
 * is not repeated safely on its own: report its outcome through `ui.functionCallExecution`
 * (recorded), and make the effect itself idempotent. A run that departs from its record, or that
 * needs the answer to a `password` question (never stored), fails instead of being taken over.
 */
export function defineWorkflow<Params extends Record<string, unknown> = Record<string, unknown>>(
  definition: WorkflowDefinition<Params>,
): WorkflowDefinition<Params> {
  if (typeof definition.name !== "string" || definition.name.trim() === "") {
    throw new TypeError("a workflow needs a non-empty name");
  }
  if (typeof definition.description !== "string") {
    throw new TypeError(`workflow ${definition.name} needs a description`);
  }
  if (typeof definition.run !== "function") throw new TypeError(`workflow ${definition.name} needs a run function`);
  return Object.freeze({ name: definition.name, description: definition.description, run: definition.run });
}
