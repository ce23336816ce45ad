import type {
  CompactedResponse,
  CompactRequest,
  CreateResponse,
  DeletedResponse,
  InputTokensCount,
  InputTokensRequest,
  ItemResource,
  ResponseItemList,
  ResponseObject,
  ResponseStreamEvent,
} from "@switchboard/protocol/responses";
import type { SseEvent, Transport } from "./transport.js";

export interface CallOptions {
  signal?: AbortSignal;
}

export interface InputItemsQuery {
  /** Page size, 1–100 (the server's default is 20). */
  limit?: number;
  /** `desc` (newest first) is the server's default. */
  order?: "asc" | "desc";
  /** An item id: the page starts after it. */
  after?: string;
}

export interface ReplayOptions extends CallOptions {
  /** Only events whose `sequence_number` is greater than this. */
  startingAfter?: number;
}

/** `/v1/responses`: create, stream, retrieve, replay, delete, cancel, list input items, count input tokens and compact. */
export class ResponsesClient {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** Creates a response and returns it complete (or `queued`, with `background: true`). */
  create(body: CreateResponse & { stream?: false | null }, options?: CallOptions): Promise<ResponseObject> {
    return this.#transport.json("POST", "/v1/responses", { body, signal: options?.signal });
  }

  /** Creates a response and yields its stream events; ends after the final event. Breaking out closes the connection. */
  stream(body: Omit<CreateResponse, "stream">, options?: CallOptions): AsyncGenerator<ResponseStreamEvent> {
    return streamEvents(
      this.#transport.events("POST", "/v1/responses", { body: { ...body, stream: true }, signal: options?.signal }),
    );
  }

  retrieve(id: string, options?: CallOptions): Promise<ResponseObject> {
    return this.#transport.json("GET", `/v1/responses/${encodeURIComponent(id)}`, { signal: options?.signal });
  }

  /** Replays a stored response's events, continuing live while it still runs. */
  replay(id: string, options?: ReplayOptions): AsyncGenerator<ResponseStreamEvent> {
    return streamEvents(
      this.#transport.events("GET", `/v1/responses/${encodeURIComponent(id)}`, {
        query: { stream: true, starting_after: options?.startingAfter },
        signal: options?.signal,
      }),
    );
  }

  delete(id: string, options?: CallOptions): Promise<DeletedResponse> {
    return this.#transport.json("DELETE", `/v1/responses/${encodeURIComponent(id)}`, { signal: options?.signal });
  }

  /** Cancels a background response; returns it with status `cancelled` (or unchanged when it already ended). */
  cancel(id: string, options?: CallOptions): Promise<ResponseObject> {
    return this.#transport.json("POST", `/v1/responses/${encodeURIComponent(id)}/cancel`, { signal: options?.signal });
  }

  /** The input tokens a create with this body would send to the agent's model. */
  inputTokens(body: InputTokensRequest, options?: CallOptions): Promise<InputTokensCount> {
    return this.#transport.json("POST", "/v1/responses/input_tokens", { body, signal: options?.signal });
  }

  /** Compacts a history (`input` and/or `previous_response_id`); send the `output` as the next input. */
  compact(body: CompactRequest, options?: CallOptions): Promise<CompactedResponse> {
    return this.#transport.json("POST", "/v1/responses/compact", { body, signal: options?.signal });
  }

  /** One page of a stored response's input items. */
  inputItems(id: string, query?: InputItemsQuery, options?: CallOptions): Promise<ResponseItemList> {
    return this.#transport.json("GET", `/v1/responses/${encodeURIComponent(id)}/input_items`, {
      query: { limit: query?.limit, order: query?.order, after: query?.after },
      signal: options?.signal,
    });
  }

  /** Every input item, fetching page after page. */
  async *allInputItems(id: string, query?: Omit<InputItemsQuery, "after">, options?: CallOptions) {
    let after: string | undefined;
    for (;;) {
      const page = await this.inputItems(id, { ...query, after }, options);
      yield* page.data as ItemResource[];
      if (!page.has_more || page.last_id === null) return;
      after = page.last_id;
    }
  }
}

async function* streamEvents(frames: AsyncGenerator<SseEvent>): AsyncGenerator<ResponseStreamEvent> {
  for await (const frame of frames) {
    if (frame.data === "[DONE]") return;
    yield JSON.parse(frame.data) as ResponseStreamEvent;
  }
}
