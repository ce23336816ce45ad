import type { Requirement } from "../../types.js";
import { answersRequirements } from "./answers.js";
import { authRequirements } from "./auth.js";
import { failureRequirements } from "./failure.js";
import { firstFrameRequirements } from "./first-frame.js";
import { httpRequirements } from "./http.js";
import { resumeRequirements } from "./resume.js";
import { runRequirements } from "./run.js";
import { schemaRequirements } from "./schema.js";

/** The workflows requirements, area by area, in the order they run. */
export const workflowsRequirements: Requirement[] = [
  ...httpRequirements,
  ...runRequirements,
  ...answersRequirements,
  ...firstFrameRequirements,
  ...failureRequirements,
  ...resumeRequirements,
  ...schemaRequirements,
  ...authRequirements,
];
