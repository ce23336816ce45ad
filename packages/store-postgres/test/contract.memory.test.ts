import { memoryStore } from "@switchboard/core";
import { conversationContract, type StoreHarness, storeContract } from "./contract/index.js";

const harness: StoreHarness = {
  open: async (options) => memoryStore(options),
  atomicDispatchAppend: false,
};

storeContract("memory", harness);
conversationContract("memory", harness);
