export class PostgresUnavailableError extends Error {}

export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication, loopback only). */
  url: string;
  /** The temp directory holding the data directory and the unix socket. */
  dir: string;
  pid: number;
  /** Shuts the server down and deletes its directory. */
  stop(): Promise<void>;
}

/** The directory holding initdb and postgres; throws PostgresUnavailableError when there is none. */
export function findPostgresBin(): string;

export function startPostgres(options?: { timeoutMs?: number }): Promise<RunningPostgres>;
