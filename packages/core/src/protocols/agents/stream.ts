import { sseFrame } from "../../http/response.js";
import type { PromptRun, RunFollower } from "./run.js";

// The SSE side of a prompt run held in this process: following its events and framing them.

/** Follows a run from `from`; the generator ends after the run's last event or when `signal` aborts. */
export async function* followRun(run: PromptRun, from: number, signal: AbortSignal): AsyncGenerator<number> {
  const follower: RunFollower = { position: from };
  run.followers.add(follower);
  try {
    for (;;) {
      while (follower.position < run.events.length) {
        const index = follower.position++;
        run.progressed();
        yield index;
        if (signal.aborted) return;
      }
      if (run.done || signal.aborted) return;
      await run.changed(follower.position, signal);
    }
  } finally {
    run.followers.delete(follower);
    run.progressed();
  }
}

/** The SSE frames of a run's events from `from`, each with its resumable id `{streamId}:{index}`. */
export async function* runFrames(run: PromptRun, from: number, signal: AbortSignal): AsyncGenerator<string> {
  for await (const index of followRun(run, from, signal)) {
    const event = run.events[index]!;
    yield sseFrame({ event: event.type, id: `${run.streamId}:${index}`, data: event });
  }
}
