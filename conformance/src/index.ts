export { type Target, TestContext } from "./context.js";
export { parseExpectedFailures } from "./expected.js";
export { registry } from "./registry.js";
export { countTable, formatListing, formatResult, formatSummary, toJUnit } from "./report.js";
export { type RunOptions, runConformance, selectRequirements, UnreachableServerError } from "./run.js";
export type {
  Kind,
  Level,
  Outcome,
  Profile,
  Protocol,
  Report,
  Requirement,
  RequirementResult,
  Tally,
} from "./types.js";
export { LEVELS, PROFILES, PROTOCOLS } from "./types.js";
