export { parseDatastoreArgs, SETUP_DATASTORE_FLAG, SETUP_DATASTORE_HELP } from "./cli.js";
export { type AdvisoryLocks, type Database, postgresDatabase, type Queryable } from "./database.js";
export {
  checkDatastore,
  DatastoreSchemaError,
  MIGRATIONS,
  type Migration,
  SCHEMA_VERSION,
  type SetupResult,
  setupDatastore,
} from "./migrations.js";
export { pgliteDatabase } from "./pglite.js";
export { type DatastoreOptions, openDatastore, type SqlStore, type SqlStoreOptions, sqlStore } from "./store.js";
