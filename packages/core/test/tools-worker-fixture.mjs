// Implementations for the worker-tool tests; loaded inside worker threads, so plain JavaScript.
import { threadId } from "node:worker_threads";

/** Keeps a CPU busy for `ms` milliseconds without yielding, as a heavy computation would. */
export function busyFor({ ms }) {
  const end = Date.now() + ms;
  let spins = 0;
  while (Date.now() < end) spins++;
  return { spins, threadId };
}

export async function explode({ message }) {
  throw new RangeError(message);
}

/** Never returns; announces itself every 10 ms so the test can tell whether it still runs. */
export function spin() {
  const channel = new BroadcastChannel("switchboard-spin-tool");
  let last = 0;
  for (;;) {
    if (Date.now() - last >= 10) {
      last = Date.now();
      channel.postMessage("tick");
    }
  }
}

export const doubler = {
  execute: (args, ctx) => ({ doubled: args.n * 2, agent: ctx.agent }),
};
