// The instance-agent protocol's HTTP routes: the route table and each route's handler, from the
// request's body and headers to its response. Apart from the module (which dispatches requests
// and upgrades to them and owns the lifecycle) so that the HTTP surface reads as one list; the
// work behind each route is in sessions.ts, streams.ts and dispatcher.ts.

import { type AgentSessionHistory, validate } from "@switchboard/protocol/agents";
import { json, sse } from "../../http/response.js";
import { Router } from "../../http/router.js";
import type { CoreRequest, CoreResponse } from "../../http/types.js";
import type { AppContext } from "../protocol-module.js";
import type { Dispatcher } from "./dispatcher.js";
import { AgentsProtocolError } from "./errors.js";
import type { AgentAuthorizeContext } from "./options.js";
import { agentList, HEALTH, isWebhook, promptSession, promptText } from "./pyflue.js";
import type { AgentSessions } from "./sessions.js";
import type { ResumableStreams } from "./streams.js";
import {
  acceptsEventStream,
  clientGone,
  errorFromOutcome,
  readBody,
  serialize,
  sessionKeyFor,
  toWireMessage,
} from "./wire.js";

export type RouteHandler = (req: CoreRequest, params: Record<string, string>) => Promise<CoreResponse>;

/** What the routes ask of the agents module. */
export interface AgentRoutesHost {
  readonly sessions: AgentSessions;
  readonly streams: ResumableStreams;
  readonly dispatcher: Dispatcher;
  /** The app's limits (`maxBodyBytes` bounds each request body). */
  readonly limits: AppContext["limits"];
  /** Runs the `authorize` hook; throws the 401/403 refusal. */
  authorize(request: CoreRequest, target: Omit<AgentAuthorizeContext, "request">): Promise<void>;
}

/** The protocol's routes; path parameters are checked (length) by the module before a handler runs. */
export function agentRouter(host: AgentRoutesHost): Router<RouteHandler> {
  return new Router<RouteHandler>()
    .add("GET", "/health", async () => json(200, HEALTH))
    .add("GET", "/agents", async () => json(200, agentList(host.sessions.names())))
    .add("POST", "/agents/:name/:id", (req, p) => prompt(host, req, p))
    .add("GET", "/agents/:name/:id", async () => {
      throw new AgentsProtocolError(
        426,
        "upgrade_required",
        "GET on an agent instance opens a WebSocket; send the upgrade headers (or POST a prompt)",
        undefined,
        { upgrade: "websocket" },
      );
    })
    .add("POST", "/agents/:name/:id/dispatch", (req, p) => dispatch(host, req, p))
    .add("GET", "/agents/:name/:id/sessions/:session", (req, p) => history(host, req, p))
    .add("POST", "/agents/:name/:id/sessions/:session/abort", (req, p) => abort(host, req, p));
}

async function prompt(host: AgentRoutesHost, req: CoreRequest, params: Record<string, string>): Promise<CoreResponse> {
  const body = await readBody(req, host.limits.maxBodyBytes, validate.AgentPromptRequest);
  const key = sessionKeyFor(params, promptSession(body));
  await host.authorize(req, key);
  host.sessions.agent(key.agent);
  const message = promptText(body);
  if (isWebhook(req.header("x-webhook"))) {
    const { runId, receipt } = await host.dispatcher.webhook(key, message, body.payload);
    return json(202, receipt, { "x-flue-run-id": runId });
  }
  const streamed = acceptsEventStream(req.header("accept"));
  if (streamed) {
    const lastEventId = req.header("last-event-id");
    if (lastEventId !== undefined && lastEventId !== "") return host.streams.resume(key, lastEventId, req.signal);
  }
  const run = await host.sessions.start(key, message, { wait: false, payload: body.payload });
  // pyflue's server names each invocation's run here; Flue's SDK shape (`create_flue_client`)
  // requires one. The stream id is the prompt's only id (as SSE, its `Last-Event-ID` prefix).
  const runHeader = { "x-flue-run-id": run.streamId };
  if (streamed) {
    await host.streams.hold(run);
    return sse(host.streams.frames(run, 0, req.signal), runHeader);
  }
  const onGone = () => run.controller.abort(clientGone());
  if (req.signal.aborted) onGone();
  else req.signal.addEventListener("abort", onGone, { once: true });
  const outcome = await run.finished.finally(() => req.signal.removeEventListener("abort", onGone));
  if (outcome.ok) return json(200, { result: outcome.result }, runHeader);
  return errorFromOutcome(outcome.error).toResponse();
}

async function dispatch(
  host: AgentRoutesHost,
  req: CoreRequest,
  params: Record<string, string>,
): Promise<CoreResponse> {
  const body = await readBody(req, host.limits.maxBodyBytes, validate.AgentDispatchRequest);
  const key = sessionKeyFor(params, body.session);
  await host.authorize(req, key);
  host.sessions.agent(key.agent);
  if (serialize(body.input) === undefined) {
    throw new AgentsProtocolError(400, "validation_failed", "input is not serializable as JSON", {
      param: "input",
      pointer: "/input",
    });
  }
  return json(202, await host.dispatcher.dispatch(key, body.input, body.dispatchId));
}

async function history(host: AgentRoutesHost, req: CoreRequest, params: Record<string, string>): Promise<CoreResponse> {
  const key = sessionKeyFor(params, params.session);
  await host.authorize(req, key);
  host.sessions.agent(key.agent);
  const messages = await host.sessions.history(key);
  const body: AgentSessionHistory = {
    name: key.agent,
    id: key.id,
    session: key.session,
    messages: messages.flatMap(toWireMessage),
  };
  return json(200, body);
}

async function abort(host: AgentRoutesHost, req: CoreRequest, params: Record<string, string>): Promise<CoreResponse> {
  const key = sessionKeyFor(params, params.session);
  await host.authorize(req, key);
  host.sessions.agent(key.agent);
  return json(200, { aborted: await host.sessions.abort(key) });
}
