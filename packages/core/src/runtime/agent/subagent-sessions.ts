import type { ModelMessage } from "../model/types.js";

/**
 * The histories of subagents, one per parent session and subagent: a subagent delegated to twice
 * in one conversation remembers the first task. Kept in this process (the most recently used
 * sessions), as a subagent's history is working memory, not the conversation of record.
 */
const histories = new Map<string, ModelMessage[]>();
const turns = new Map<string, Promise<unknown>>();
const MAX_SESSIONS = 1000;

export function subagentSessionKey(parent: { name: string; id: string; session: string }, key: string): string {
  return JSON.stringify([parent.name, parent.id, parent.session, key]);
}

/** Runs `turn` with the session's history; what it returns is appended. Turns of one session run one at a time. */
export function withSubagentSession<T>(
  sessionKey: string,
  turn: (history: ModelMessage[]) => Promise<{ result: T; added: ModelMessage[] }>,
): Promise<T> {
  const previous = turns.get(sessionKey) ?? Promise.resolve();
  const next = previous
    .catch(() => {})
    .then(async () => {
      const history = histories.get(sessionKey) ?? [];
      const { result, added } = await turn([...history]);
      histories.delete(sessionKey);
      histories.set(sessionKey, [...history, ...added]);
      if (histories.size > MAX_SESSIONS) histories.delete(histories.keys().next().value!);
      return result;
    });
  const settled = next.finally(() => {
    if (turns.get(sessionKey) === settled) turns.delete(sessionKey);
  });
  turns.set(sessionKey, settled);
  return next;
}
