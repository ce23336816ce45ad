/**
 * Logging. Switchboard writes structured JSON lines through pino, or through any logger with
 * pino's calling convention (`logger.info({fields}, "message")`) that the application injects.
 */
import { pino } from "pino";

type LogFn = {
  (fields: object, message?: string): void;
  (message: string): void;
};

/** What Switchboard needs of a logger; a pino logger is one, and so is a thin wrapper of any other. */
export interface SwitchboardLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  /** Whether lines of `level` are written; without it every level is assumed to be. */
  isLevelEnabled?(level: string): boolean;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * A pino logger writing JSON lines to standard error at `level` (default `SWITCHBOARD_LOG_LEVEL`,
 * else `warn`: a library says nothing per request unless asked; `switchboard serve` asks for
 * `info`, which adds one access line per request).
 */
export function createLogger(level: LogLevel = defaultLevel()): SwitchboardLogger {
  // Synchronous: a line written just before the process exits is not lost.
  return pino({ level, base: { name: "switchboard" } }, pino.destination({ fd: 2, sync: true }));
}

function defaultLevel(): LogLevel {
  const level = process.env.SWITCHBOARD_LOG_LEVEL;
  return level && (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : "warn";
}

/** Whether `logger` writes `level`; loggers that cannot tell are assumed to. */
export function logs(logger: SwitchboardLogger, level: string): boolean {
  return logger.isLevelEnabled ? logger.isLevelEnabled(level) : true;
}

let fallback: SwitchboardLogger | undefined;

/**
 * The logger of code that runs outside any app (stream plumbing, the event bus, workflow runs):
 * a pino logger as `createLogger()` makes it, created on first use.
 */
export function defaultLogger(): SwitchboardLogger {
  fallback ??= createLogger();
  return fallback;
}
