import type { ItemResource, OutputItem, ResponseObject, ResponseStreamEvent } from "@switchboard/protocol/responses";

export interface InputItemsPage {
  items: ItemResource[];
  hasMore: boolean;
}

export interface InputItemsCursor {
  limit: number;
  /** `asc`: in the order they were sent; `desc`: last sent first. */
  order: "asc" | "desc";
  /** An item id; the page starts right after it in `order`. */
  after?: string;
}

/**
 * Where the Responses protocol keeps stored responses, their input items and their stream event
 * logs. Records are plain JSON so any database can hold them; the protocol never relies on getting
 * back the same object it put.
 */
export interface ResponseStore {
  /**
   * Inserts the response or replaces the stored one with the same id. A store shared between
   * processes records which process put an unfinished (`queued` or `in_progress`) response, for
   * `takeOver`.
   */
  putResponse(response: ResponseObject): Promise<void>;
  getResponse(id: string): Promise<ResponseObject | undefined>;
  /** Deletes the response with its input items and events; `false` when there was none. */
  deleteResponse(id: string): Promise<boolean>;
  /**
   * Stores a new, finished response together with its input items, as one atomic step; rejects
   * when a response with its id is stored already. Used for a response nobody can read before it
   * has finished (stored, neither streamed nor in the background: its id reaches the client with
   * the finished response), which is then written once, with no event log; a replay of it
   * synthesizes its events (`logOf`). Optional: without it, the protocol calls `putResponse` and
   * then `putInputItems`.
   */
  putFinished?(response: ResponseObject, inputItems: readonly ItemResource[]): Promise<void>;
  /** Stores the input items of a response, in the order they were sent (once, when it is created). */
  putInputItems(responseId: string, items: readonly ItemResource[]): Promise<void>;
  /** Every input item of the response, in the order they were sent. */
  getInputItems(responseId: string): Promise<ItemResource[]>;
  /** A page of input items; `undefined` when `after` names no item of the response. */
  listInputItems(responseId: string, cursor: InputItemsCursor): Promise<InputItemsPage | undefined>;
  /**
   * Appends one stream event; a response's events arrive with `sequence_number` 0, 1, 2 … without
   * gaps. Nothing is stored for a response that does not exist (deleted meanwhile).
   */
  appendEvent(responseId: string, event: ResponseStreamEvent): Promise<void>;
  /**
   * Appends consecutive stream events and, when `response` is given, replaces the stored response,
   * as one atomic step: a reader sees all of it or none of it. A database does this in one round
   * trip where `appendEvent` per event and `putResponse` would take one each. Nothing is stored
   * (not even `response`) when the response does not exist (deleted meanwhile).
   */
  appendEvents(responseId: string, events: readonly ResponseStreamEvent[], response?: ResponseObject): Promise<void>;
  /** The stored events whose `sequence_number` is greater than `after`, in order. */
  readEvents(responseId: string, after: number): Promise<ResponseStreamEvent[]>;
  /**
   * Claims for this process an unfinished response whose process is gone (it stopped without
   * recording an outcome), so that of the processes noticing, exactly one records what became of
   * it. False when the response is finished, unknown, or its process is alive. A store that lives
   * and dies with its process (the in-memory one) never has such a response.
   */
  takeOver(id: string): Promise<boolean>;
  /** An input or output item of any stored response, by its id (for `item_reference`). */
  findItem?(itemId: string): Promise<ItemResource | OutputItem | undefined>;
  close?(): Promise<void>;
}
