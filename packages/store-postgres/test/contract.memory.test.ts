import { memoryStore } from "@switchboard/core";
import { storeContract } from "./contract.js";

storeContract("memory", {
  open: async (options) => memoryStore(options),
  atomicDispatchAppend: false,
});
