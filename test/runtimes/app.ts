/**
 * The app every fetch runtime serves (scripts/test-runtimes.mjs bundles it per runtime): the
 * Responses and agents protocols with the conformance fixtures, on the portable Hono app.
 */
import { agentsProtocol, createSwitchboard, responsesProtocol } from "@switchboard/core";
import { fixtureAgents } from "@switchboard/core/fixtures";
import { switchboardHono } from "@switchboard/hono/fetch";

export const RUNTIME_API_KEY = "sk-runtimes";

export const switchboard = createSwitchboard({
  protocols: [responsesProtocol({ agents: fixtureAgents }), agentsProtocol({ agents: fixtureAgents })],
  // With a key, the conformance suite runs its 401 checks too (scripts/test-runtimes.mjs passes it).
  apiKey: RUNTIME_API_KEY,
});

export const app = switchboardHono(switchboard);
app.get("/", (c) => c.text("switchboard on a fetch runtime"));
