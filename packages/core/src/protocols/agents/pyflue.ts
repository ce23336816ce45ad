import type {
  AgentDispatchReceipt,
  AgentHealth,
  AgentList,
  AgentPromptRequest,
  AgentUsage,
  AgentWebhookReceipt,
} from "@switchboard/protocol/agents";
import type { TokenUsage } from "../../runtime/agent/types.js";
import type { SessionKey } from "../../store/sessions.js";
import type { DispatchJob } from "./dispatch.js";
import { AgentsProtocolError } from "./errors.js";
import { queueId, serialize, wireId } from "./wire.js";

// pyflue's wire on the agents protocol: the prompt bodies its client and server use, the
// snake-case names its receipts and results carry, `/health`, `/agents` and webhook prompts.

/** The user message of a prompt body: `message`, else `prompt`, else the same inside `payload`. */
export function promptText(body: AgentPromptRequest): string {
  const text = body.message ?? body.prompt ?? body.payload?.message ?? body.payload?.prompt;
  if (text !== undefined) return text;
  throw new AgentsProtocolError(
    400,
    "validation_failed",
    "message is required (or prompt, or payload.message / payload.prompt as pyflue's client sends)",
    { param: "message", pointer: "/message" },
  );
}

/** The session a prompt body names: top-level `session`, else `payload.session`. */
export function promptSession(body: AgentPromptRequest): string | undefined {
  return body.session ?? body.payload?.session;
}

/** Usage under our names and pyflue's (`input`, `output`, `total_tokens`). */
export function wireUsage(usage: TokenUsage): AgentUsage {
  return { ...usage, input: usage.inputTokens, output: usage.outputTokens, total_tokens: usage.totalTokens };
}

export function dispatchReceipt(dispatchId: string, acceptedAt: string): AgentDispatchReceipt {
  return { dispatchId, acceptedAt, dispatch_id: dispatchId, accepted_at: acceptedAt };
}

/** pyflue's webhook answer (`status`, `run_id`, `runId`) on top of a dispatch receipt. */
export function webhookReceipt(dispatchId: string, acceptedAt: string): AgentWebhookReceipt {
  return { ...dispatchReceipt(dispatchId, acceptedAt), status: "accepted", runId: dispatchId, run_id: dispatchId };
}

/** pyflue's server treats `x-webhook: true` (any case) as a webhook invocation. */
export function isWebhook(header: string | undefined): boolean {
  return header?.trim().toLowerCase() === "true";
}

export const HEALTH: AgentHealth = { ok: true, framework: "switchboard" };

export function agentList(names: Iterable<string>): AgentList {
  return {
    agents: [...names].map((name) => ({
      name,
      path: `/agents/${encodeURIComponent(name)}/:id`,
      triggers: { webhook: true, websocket: true },
    })),
  };
}

/**
 * Webhook prompts go through the dispatch queue like dispatched work, but run their message as
 * sent rather than a serialized `input`. Their queue ids start with `#`, which a dispatch's queue
 * id (an encodeURIComponent'd agent name first) never does, so nothing a caller sends can pass
 * for one.
 */
const WEBHOOK_PREFIX = "#prompt/";

export function webhookQueueId(key: SessionKey, dispatchId: string): string {
  return `${WEBHOOK_PREFIX}${queueId(key, dispatchId)}`;
}

export function webhookInput(message: string, payload: unknown): unknown {
  return payload === undefined ? { message } : { message, payload };
}

/** What a dequeued job runs: its message, the payload the agent's factory gets, its wire id. */
export function dispatchedPrompt(job: DispatchJob): { message: string; payload: unknown; dispatchId: string } {
  if (job.dispatchId.startsWith(WEBHOOK_PREFIX)) {
    const input = job.input as { message: string; payload?: unknown };
    return {
      message: input.message,
      payload: input.payload,
      dispatchId: wireId(job.dispatchId.slice(WEBHOOK_PREFIX.length)),
    };
  }
  return { message: serialize(job.input) ?? "null", payload: job.input, dispatchId: wireId(job.dispatchId) };
}
