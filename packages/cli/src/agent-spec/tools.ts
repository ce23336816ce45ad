import { defineTool, type ModelToolSpec, type Tool } from "@switchboard/core";
import type { ToolRegistry } from "../tool-registry.js";
import type { SpecProperty, SpecTool } from "./load.js";

/** The arguments object of a tool whose `inputs` are Agent Spec properties. */
export function parametersOf(inputs: readonly SpecProperty[] = []): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const input of inputs) {
    properties[input.title] = input;
    if (!("default" in input)) required.push(input.title);
  }
  return { type: "object", properties, required, additionalProperties: false };
}

/** Arguments with the inputs' defaults filled in where the model left them out. */
function withDefaults(inputs: readonly SpecProperty[] = [], args: Record<string, unknown>): Record<string, unknown> {
  const filled = { ...args };
  for (const input of inputs) if (!(input.title in filled) && "default" in input) filled[input.title] = input.default;
  return filled;
}

export interface SpecTools {
  server: Tool[];
  client: ModelToolSpec[];
}

/** Server tools come from the registry, remote tools become HTTP calls, client tools stay the caller's. */
export function toolsOf(
  tools: readonly SpecTool[],
  registry: ToolRegistry | undefined,
  where: (index: number) => string,
  fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
): SpecTools {
  const server: Tool[] = [];
  const client: ModelToolSpec[] = [];
  for (const [index, tool] of tools.entries()) {
    const description = tool.description ?? undefined;
    const parameters = parametersOf(tool.inputs);
    if (tool.component_type === "ClientTool") {
      client.push({ name: tool.name, ...(description ? { description } : {}), parameters });
      continue;
    }
    const execute =
      tool.component_type === "RemoteTool" ? remoteCall(tool, fetchImpl) : registryCall(tool, registry, where(index));
    server.push(
      defineTool({
        name: tool.name,
        ...(description ? { description } : {}),
        parameters,
        execute: (args, ctx) => execute(withDefaults(tool.inputs, args), ctx.signal, ctx),
      }),
    );
  }
  return { server, client };
}

type Execute = (args: Record<string, unknown>, signal: AbortSignal, ctx: Parameters<Tool["execute"]>[1]) => unknown;

function registryCall(tool: SpecTool, registry: ToolRegistry | undefined, path: string): Execute {
  const fn = registry?.get(tool.name);
  if (!fn) {
    throw new Error(
      registry
        ? `${path}: ServerTool ${tool.name} is not in the tool registry (it has ${[...registry.keys()].join(", ") || "no tools"})`
        : `${path}: ServerTool ${tool.name} needs --tool-registry MODULE with a function named ${tool.name}`,
    );
  }
  return (args, _signal, ctx) => fn(args, ctx);
}

/** `{{name}}` placeholders take the argument's value (URL-encoded inside the URL). */
function render(template: string, args: Record<string, unknown>, encode: (text: string) => string = String): string {
  return template.replace(/\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g, (_, name: string) => {
    const value = args[name];
    return encode(typeof value === "string" ? value : JSON.stringify(value ?? ""));
  });
}

function renderDeep(value: unknown, args: Record<string, unknown>): unknown {
  if (typeof value === "string") return render(value, args);
  if (Array.isArray(value)) return value.map((item) => renderDeep(item, args));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderDeep(item, args)]));
  }
  return value;
}

function remoteCall(tool: SpecTool, fetchImpl: typeof fetch): Execute {
  const method = tool.http_method ?? "GET";
  return async (args, signal) => {
    const url = new URL(render(tool.url ?? "", args, encodeURIComponent));
    for (const [key, value] of Object.entries(tool.query_params ?? {})) {
      url.searchParams.set(key, String(renderDeep(value, args)));
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(tool.headers ?? {})) headers[key] = render(value, args);
    const hasBody = tool.data !== undefined && tool.data !== null && !(method === "GET" || method === "HEAD");
    const data = hasBody ? renderDeep(tool.data, args) : undefined;
    if (hasBody && typeof data !== "string") headers["content-type"] ??= "application/json";
    const response = await fetchImpl(url, {
      method,
      headers,
      signal,
      ...(hasBody ? { body: typeof data === "string" ? data : JSON.stringify(data) } : {}),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`${method} ${url.origin}${url.pathname} answered ${response.status}: ${text.slice(0, 500)}`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  };
}
