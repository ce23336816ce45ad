import type { ModelInfo, ModelList } from "@switchboard/protocol/responses";
import type { CallOptions } from "./responses.js";
import type { Transport } from "./transport.js";

/** `/v1/models`: the served agents, presented as models. */
export class ModelsClient {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  list(options?: CallOptions): Promise<ModelList> {
    return this.#transport.json("GET", "/v1/models", { signal: options?.signal });
  }

  retrieve(id: string, options?: CallOptions): Promise<ModelInfo> {
    return this.#transport.json("GET", `/v1/models/${encodeURIComponent(id)}`, { signal: options?.signal });
  }
}
