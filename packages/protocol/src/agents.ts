export * from "./generated/agents.constants.js";
export type { components as AgentsComponents, paths as AgentsPaths } from "./generated/agents.js";
export * from "./generated/agents.schemas.js";
export { validate } from "./generated/agents.validate.js";
