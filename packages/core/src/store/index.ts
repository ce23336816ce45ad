import { memoryDispatchStore } from "../protocols/agents/dispatch-memory.js";
import type { DispatchStore, DispatchStoreOptions } from "../protocols/agents/dispatch-store.js";
import { type EventBus, memoryBus } from "./bus.js";
import { type ConversationStore, memoryConversationStore } from "./conversations.js";
import { memoryResponseStore } from "./memory-responses.js";
import { memorySessionStore } from "./memory-sessions.js";
import type { ResponseStore } from "./responses.js";
import type { SessionStore } from "./sessions.js";
import { InMemoryWorkflowStore, type WorkflowStore } from "./workflows.js";

/**
 * Everything Switchboard keeps, behind one value: the protocols take their part of it. Memory,
 * PGlite and Postgres implement it alike (`@switchboard/store-postgres` holds the last two).
 */
export interface Store {
  responses: ResponseStore;
  conversations: ConversationStore;
  sessions: SessionStore;
  workflows: WorkflowStore;
  dispatch: DispatchStore;
  bus: EventBus;
  /** Resolves when the store's database answers; rejects while it cannot be reached (readiness). */
  ping?(): Promise<void>;
  /** Releases connections and timers; the store is unusable afterwards. */
  close(): Promise<void>;
}

/** A store in process memory: nothing survives the process, nothing is shared with another. */
export function memoryStore(options: { dispatch?: DispatchStoreOptions } = {}): Store {
  const responses = memoryResponseStore();
  const conversations = memoryConversationStore();
  const sessions = memorySessionStore();
  const workflows = new InMemoryWorkflowStore();
  const dispatch = memoryDispatchStore(options.dispatch);
  const bus = memoryBus();
  return {
    responses,
    conversations,
    sessions,
    workflows,
    dispatch,
    bus,
    async ping() {},
    async close() {
      await Promise.all([responses.close?.(), sessions.close?.(), dispatch.close?.(), bus.close?.()]);
    },
  };
}
