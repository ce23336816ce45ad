import type { CreateResponse, ResponseStreamEvent } from "@switchboard/protocol/responses";
import type { CoreRequest } from "../../http/types.js";
import type { HistoryItem } from "./input.js";

/**
 * A response checked and ready to run: what `POST /v1/responses` prepares before its first
 * event, handed to WebSocket mode and Chat Completions so they run agents the same way.
 */
export interface PreparedTurn {
  /** The history the response continues (its chain), before its own input. */
  readonly earlier: readonly HistoryItem[];
  readonly inputItems: readonly HistoryItem[];
  /** Aborting it stops the run; a stored response is then recorded as cancelled. */
  readonly controller: AbortController;
  /** Settles once the run has ended and recorded its outcome. */
  readonly finished: Promise<void>;
  /** The response as it stands; final once `events()` has ended. */
  readonly response: { readonly id: string; readonly status: string; readonly output: readonly HistoryItem[] };
  /** Runs it: the response's events in wire order, `sequence_number` from 0. */
  events(): AsyncGenerator<ResponseStreamEvent>;
}

/** What WebSocket mode and Chat Completions ask of the responses module. */
export interface TurnHost {
  /**
   * Checks `request` as `POST /v1/responses` does and prepares its run; `earlier` (a socket's
   * memory of the previous response's history) stands in for the stored chain. Throws
   * `ResponsesApiError`.
   */
  prepare(request: CreateResponse, earlier?: readonly HistoryItem[]): Promise<PreparedTurn>;
}

/**
 * Closing the connection aborts the run. Forwarded by hand rather than with AbortSignal.any: where
 * the request offers `onAbort`, its own AbortSignal is never created.
 */
export function abortWhenClosed(req: CoreRequest, controller: AbortController, finished: Promise<void>): void {
  if (req.onAbort) {
    req.onAbort(() => controller.abort());
    return;
  }
  const clientGone = () => controller.abort(req.signal.reason);
  if (req.signal.aborted) clientGone();
  else {
    req.signal.addEventListener("abort", clientGone, { once: true });
    void finished.then(() => req.signal.removeEventListener("abort", clientGone));
  }
}
