export class PostgresUnavailableError extends Error {}

export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication, loopback only). */
  url: string;
  /** The temp directory holding the data directory and the unix socket. */
  dir: string;
  /** The running server's pid (a new one after `resume()`). */
  readonly pid: number;
  /** An outage: stops the server at once (SIGQUIT), keeping its data for `resume()`. */
  halt(): Promise<void>;
  /** Starts the halted server again, on the same port and data. */
  resume(): Promise<void>;
  /** Shuts the server down and deletes its directory. */
  stop(): Promise<void>;
}

/** The directory holding initdb and postgres; throws PostgresUnavailableError when there is none. */
export function findPostgresBin(): string;

export function startPostgres(options?: { timeoutMs?: number }): Promise<RunningPostgres>;
