import type { Requirement } from "../../types.js";
import { authRequirements } from "./auth.js";
import { backgroundRequirements } from "./background.js";
import { badInputRequirements } from "./bad-input.js";
import { chainingRequirements } from "./chaining.js";
import { createRequirements } from "./create.js";
import { inputItemsRequirements } from "./input-items.js";
import { modelsRequirements } from "./models.js";
import { parityRequirements } from "./parity.js";
import { retrieveRequirements } from "./retrieve.js";
import { schemaRequirements } from "./schema.js";
import { streamingRequirements } from "./streaming.js";
import { toolsRequirements } from "./tools.js";

/** The responses requirements, area by area, in the order they run. */
export const responsesRequirements: Requirement[] = [
  ...modelsRequirements,
  ...createRequirements,
  ...chainingRequirements,
  ...streamingRequirements,
  ...toolsRequirements,
  ...retrieveRequirements,
  ...backgroundRequirements,
  ...inputItemsRequirements,
  ...badInputRequirements,
  ...schemaRequirements,
  ...parityRequirements,
  ...authRequirements,
];
