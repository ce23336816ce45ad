/** A server-side tool an agent can call. */
export interface Tool<Args = Record<string, unknown>, Result = unknown> {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object; arguments are validated against it before `execute`. */
  parameters: Record<string, unknown>;
  execute(args: Args, ctx: ToolContext): Result | Promise<Result>;
}

export interface ToolContext {
  signal: AbortSignal;
  /** The agent instance and session the call belongs to, when there is one. */
  agent?: { name: string; id: string; session: string };
}
