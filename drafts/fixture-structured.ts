/**
 * The `structured` fixture agent: answers in the requested structured format, deterministically.
 * For a `json_schema` format it replies with the schema's minimal instance whose first string
 * property holds the last user message's text (`{"name":"Ada"}` for input `Ada` and a schema with
 * `name`); for `json_object`, `{"text": <last user text>}`; for plain text, the same object as text.
 */
import { createAgent } from "../runtime/agent/define.js";
import type { Agent } from "../runtime/agent/types.js";
import { scriptedModel, textReply } from "../runtime/model/scripted.js";
import type { ModelMessage } from "../runtime/model/types.js";

type Schema = Record<string, unknown>;

/** The smallest value `schema` accepts (local `$ref`s resolved against `root`); `text` fills the first string property. */
export function minimalInstance(schema: Schema, text: string, root: Schema = schema, depth = 0): unknown {
  if (depth > 16) return null;
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/")) {
    const target = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((node, key) => (node as Schema | undefined)?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], root);
    return minimalInstance((target as Schema) ?? {}, text, root, depth + 1);
  }
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) return minimalInstance(branches[0] as Schema, text, root, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") ?? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return typeof schema.minLength === "number" ? "x".repeat(schema.minLength) : "";
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 0;
    case "boolean":
      return false;
    case "null":
      return null;
    case "array": {
      const count = typeof schema.minItems === "number" ? schema.minItems : 0;
      const items = (schema.items as Schema | undefined) ?? {};
      return Array.from({ length: count }, () => minimalInstance(items, text, root, depth + 1));
    }
    default: {
      const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      const firstString = Object.keys(properties).find((name) => {
        const property = properties[name]!;
        return property.type === "string" || (Array.isArray(property.type) && property.type.includes("string"));
      });
      const value: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties)) {
        if (name === firstString) value[name] = text;
        else if (required.has(name)) value[name] = minimalInstance(property, text, root, depth + 1);
      }
      return value;
    }
  }
}

function lastUserText(messages: readonly ModelMessage[]): string {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.role === "user") return message.content;
  }
  return "";
}

const countWords = (text: string): number => text.match(/\S+/g)?.length ?? 0;

export const structuredAgent: Agent = createAgent(() => ({
  description: "Replies with the minimal instance of the requested JSON Schema, your text in its first string property",
  model: scriptedModel("structured", (request) => {
    const text = lastUserText(request.messages);
    const format = request.responseFormat;
    const value = format?.type === "json_schema" ? minimalInstance(format.schema, text) : { text };
    const reply = JSON.stringify(value);
    return textReply([reply], { inputTokens: countWords(text), outputTokens: countWords(reply) });
  }),
}));
