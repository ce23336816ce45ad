import type { AgentEvent } from "@switchboard/protocol/agents";
import { abortReason } from "../runtime/model/abort.js";
import type { ModelMessage } from "../runtime/model/types.js";
import {
  type SessionKey,
  type SessionLock,
  type SessionLockOptions,
  type SessionStore,
  sessionKeyString,
} from "./sessions.js";

interface StreamLog {
  key: SessionKey;
  events: AgentEvent[];
  ended: boolean;
  /** `Date.now()` after which the log is gone. */
  expiresAt: number;
}

interface LockState {
  /** Resolvers of the waiters, first come first served. */
  waiters: Array<() => void>;
}

/** Sessions in process memory: for tests, demos and single-process servers without a database. */
export function memorySessionStore(): SessionStore {
  const histories = new Map<string, ModelMessage[]>();
  const locks = new Map<string, LockState>();
  const streams = new Map<string, StreamLog>();
  let prunedAt = 0;

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

    async appendStreamEvents(streamId, key, from, events, { ended, keepMs }) {
      const now = Date.now();
      // At most one sweep per window: expired logs are unreadable anyway, this only frees them.
      if (now - prunedAt >= keepMs) {
        prunedAt = now;
        for (const [id, log] of streams) if (log.expiresAt <= now) streams.delete(id);
      }
      let log = streams.get(streamId);
      if (!log) {
        log = { key: { agent: key.agent, id: key.id, session: key.session }, events: [], ended: false, expiresAt: 0 };
        streams.set(streamId, log);
      }
      for (let i = Math.max(0, log.events.length - from); i < events.length; i++) {
        log.events[from + i] = structuredClone(events[i]!);
      }
      log.ended ||= ended;
      log.expiresAt = now + keepMs;
    },

    async readStreamEvents(streamId, after) {
      const log = streams.get(streamId);
      if (!log || log.expiresAt <= Date.now()) return undefined;
      return {
        key: { ...log.key },
        events: structuredClone(log.events.slice(Math.max(0, after + 1))),
        length: log.events.length,
        ended: log.ended,
        // Its writer is this process, alive while anyone can read.
        abandoned: false,
      };
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
