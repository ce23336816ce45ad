/**
 * Requirements our own server is known to fail, with the reason. The adapter suite passes them as
 * expected failures: they are reported, and the run fails as soon as one of them starts passing,
 * so this list cannot go stale.
 */
export const OUR_KNOWN_GAPS: Record<string, string> = {
  // Until the agent socket speaks pyflue's wire to a client that asks for no subprotocol.
  "AGENT-PYWS-001": "the agent socket sends ready and Switchboard framing without a subprotocol",
  "AGENT-PYWS-002": "the agent socket sends ready and Switchboard framing without a subprotocol",
  "AGENT-PYWS-003": "the agent socket sends ready and Switchboard framing without a subprotocol",
  "AGENT-PYWS-004": "the agent socket sends ready and Switchboard framing without a subprotocol",
  // pyflue's client reads result.usage.input/output/total_tokens; ours are camelCase.
  "AGENT-PROMPT-004":
    "result.usage carries inputTokens/outputTokens/totalTokens, not pyflue's input/output/total_tokens",
  // Until the workflow server follows FastAgency: error then workflow_completed, re-asked questions.
  "WF-FAIL-001": "a failed run closes 1011 after its error, without workflow_completed",
  "WF-CHOICE-001": "an invalid choice keeps the question open instead of asking it again",
  "WF-CHOICE-002": "an invalid choice keeps the question open instead of asking it again",
  "WF-CHOICE-003": "an invalid choice keeps the question open instead of asking it again",
};
