import type { Requirement } from "../../types.js";
import { authRequirements } from "./auth.js";
import { badInputRequirements } from "./bad-input.js";
import { busyAbortRequirements } from "./busy-abort.js";
import { dispatchRequirements } from "./dispatch.js";
import { promptRequirements } from "./prompt.js";
import { pyflueSocketRequirements } from "./pyflue-socket.js";
import { schemaRequirements } from "./schema.js";
import { sessionsRequirements } from "./sessions.js";
import { sseRequirements } from "./sse.js";
import { websocketRequirements } from "./websocket.js";

/** The agents requirements, area by area, in the order they run. */
export const agentsRequirements: Requirement[] = [
  ...promptRequirements,
  ...sessionsRequirements,
  ...sseRequirements,
  ...busyAbortRequirements,
  ...dispatchRequirements,
  ...badInputRequirements,
  ...websocketRequirements,
  ...pyflueSocketRequirements,
  ...schemaRequirements,
  ...authRequirements,
];
