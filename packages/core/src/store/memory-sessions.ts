import { abortReason } from "../model/abort.js";
import type { ModelMessage } from "../model/types.js";
import {
  type SessionKey,
  type SessionLock,
  type SessionLockOptions,
  type SessionStore,
  sessionKeyString,
} from "./sessions.js";

interface LockState {
  /** Resolvers of the waiters, first come first served. */
  waiters: Array<() => void>;
}

/** Sessions in process memory: for tests, demos and single-process servers without a database. */
export function memorySessionStore(): SessionStore {
  const histories = new Map<string, ModelMessage[]>();
  const locks = new Map<string, LockState>();

  const grant = (name: string): SessionLock => {
    let released = false;
    return {
      async release() {
        if (released) return;
        released = true;
        const state = locks.get(name);
        const next = state?.waiters.shift();
        if (next) next();
        else locks.delete(name);
      },
    };
  };

  return {
    async load(key: SessionKey) {
      return structuredClone(histories.get(sessionKeyString(key)) ?? []);
    },

    async append(key: SessionKey, messages: readonly ModelMessage[]) {
      const name = sessionKeyString(key);
      const existing = histories.get(name) ?? [];
      histories.set(name, [...existing, ...structuredClone(messages)]);
    },

    lock(key: SessionKey, options: SessionLockOptions) {
      const name = sessionKeyString(key);
      const state = locks.get(name);
      if (!state) {
        locks.set(name, { waiters: [] });
        return Promise.resolve(grant(name));
      }
      if (!options.wait) return Promise.resolve(undefined);
      const { signal } = options;
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      return new Promise<SessionLock>((resolve, reject) => {
        const waiter = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(grant(name));
        };
        const onAbort = () => {
          const index = state.waiters.indexOf(waiter);
          if (index !== -1) state.waiters.splice(index, 1);
          reject(abortReason(signal!));
        };
        state.waiters.push(waiter);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
  };
}
