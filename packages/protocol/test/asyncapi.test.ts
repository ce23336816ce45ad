import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DiagnosticSeverity, Parser } from "@asyncapi/parser";
import { describe, expect, it } from "vitest";
import YAML from "yaml";

const generated = (file: string) => fileURLToPath(new URL(`../../../specs/generated/${file}`, import.meta.url));

// `clientKinds`: how many frame types a client may send.
const SOCKETS = [
  { protocol: "responses", client: "ResponsesClientFrame", server: "ResponsesServerFrame", clientKinds: 2 },
  { protocol: "agents", client: "AgentClientFrame", server: "AgentServerFrame", clientKinds: 3 },
  { protocol: "workflows", client: "WorkflowClientFrame", server: "WorkflowServerFrame", clientKinds: 4 },
] as const;

/** The union's branch names, read from the OpenAPI document the AsyncAPI one is derived from. */
function unionBranches(protocol: string, union: string): string[] {
  const openapi = YAML.parse(readFileSync(generated(`openapi/${protocol}.openapi.3.1.yaml`), "utf8"));
  const schema = openapi.components.schemas[union];
  const list: Array<{ $ref: string }> = schema.oneOf ?? schema.anyOf;
  return list.map((b) => b.$ref.replace("#/components/schemas/", ""));
}

describe.each(SOCKETS)("AsyncAPI document of the $protocol WebSocket", ({ protocol, client, server, clientKinds }) => {
  const source = readFileSync(generated(`asyncapi/${protocol}.asyncapi.yaml`), "utf8");

  it("parses without errors", async () => {
    const { document, diagnostics } = await new Parser().parse(source);
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    expect(errors.map((e) => `${e.path.join("/")}: ${e.message}`)).toEqual([]);
    expect(document).toBeDefined();
  });

  it("declares every frame of both unions as a message in the right direction", async () => {
    const { document } = await new Parser().parse(source);
    if (!document) throw new Error("the document did not parse");
    const channel = document.channels().all()[0];
    expect(channel).toBeDefined();
    const onChannel = channel!
      .messages()
      .all()
      .map((m) => m.id());
    const direction = (action: "send" | "receive") =>
      document
        .operations()
        .all()
        .filter((op) => op.action() === action)
        .flatMap((op) =>
          op
            .messages()
            .all()
            .map((m) => m.id()),
        );

    const clientFrames = unionBranches(protocol, client);
    const serverFrames = unionBranches(protocol, server);
    expect(clientFrames.length).toBeGreaterThanOrEqual(clientKinds);
    expect(serverFrames.length).toBeGreaterThan(1);
    expect(onChannel.sort()).toEqual([...clientFrames, ...serverFrames].sort());
    // The document is written from the server's side: it receives client frames, sends its own.
    expect(direction("receive").sort()).toEqual([...clientFrames].sort());
    expect(direction("send").sort()).toEqual([...serverFrames].sort());
    for (const name of [...clientFrames, ...serverFrames]) {
      const message = document
        .messages()
        .all()
        .find((m) => m.id() === name);
      expect(message?.hasPayload(), `${name} has a payload`).toBe(true);
    }
  });
});

describe("workflow WebSocket AsyncAPI specifics", () => {
  const doc = YAML.parse(readFileSync(generated("asyncapi/workflows.asyncapi.yaml"), "utf8"));

  it("documents the raw text answer as a plain-text frame and every IOMessage as JSON", () => {
    const messages = doc.components.messages as Record<string, { contentType: string }>;
    expect(messages.WorkflowTextAnswer?.contentType).toBe("text/plain");
    for (const name of unionBranches("workflows", "WorkflowServerFrame")) {
      expect(messages[name]?.contentType, name).toBe("application/json");
    }
    expect(doc.info.description).toMatch(/NOT JSON/);
    expect(doc.info.description).toMatch(/prefix/);
  });
});
