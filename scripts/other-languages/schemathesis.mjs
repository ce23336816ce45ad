// schemathesis against a running server: every protocol's OpenAPI 3.2 document is fuzzed, one
// check per document.
import { join } from "node:path";
import { SPECS } from "./clients.mjs";
import { root, run } from "./harness.mjs";
import { pyEnv, venvBin } from "./python.mjs";

/** Every protocol's document is fuzzed, the workflows one too. */
export const FUZZED = [...SPECS];

// The 3.2 documents describe each SSE event (`itemSchema`: event name plus the JSON data's schema),
// so schemathesis validates every streamed event; the 3.1 documents type a stream as one string,
// which schemathesis reads as the schema of each event and so rejects every stream.
const schemathesisDocument = (name) => join(root, `specs/generated/openapi/${name}.openapi.3.2.yaml`);

export async function schemathesis(spec, url, work) {
  const argv = [
    "--config-file",
    join(root, "test/python/schemathesis.toml"),
    "run",
    schemathesisDocument(spec),
    "--url",
    url,
    "--request-timeout",
    "15",
    "--no-color",
    "--suppress-health-check",
    "all",
    ...(process.env.SCHEMATHESIS_SEED ? ["--seed", process.env.SCHEMATHESIS_SEED] : []),
    // The WebSocket handshake is left out: after a 101 the server speaks WebSocket on that
    // connection, which the HTTP client then reuses for the next case and fails on the frames.
    ...(spec === "agents" ? ["--exclude-operation-id", "Instances_connect"] : []),
    ...(spec === "workflows" ? ["--exclude-operation-id", "connectWorkflowSocket"] : []),
  ];
  const env = { ...pyEnv, SWITCHBOARD_URL: url, PYTHONPATH: join(root, "test/python") };
  const r = await run(join(venvBin, "schemathesis"), argv, { cwd: work, env, capture: true, timeoutMs: 240_000 });
  const lines = r.output.trimEnd().split("\n");
  // On success the summary and the status counts suffice; failures come with reproducing commands.
  console.log((r.ok ? lines.slice(-22) : lines.slice(-250)).join("\n"));
  return r.ok;
}
