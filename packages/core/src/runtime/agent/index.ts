export { type CompactionConfig, compactHistory, estimateTokens, SUMMARY_PREFIX } from "./compaction.js";
export {
  AgentConfigError,
  createAgent,
  defineAgentProfile,
  delegateToolName,
  isResolvedAgentConfig,
  resolveAgentConfig,
} from "./define.js";
export {
  type AgentHarness,
  type AgentSession,
  type InitAgentOptions,
  initAgent,
  type PromptOptions,
  type PromptResult,
} from "./harness.js";
export { AgentInputError, emptyUsage, runAgent } from "./run.js";
export {
  defineSkill,
  LOAD_SKILL_TOOL,
  loadSkills,
  parseSkill,
  type Skill,
  SkillError,
  skillsInstructions,
} from "./skills.js";
export type * from "./types.js";
