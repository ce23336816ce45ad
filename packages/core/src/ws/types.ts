import type { CoreRequest, CoreResponse } from "../http/types.js";

/** The server end of one WebSocket, as the adapter exposes it to the core. */
export interface CoreSocket {
  /**
   * Resolves once the frame is handed to the kernel (callers await it to apply backpressure).
   * Never rejects: a frame sent after the peer left is dropped, and `onClose` reports the close.
   */
  send(text: string): Promise<void>;
  close(code: number, reason?: string): void;
}

/** What the core does with an accepted socket. */
export interface SocketHandlers {
  onMessage(data: string | Uint8Array, isBinary: boolean): void;
  onClose(code: number, reason: string): void;
}

/**
 * The core's answer to an upgrade request, decided before the adapter completes the handshake:
 * authorization failures and unknown routes are refused with a plain HTTP response.
 */
export type UpgradeDecision =
  | { reject: CoreResponse }
  | {
      accept(socket: CoreSocket): SocketHandlers;
      /**
       * The subprotocol the server selects from those the client offered (`Sec-WebSocket-Protocol`);
       * none when absent. A protocol's opt-in framing is chosen this way (agents: `switchboard.v1`).
       */
      protocol?: string;
    };

/** The subprotocols a client offered at the handshake, in its order of preference. */
export function offeredSubprotocols(header: string | undefined): string[] {
  return (header ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

export type UpgradeHandler = (req: CoreRequest) => Promise<UpgradeDecision | undefined>;

/** WebSocket close codes the protocols use. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  unsupportedData: 1003,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
} as const;
