import type { ModelMessage } from "../model/types.js";
import { runAgent } from "./run.js";
import type { Agent, AgentContext, AgentEvent, ResolvedAgentConfig, TokenUsage } from "./types.js";

export interface InitAgentOptions {
  id: string;
  /** Defaults to `process.env`: the harness runs in the caller's own process. */
  env?: AgentContext["env"];
  payload?: unknown;
  /** The agent's name as tools see it in `ToolContext.agent`. Default `agent`. */
  name?: string;
}

export interface PromptResult {
  text: string;
  usage: TokenUsage;
  model: { id: string };
}

export interface PromptOptions {
  signal?: AbortSignal;
  /** Sees every event of the run as it happens. */
  onEvent?: (event: AgentEvent) => void;
}

export interface AgentSession {
  readonly name: string;
  /** Continues the session with a user message. Prompts to one session run one after another. */
  prompt(text: string, options?: PromptOptions): Promise<PromptResult>;
  /** A copy of the history so far; a failed or aborted prompt leaves no trace in it. */
  history(): ModelMessage[];
}

export interface AgentHarness {
  readonly id: string;
  session(name?: string): AgentSession;
}

/** Runs an agent instance in-process, without a server, with in-memory session histories. */
export function initAgent(agent: Agent, options: InitAgentOptions): AgentHarness {
  const context: AgentContext = {
    id: options.id,
    env: options.env ?? process.env,
    ...(options.payload === undefined ? {} : { payload: options.payload }),
  };
  const name = options.name ?? "agent";
  let config: Promise<ResolvedAgentConfig> | undefined;
  const configure = () => {
    config ??= agent.configure(context).catch((error: unknown) => {
      // A failed configuration (e.g. a missing secret) may succeed on the next prompt.
      config = undefined;
      throw error;
    });
    return config;
  };
  const sessions = new Map<string, AgentSession>();

  function createSession(sessionName: string): AgentSession {
    const history: ModelMessage[] = [];
    let queue: Promise<unknown> = Promise.resolve();

    async function run(text: string, promptOptions: PromptOptions): Promise<PromptResult> {
      const resolved = await configure();
      const input: ModelMessage = { role: "user", content: text };
      for await (const event of runAgent({
        config: resolved,
        messages: [...history, input],
        signal: promptOptions.signal ?? new AbortController().signal,
        context: { agent: { name, id: options.id, session: sessionName }, env: context.env },
      })) {
        promptOptions.onEvent?.(event);
        if (event.type === "done") {
          history.push(input, ...event.messages);
          return { text: event.text, usage: event.usage, model: { id: resolved.model.id } };
        }
      }
      throw new Error("the agent run ended without a result");
    }

    return {
      name: sessionName,
      prompt(text, promptOptions = {}) {
        const result = queue.then(() => run(text, promptOptions));
        queue = result.catch(() => {});
        return result;
      },
      history: () => structuredClone(history),
    };
  }

  return {
    id: options.id,
    session(sessionName = "default") {
      let session = sessions.get(sessionName);
      if (!session) {
        session = createSession(sessionName);
        sessions.set(sessionName, session);
      }
      return session;
    },
  };
}
