// TypeSpec has no WebSocket or AsyncAPI emitter. The WebSocket protocols declare their frames as two
// discriminated unions (client → server and server → client); this derives an AsyncAPI 3.0
// document from those unions and the JSON Schema the spec emitted for them.

const CHANNELS = {
  agents: {
    title: "Switchboard instance-agent WebSocket",
    address: "/agents/{name}/{id}",
    parameters: {
      name: { description: "The agent's name, as registered on the server." },
      id: { description: "The instance id, chosen by the caller and checked by the server's authorize hook." },
    },
    client: "AgentClientFrame",
    server: "AgentServerFrame",
    description: [
      "A long-lived agent instance over one WebSocket. Open with an HTTP GET upgrade on the agent route.",
      "",
      "A client that offers no subprotocol gets pyflue's framing: each `prompt` frame is answered by exactly one `result` or `error` frame, in order, and the server sends nothing else unasked (no `ready`).",
      "",
      "A client that offers the subprotocol `switchboard.v1` (`Sec-WebSocket-Protocol`) gets Switchboard's framing: the server sends `ready`, then answers `prompt` frames with `started`, `event`*, and `result` or `error`, correlated by `requestId`; prompts with distinct `requestId`s run concurrently.",
    ].join("\n"),
    // The handshake header that selects Switchboard's framing (AsyncAPI WebSocket channel binding).
    headers: {
      type: "object",
      properties: {
        "Sec-WebSocket-Protocol": {
          type: "string",
          description: "Offer `switchboard.v1` for Switchboard's framing; omit it for pyflue's.",
        },
      },
    },
  },
  workflows: {
    title: "Switchboard workflow WebSocket",
    address: "/workflows/ws",
    parameters: {},
    client: "WorkflowClientFrame",
    server: "WorkflowServerFrame",
    description: [
      "A workflow run that talks to one user, compatible with FastAgency's FastAPIAdapter WebSocket.",
      "",
      "The address uses the default path prefix `/workflows`; servers may serve the protocol under other prefixes too (the demo also serves `/fastagency`, FastAgency's default paths). Open the socket with an HTTP GET upgrade; the HTTP side (discovery, `initiate_workflow`, upgrade refusals) is in the OpenAPI document `workflows.openapi.3.1.yaml`.",
      "",
      'The first client frame is a `WorkflowInitFrame` (usually the body `initiate_workflow` returned) or a `WorkflowResumeFrame`. The server streams IOMessages (`WorkflowServerFrame`): `workflow_started`, then messages and questions, then `workflow_completed` and close 1000. A run that fails sends an `error` frame, then `workflow_completed` whose `result` carries the error, then closes 1000, as FastAgency\'s runtime does. Every message has `sender` and `recipient` ("Workflow" and "User" unless the workflow names others) and carries `workflow_uuid` in the form the client used (32 hex digits or hyphenated).',
      "",
      "Questions (`text_input`, `multiple_choice`) are answered either with a `WorkflowInputResponseFrame` (JSON, names the question) or with a `WorkflowTextAnswer`: a plain text frame that is NOT JSON, whose whole text is the answer to the oldest open question, as FastAgency's clients send it. A text frame is read as structured only when it is a JSON object with a string `type` member. An answer the question refuses (not one of the choices) gets an `error` frame, then the question again as a fresh message.",
      "",
      "Close codes: 1000 run finished (completed or failed); 1003 binary frame; 1008 bad first frame (after an `error` frame); 1009 frame too large; 1011 run abandoned or unavailable (after an `error` frame).",
    ].join("\n"),
  },
};

// `local` holds the definition's own `$defs` (the JSON Schema emitter puts anonymous helpers such
// as `Record<unknown>` there); AsyncAPI components have no such scope, so they are inlined.
function toAsyncApiSchema(node, local = {}) {
  if (Array.isArray(node)) return node.map((n) => toAsyncApiSchema(n, local));
  if (!node || typeof node !== "object") return node;
  if (node.$defs) local = { ...local, ...node.$defs };
  const outNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$schema" || key === "$id" || key === "$defs") continue;
    if (key === "$ref" && typeof value === "string" && value.startsWith("#/$defs/")) {
      const name = value.slice("#/$defs/".length);
      if (!local[name]) throw new Error(`unresolved local reference ${value}`);
      Object.assign(outNode, toAsyncApiSchema(local[name], local));
    } else if (key === "$ref" && typeof value === "string") {
      outNode.$ref = `#/components/schemas/${value.replace(/\.json$/, "")}`;
    } else if (key === "discriminator" && value && typeof value === "object") {
      // AsyncAPI's schema object names the discriminator property as a plain string.
      outNode.discriminator = value.propertyName;
    } else if (key === "unevaluatedProperties") {
      // draft-07 (AsyncAPI's schema dialect) has no unevaluatedProperties; without composition
      // additionalProperties means the same.
      outNode.additionalProperties =
        value && typeof value === "object" && "not" in value ? false : toAsyncApiSchema(value, local);
    } else {
      outNode[key] = toAsyncApiSchema(value, local);
    }
  }
  return outNode;
}

