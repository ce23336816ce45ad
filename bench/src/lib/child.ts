/** The child side of the IPC protocol described in process.ts. */

export interface Call {
  id: number;
  command: string;
  args: unknown;
}

type Handler = (args: never) => unknown;

/** Answers the parent's calls with `handlers`, after reporting `ready` (with `extra`) once. */
export function serveCalls(handlers: Record<string, Handler>, extra: Record<string, unknown> = {}): void {
  if (!process.send) throw new Error("this entry point runs as a forked child of bench/src/run.ts");
  process.on("message", async (message: Call) => {
    const handler = handlers[message.command];
    try {
      if (!handler) throw new Error(`unknown command ${message.command}`);
      const value = await handler(message.args as never);
      process.send!({ id: message.id, value: value ?? null });
    } catch (error) {
      process.send!({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  // The parent going away must never leave a server running.
  process.on("disconnect", () => process.exit(0));
  process.send({ ready: true, ...extra });
}
