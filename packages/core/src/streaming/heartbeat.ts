import { sseComment } from "../http/response.js";
import type { StreamBody } from "../http/types.js";

/** Default interval of the SSE keep-alive comment. */
export const DEFAULT_HEARTBEAT_MS = 15_000;

const KEEP_ALIVE = sseComment("keep-alive");
const BEAT = Symbol("beat");

/**
 * Passes SSE `frames` on, with a `: keep-alive` comment whenever none came for `heartbeatMs`, so
 * proxies and clients with idle timeouts keep a quiet stream open. A comment line is valid SSE:
 * every conforming parser (OpenAI's SDKs included) skips it.
 *
 * It sits on every streamed response's path, so it costs little per frame: one timer per stream,
 * restarted by each frame rather than replaced, and a plain iterator rather than an async
 * generator (which would add a queue and promises of its own per frame).
 */
export function withHeartbeat(frames: StreamBody, heartbeatMs: number): StreamBody {
  return {
    [Symbol.asyncIterator]() {
      let iterator: AsyncIterator<string> | undefined;
      /** The source's next frame, kept across keep-alives until it comes. */
      let pending: Promise<IteratorResult<string>> | undefined;
      let timer: NodeJS.Timeout | undefined;
      let beat: Promise<typeof BEAT> | undefined;
      let fired = false;
      let finished = false;
      const stop = () => {
        finished = true;
        clearTimeout(timer);
      };
      return {
        async next(): Promise<IteratorResult<string>> {
          if (finished) return { value: undefined, done: true };
          iterator ??= frames[Symbol.asyncIterator]();
          pending ??= iterator.next();
          beat ??= new Promise((resolve) => {
            fired = false;
            timer = setTimeout(() => {
              fired = true;
              resolve(BEAT);
            }, heartbeatMs);
          });
          let step: IteratorResult<string> | typeof BEAT;
          try {
            step = await Promise.race([pending, beat]);
          } catch (error) {
            stop();
            throw error;
          }
          if (step === BEAT) {
            beat = undefined;
            return { value: KEEP_ALIVE, done: false };
          }
          pending = undefined;
          if (step.done) {
            stop();
            return step;
          }
          // The quiet period starts again with this frame; a beat that fired meanwhile is forgotten.
          if (fired) beat = undefined;
          else timer?.refresh();
          return step;
        },
        async return(): Promise<IteratorResult<string>> {
          stop();
          await iterator?.return?.();
          return { value: undefined, done: true };
        },
      };
    },
  };
}