// The union's branches are read from the OpenAPI components, where the union is still a plain
// oneOf/anyOf (the JSON Schema bundle may have rewritten it for precise validation errors).
function branches(openapi, unionName) {
  const union = openapi.components?.schemas?.[unionName];
  if (!union) throw new Error(`${unionName} is missing from the OpenAPI components`);
  const list = union.oneOf ?? union.anyOf;
  if (!list) throw new Error(`${unionName} is not a union`);
  return list.map((b) => b.$ref.replace("#/components/schemas/", ""));
}

function firstSentence(text) {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = flat.search(/\.(\s|$)/);
  return end === -1 ? flat : flat.slice(0, end + 1);
}

/** The OpenAPI servers, as WebSocket servers (same host and port, `ws` instead of `http`). */
function servers(openapi) {
  const list = openapi.servers ?? [];
  if (!list.length) return undefined;
  const out = {};
  list.forEach((server, i) => {
    const url = new URL(server.url);
    out[i === 0 ? "local" : `server${i + 1}`] = {
      host: url.host,
      protocol: url.protocol === "https:" ? "wss" : "ws",
      ...(url.pathname !== "/" ? { pathname: url.pathname } : {}),
      ...(server.description ? { description: server.description } : {}),
    };
  });
  return out;
}

export function buildAsyncApi(protocol, bundle, openapi) {
  const cfg = CHANNELS[protocol];
  const schemas = {};
  for (const [name, def] of Object.entries(bundle.$defs)) schemas[name] = toAsyncApiSchema(def);
  const messages = {};
  const describe = (name) => bundle.$defs[name]?.description;
  const clientMessages = branches(openapi, cfg.client);
  const serverMessages = branches(openapi, cfg.server);
  for (const name of [...clientMessages, ...serverMessages]) {
    const description = describe(name);
    messages[name] = {
      name,
      title: name,
      ...(description ? { summary: firstSentence(description), description } : {}),
      // A frame whose schema is a bare string travels as the text itself, not as a JSON string.
      contentType: bundle.$defs[name]?.type === "string" ? "text/plain" : "application/json",
      payload: { $ref: `#/components/schemas/${name}` },
    };
  }
  const channelMessages = {};
  for (const name of [...clientMessages, ...serverMessages])
    channelMessages[name] = { $ref: `#/components/messages/${name}` };
  const parameters = {};
  for (const [name, p] of Object.entries(cfg.parameters)) parameters[name] = p;
  const wsServers = servers(openapi);
  return {
    asyncapi: "3.0.0",
    info: {
      title: cfg.title,
      version: openapi.info.version,
      description: cfg.description,
    },
    defaultContentType: "application/json",
    ...(wsServers ? { servers: wsServers } : {}),
    channels: {
      socket: {
        address: cfg.address,
        ...(wsServers ? { servers: Object.keys(wsServers).map((n) => ({ $ref: `#/servers/${n}` })) } : {}),
        title: cfg.title,
        ...(Object.keys(parameters).length ? { parameters } : {}),
        messages: channelMessages,
        bindings: { ws: { method: "GET", ...(cfg.headers ? { headers: cfg.headers } : {}), bindingVersion: "0.1.0" } },
      },
    },
    operations: {
      clientSends: {
        action: "receive",
        title: "Frames the client sends",
        summary: "The server receives these frames from the client.",
        channel: { $ref: "#/channels/socket" },
        messages: clientMessages.map((n) => ({ $ref: `#/channels/socket/messages/${n}` })),
      },
      serverSends: {
        action: "send",
        title: "Frames the server sends",
        summary: "The server sends these frames to the client.",
        channel: { $ref: "#/channels/socket" },
        messages: serverMessages.map((n) => ({ $ref: `#/channels/socket/messages/${n}` })),
      },
    },
    components: { schemas, messages },
  };
}
