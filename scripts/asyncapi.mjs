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
    description:
      "A long-lived agent instance over one WebSocket. Open with an HTTP GET upgrade on the agent route; the server sends `ready`, then answers `prompt` frames with `started`, `event`*, and `result` or `error`, correlated by `requestId`.",
  },
  workflows: {
    title: "Switchboard workflow WebSocket",
    address: "/workflows/ws",
    parameters: {},
    client: "WorkflowClientFrame",
    server: "WorkflowServerFrame",
    description:
      "A workflow run that talks to one user. The first client frame names the workflow (the body `initiate_workflow` returned); the server streams IOMessages and asks questions, which the client answers with raw text or `input_response` frames.",
  },
};

function toAsyncApiSchema(node) {
  if (Array.isArray(node)) return node.map(toAsyncApiSchema);
  if (!node || typeof node !== "object") return node;
  const outNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$schema" || key === "$id") continue;
    if (key === "$ref" && typeof value === "string") {
      outNode.$ref = `#/components/schemas/${value.replace(/\.json$/, "")}`;
    } else if (key === "discriminator" && value && typeof value === "object") {
      // AsyncAPI's schema object names the discriminator property as a plain string.
      outNode.discriminator = value.propertyName;
    } else if (key === "unevaluatedProperties") {
      // draft-07 (AsyncAPI's schema dialect) has no unevaluatedProperties; without composition
      // additionalProperties means the same.
      outNode.additionalProperties = value && typeof value === "object" && "not" in value ? false : toAsyncApiSchema(value);
    } else {
      outNode[key] = toAsyncApiSchema(value);
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

export function buildAsyncApi(protocol, bundle, openapi) {
  const cfg = CHANNELS[protocol];
  const schemas = {};
  for (const [name, def] of Object.entries(bundle.$defs)) schemas[name] = toAsyncApiSchema(def);
  const messages = {};
  const describe = (name) => bundle.$defs[name]?.description;
  const clientMessages = branches(openapi, cfg.client);
  const serverMessages = branches(openapi, cfg.server);
  for (const name of [...clientMessages, ...serverMessages]) {
    messages[name] = {
      name,
      title: name,
      ...(describe(name) ? { summary: describe(name).split("\n")[0] } : {}),
      contentType: "application/json",
      payload: { $ref: `#/components/schemas/${name}` },
    };
  }
  const channelMessages = {};
  for (const name of [...clientMessages, ...serverMessages]) channelMessages[name] = { $ref: `#/components/messages/${name}` };
  const parameters = {};
  for (const [name, p] of Object.entries(cfg.parameters)) parameters[name] = p;
  return {
    asyncapi: "3.0.0",
    info: {
      title: cfg.title,
      version: openapi.info.version,
      description: cfg.description,
    },
    defaultContentType: "application/json",
    channels: {
      socket: {
        address: cfg.address,
        title: cfg.title,
        ...(Object.keys(parameters).length ? { parameters } : {}),
        messages: channelMessages,
        bindings: { ws: { method: "GET", bindingVersion: "0.1.0" } },
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
