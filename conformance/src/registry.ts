import { agentsRequirements } from "./requirements/agents/index.js";
import {
  agentsHardeningRequirements,
  responsesHardeningRequirements,
  workflowsHardeningRequirements,
} from "./requirements/hardening.js";
import { responsesRequirements } from "./requirements/responses/index.js";
import { workflowsRequirements } from "./requirements/workflows/index.js";
import type { Requirement } from "./types.js";

/** Every requirement of the suite, grouped by protocol, in the order they run. */
export const registry: readonly Requirement[] = [
  ...responsesRequirements,
  ...responsesHardeningRequirements,
  ...agentsRequirements,
  ...agentsHardeningRequirements,
  ...workflowsRequirements,
  ...workflowsHardeningRequirements,
];

const ID = /^(RESP|AGENT|WF)-[A-Z]+-\d{3}$/;
const seen = new Set<string>();
for (const r of registry) {
  if (!ID.test(r.id)) throw new Error(`requirement id ${r.id} does not match ${ID}`);
  if (seen.has(r.id)) throw new Error(`duplicate requirement id ${r.id}`);
  seen.add(r.id);
}
