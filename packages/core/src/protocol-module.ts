import type { CoreRequest, CoreResponse } from "./http/types.js";
import type { UpgradeDecision } from "./ws/types.js";

/**
 * One wire protocol mounted in a Switchboard app. The app asks each module in turn; a module
 * answers `undefined` for paths outside its prefix, and owns every path inside it (including
 * its own 404 and 405 in its own error envelope).
 */
export interface ProtocolModule {
  readonly name: "responses" | "agents" | "workflows";
  handle(req: CoreRequest): Promise<CoreResponse | undefined>;
  upgrade?(req: CoreRequest): Promise<UpgradeDecision | undefined>;
  /** Stops timers and background work; pending work is aborted. */
  close?(): Promise<void>;
}
