/** The command-line flag that lets `switchboard serve` create or upgrade the database schema. */
export const SETUP_DATASTORE_FLAG = "--setup-datastore";

export const SETUP_DATASTORE_HELP = `  ${SETUP_DATASTORE_FLAG}      create or upgrade the database schema before serving (needed once per
                         Postgres database and after upgrades; the embedded store does it itself)`;

/**
 * Takes the datastore flags out of a command line: `setup` is true when `--setup-datastore` is
 * present (undefined otherwise, so the store's default applies), `rest` is everything else.
 */
export function parseDatastoreArgs(args: readonly string[]): { setup: true | undefined; rest: string[] } {
  const rest = args.filter((arg) => arg !== SETUP_DATASTORE_FLAG);
  return { setup: rest.length < args.length ? true : undefined, rest };
}
