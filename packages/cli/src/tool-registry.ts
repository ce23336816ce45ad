import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ToolContext } from "@switchboard/core";

/** A server tool's implementation: called with the arguments object the model produced. */
export type ToolFunction = (args: Record<string, unknown>, ctx: ToolContext) => unknown;
export type ToolRegistry = ReadonlyMap<string, ToolFunction>;

export class ToolRegistryError extends Error {
  override name = "ToolRegistryError";
}

/**
 * Imports `--tool-registry MODULE` (a file path, relative to `cwd`, or a package name). Its
 * default export maps tool names to functions, or to objects with an `execute` function.
 */
export async function loadToolRegistry(specifier: string, cwd = process.cwd()): Promise<ToolRegistry> {
  const isPath = specifier.startsWith(".") || isAbsolute(specifier);
  const target = isPath ? pathToFileURL(resolve(cwd, specifier)).href : specifier;
  let module: { default?: unknown };
  try {
    module = await import(target);
  } catch (error) {
    throw new ToolRegistryError(`--tool-registry ${specifier} cannot be imported: ${(error as Error).message}`);
  }
  const exported = module.default;
  if (typeof exported !== "object" || exported === null) {
    throw new ToolRegistryError(
      `--tool-registry ${specifier} must default-export an object mapping tool names to functions`,
    );
  }
  const registry = new Map<string, ToolFunction>();
  for (const [name, value] of Object.entries(exported)) {
    const execute = typeof value === "function" ? value : (value as { execute?: unknown } | null)?.execute;
    if (typeof execute !== "function") {
      throw new ToolRegistryError(
        `--tool-registry ${specifier}: ${name} is neither a function nor an object with execute()`,
      );
    }
    registry.set(name, execute.bind(value) as ToolFunction);
  }
  return registry;
}
