import { memoryStore } from "@switchboard/core";
import { type StoreHarness, storeContract } from "./contract.js";
import { conversationContract } from "./conversations-contract.js";

const harness: StoreHarness = {
  open: async (options) => memoryStore(options),
  atomicDispatchAppend: false,
};

storeContract("memory", harness);
conversationContract("memory", harness);
