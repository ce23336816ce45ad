import { parse } from "yaml";

/**
 * Reads an expected-failures file: a YAML mapping `ID: reason`, or a list of ids, or a list of
 * `{id, reason}`. Ids are checked against the registry so a typo cannot hide a failure.
 */
export function parseExpectedFailures(text: string, knownIds: ReadonlySet<string>): Record<string, string> {
  const doc: unknown = parse(text) ?? {};
  const out: Record<string, string> = {};
  const add = (id: unknown, reason: unknown) => {
    if (typeof id !== "string" || !knownIds.has(id))
      throw new Error(`expected failures: unknown requirement id ${JSON.stringify(id)}`);
    out[id] = reason === undefined || reason === null ? "listed as expected to fail" : String(reason);
  };
  if (Array.isArray(doc)) {
    for (const entry of doc) {
      if (typeof entry === "string") add(entry, undefined);
      else if (entry && typeof entry === "object")
        add((entry as { id?: unknown }).id, (entry as { reason?: unknown }).reason);
      else throw new Error(`expected failures: cannot read entry ${JSON.stringify(entry)}`);
    }
  } else if (doc && typeof doc === "object") {
    for (const [id, reason] of Object.entries(doc)) add(id, reason);
  } else {
    throw new Error("expected failures: the file must hold a mapping or a list");
  }
  return out;
}
