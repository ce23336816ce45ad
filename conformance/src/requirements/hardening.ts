/**
 * Requirements on the rules that protect a server and are part of its wire: the `Origin` check of
 * WebSocket upgrades and the 429 envelope. They are Switchboard's (DESIGN §11): the peers'
 * servers do not have them, so each is an extension of its protocol (to be tagged `extension` in
 * the profiles).
 */
import { show, type TestContext } from "../context.js";
import { isRefusal } from "../ws.js";
import { ERROR_SCHEMA as AGENT_ERROR, instancePath } from "./agents/client.js";
import { defineRequirements, isObject } from "./define.js";
import { ERROR_SCHEMA as RESPONSES_ERROR } from "./responses/client.js";
import { ERROR_SCHEMA as WORKFLOW_ERROR, path as workflowPath } from "./workflows/client.js";

const S11 = "DESIGN §11";
/** An origin no server under test allows. */
const FOREIGN_ORIGIN = "http://conformance-foreign-origin.invalid";
/** How many quick requests a rate limit is given to show itself before the check is skipped. */
const PROBE_REQUESTS = 300;

async function foreignUpgrade(t: TestContext, path: string, frameSchema: string, errorSchema: string) {
  const ws = await t.websocket(path, { frameSchema, errorSchema, headers: { origin: FOREIGN_ORIGIN } });
  if (!isRefusal(ws)) t.fail(`a WebSocket upgrade from ${FOREIGN_ORIGIN} was accepted`);
  t.equal(ws.status, 403, "status of an upgrade from a foreign origin");
  const error = isObject(ws.json) ? ws.json.error : undefined;
  t.check(isObject(error) && error.type === "forbidden", `error type: ${show(ws.text.slice(0, 200))}`);
}

export const agentsHardeningRequirements = defineRequirements("agents", [
  {
    id: "AGENT-ORIGIN-001",
    level: "MUST",
    kind: "extension",
    section: `${S11}; Agents.connect`,
    statement: "a WebSocket upgrade whose Origin is neither the server's own nor allowed is refused 403 forbidden",
    async run(t: TestContext) {
      await foreignUpgrade(t, instancePath("echo", t.unique()), "AgentServerFrame", AGENT_ERROR);
    },
  },
]);

export const workflowsHardeningRequirements = defineRequirements("workflows", [
  {
    id: "WF-ORIGIN-001",
    level: "MUST",
    kind: "extension",
    section: `${S11}; Workflows.connectWorkflowSocket`,
    statement: "a WebSocket upgrade whose Origin is neither the server's own nor allowed is refused 403 forbidden",
    async run(t: TestContext) {
      await foreignUpgrade(t, workflowPath(t, "ws"), "WorkflowServerFrame", WORKFLOW_ERROR);
    },
  },
]);

export const responsesHardeningRequirements = defineRequirements("responses", [
  {
    id: "RESP-LIMIT-001",
    level: "MUST",
    kind: "extension",
    section: `${S11}; Responses.RateLimitError`,
    statement: "a rate-limited request is answered 429 with a Retry-After of whole seconds and OpenAI's error envelope",
    timeoutMs: 60_000,
    async run(t: TestContext) {
      for (let n = 0; n < PROBE_REQUESTS; n++) {
        const res = await t.request("GET", "/v1/models", { errorSchema: RESPONSES_ERROR });
        if (res.status !== 429) continue;
        t.check(/^\d+$/.test(res.headers["retry-after"] ?? ""), `Retry-After: ${show(res.headers["retry-after"])}`);
        const error = isObject(res.json) ? res.json.error : undefined;
        t.check(isObject(error) && error.type === "rate_limit_error", `error: ${show(res.text.slice(0, 200))}`);
        return;
      }
      t.skip(`no 429 within ${PROBE_REQUESTS} requests: the server's rate limit (if any) is higher`);
    },
  },
]);
