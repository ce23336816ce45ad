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
 * restarted by each frame rather than replaced; a plain iterator rather than an async generator
 * (which would add a queue and promises of its own per frame); and one promise per frame that the
 * source's next frame or the timer settles. (`Promise.race` against a beat promise kept for the
 * whole quiet period would leave a reaction on that promise per frame, 100,000 for a long stream.)
 */
export function withHeartbeat(frames: StreamBody, heartbeatMs: number): StreamBody {
  return {
    [Symbol.asyncIterator]() {
      let iterator: AsyncIterator<string> | undefined;
      /** The source's next frame, kept across keep-alives until it comes. */
      let pending: Promise<IteratorResult<string>> | undefined;
      let timer: NodeJS.Timeout | undefined;
      /** Settles the `next()` waiting for a frame, with the beat when the stream stays quiet. */
      let wake: ((step: IteratorResult<string> | typeof BEAT) => void) | undefined;
      let finished = false;
      const stop = () => {
        finished = true;
        clearTimeout(timer);
      };
      const beat = () => {
        // Nobody waiting means the consumer is still busy with the last frame: not a quiet stream.
        if (wake) wake(BEAT);
        else timer?.refresh();
      };
      return {
        async next(): Promise<IteratorResult<string>> {
          if (finished) return { value: undefined, done: true };
          iterator ??= frames[Symbol.asyncIterator]();
          pending ??= iterator.next();
          const next = pending;
          timer ??= setTimeout(beat, heartbeatMs);
          let step: IteratorResult<string> | typeof BEAT;
          try {
            step = await new Promise<IteratorResult<string> | typeof BEAT>((resolve, reject) => {
              wake = resolve;
              next.then(resolve, reject);
            });
          } catch (error) {
            stop();
            throw error;
          } finally {
            wake = undefined;
          }
          timer.refresh();
          if (step === BEAT) return { value: KEEP_ALIVE, done: false };
          pending = undefined;
          if (step.done) stop();
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
