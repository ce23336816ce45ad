import type { ResponseObject } from "@switchboard/protocol/responses";
import { Ajv, type ValidateFunction } from "ajv";
import type { ModelResponseFormat } from "../../runtime/model/types.js";
import { ResponsesApiError } from "./errors.js";

// Structured output: `text.format` json_schema / json_object. The format goes to the model; the
// final text is checked here, and a reply that does not conform fails the response.

/** A format with its compiled check. */
export interface OutputFormat {
  format: ModelResponseFormat;
  /** Why `text` does not conform, or undefined when it does. */
  problem(text: string): string | undefined;
}

// One compiler for every client schema; strict mode off, since client schemas use keywords freely.
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 256;

function compile(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validator = compiled.get(key);
  if (!validator) {
    try {
      validator = ajv.compile(schema);
    } catch (error) {
      throw new ResponsesApiError(
        400,
        "invalid_value",
        `text.format.schema is not a valid JSON Schema: ${(error as Error).message}`,
        "text.format.schema",
      );
    }
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, validator);
  }
  return validator;
}

/** Compiles the request's format (a bad schema is the client's 400); undefined for plain text. */
export function outputFormat(format: ModelResponseFormat | undefined): OutputFormat | undefined {
  if (!format) return undefined;
  if (format.type === "json_object") {
    return {
      format,
      problem(text) {
        const value = parse(text);
        if (value === undefined) return "the output is not JSON";
        return typeof value === "object" && value !== null && !Array.isArray(value)
          ? undefined
          : "the output is JSON but not an object";
      },
    };
  }
  const validate = compile(format.schema);
  return {
    format,
    problem(text) {
      const value = parse(text);
      if (value === undefined) return `the output is not JSON conforming to the schema '${format.name}'`;
      if (validate(value)) return undefined;
      const issue = validate.errors?.[0];
      return `the output does not conform to the schema '${format.name}': ${issue?.instancePath || "(root)"} ${issue?.message ?? "is invalid"}`;
    },
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The text the format applies to: the last turn's text (the last part of the last output message). */
export function finalText(response: ResponseObject): string | undefined {
  const item = response.output.at(-1);
  if (item?.type !== "message") return undefined;
  const part = item.content.at(-1);
  return part?.type === "output_text" ? part.text : undefined;
}
