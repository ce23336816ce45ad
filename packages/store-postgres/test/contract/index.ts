/**
 * The store contract: one suite every Store implementation passes (memory, PGlite, Postgres).
 * Each test opens a fresh, empty store; `peer` opens a second handle on the same data the way a
 * second server process would (only where the implementation is shared between processes).
 * Each concern has its own file here; this one strings them together in one describe per store.
 */
import type { DispatchStoreOptions, Store } from "@switchboard/core";
import { afterEach, describe } from "vitest";
import { busContract } from "./bus.js";
import { dispatchContract } from "./dispatch.js";
import type { ContractContext, StoreHarness } from "./fixtures.js";
import { responsesContract } from "./responses.js";
import { sessionsContract } from "./sessions.js";
import { sharedContract } from "./shared.js";
import { streamLogsContract } from "./stream-logs.js";
import { workflowsContract } from "./workflows.js";

export { conversationContract } from "./conversations.js";
export { response, type StoreHarness } from "./fixtures.js";

export function storeContract(name: string, harness: StoreHarness): void {
  describe(`store contract: ${name}`, () => {
    const opened: Store[] = [];
    const open = async (options?: { dispatch?: DispatchStoreOptions }) => {
      const store = await harness.open(options);
      opened.push(store);
      return store;
    };
    const peer = async (of: Store, options?: { dispatch?: DispatchStoreOptions }) => {
      const store = await harness.peer!(of, options);
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    const context: ContractContext = { harness, open, peer };

    responsesContract(context);
    sessionsContract(context);
    streamLogsContract(context);
    workflowsContract(context);
    dispatchContract(context);
    busContract(context);
    if (!harness.peer) return;
    sharedContract(context);
  });
}
