/**
 * Each verdict defect of the suite as a regression case: a tiny server that does one thing must
 * get exactly the verdicts listed, with the messages that explain them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { WebSocketServer } from "ws";
import { type Report, runConformance } from "../src/index.js";

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const servers: Server[] = [];

async function serve(handler: Handler, onServer?: (server: Server) => void): Promise<string> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => handler(req, body, res));
  });
  onServer?.(server);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const outcomes = (report: Report) => Object.fromEntries(report.results.map((r) => [r.id, r.outcome]));
const message = (report: Report, id: string) => report.results.find((r) => r.id === id)?.message ?? "";

/** A Responses server whose echo replies are right but whose objects lack `completed_at`. */
function echoWithoutCompletedAt(): Handler {
  const stored = new Map<string, unknown>();
  let n = 0;
  return (req, body, res) => {
    if (req.method === "POST" && req.url === "/v1/responses") {
      const request = JSON.parse(body);
      const text = typeof request.input === "string" ? request.input : "";
      const id = `resp_${++n}`;
      const response = {
        id,
        object: "response",
        created_at: 1_700_000_000.5,
        status: "completed",
        model: request.model,
        output: [
          {
            id: `msg_${n}`,
            type: "message",
            role: "assistant",
            status: "completed",
            content: [{ type: "output_text", text, annotations: [] }],
          },
        ],
        usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
      };
      stored.set(id, response);
      return json(res, 200, response);
    }
    const got = stored.get(req.url?.replace("/v1/responses/", "") ?? "");
    if (req.method === "GET" && got) return json(res, 200, got);
    json(res, 404, { error: { type: "invalid_request_error", message: "not found", param: null, code: null } });
  };
}

describe("verdicts", () => {
  test("a schema violation fails the schema requirement once, with every violation, and not the behaviour it did not touch", async () => {
    const url = await serve(echoWithoutCompletedAt());
    const report = await runConformance({ url, filter: ["RESP-CREATE-002", "RESP-SCHEMA-001"] });
    expect(outcomes(report)).toEqual({ "RESP-CREATE-002": "pass", "RESP-SCHEMA-001": "fail" });
    // Three created responses and one retrieved: one line per defect, with its count.
    expect(message(report, "RESP-SCHEMA-001")).toContain("does not match ResponseObject");
    expect(message(report, "RESP-SCHEMA-001")).toMatch(/completed_at.*\(×3\)/);
  });

  test("every failing check of a requirement is reported, not only the first", async () => {
    const url = await serve(echoWithoutCompletedAt());
    const report = await runConformance({ url, filter: ["RESP-CREATE-012"] });
    const text = message(report, "RESP-CREATE-012");
    expect(text).toContain("created_at 1700000000.5 is not integer Unix seconds");
    expect(text).toContain("completed_at undefined is not integer Unix seconds");
  });

  test("a timeout says what the server sent last", async () => {
    // An agent socket that says ready, then never answers a prompt.
    const url = await serve(
      (_req, _body, res) => json(res, 404, {}),
      (server) => {
        const wss = new WebSocketServer({ server });
        wss.on("connection", (ws, req) => {
          ws.send(JSON.stringify({ type: "ready", version: 1, target: "agent", name: "echo", instanceId: req.url }));
        });
      },
    );
    const report = await runConformance({ url, filter: ["AGENT-WS-002"], timeoutMs: 8_000 });
    expect(report.results[0]!.outcome).toBe("fail");
    expect(message(report, "AGENT-WS-002")).toMatch(
      /^timed out waiting for .*; last observed: WebSocket \/agents\/echo\/\S+ frame #0 "\{\\"type\\":\\"ready\\"/,
    );
  });

  test("a requirement's bodies are valid but for the condition it tests (FastAgency requires workflow_uuid and user_id)", async () => {
    // initiate_workflow that refuses the first problem it finds, checking the members FastAgency requires first.
    const url = await serve((req, body, res) => {
      if (req.url !== "/workflows/initiate_workflow") return json(res, 404, {});
      const request = JSON.parse(body) as Record<string, unknown>;
      const refuse = (param: string) =>
        json(res, 400, { error: { type: "validation_failed", message: `bad ${param}`, param } });
      for (const required of ["workflow_uuid", "user_id", "workflow_name"])
        if (!(required in request)) return refuse(required);
      const unknown = Object.keys(request).find(
        (k) => !["workflow_uuid", "user_id", "workflow_name", "params"].includes(k),
      );
      if (unknown) return refuse(unknown);
      if (typeof request.params !== "object" || request.params === null) return refuse("params");
      json(res, 200, {
        name: request.workflow_name,
        workflow_uuid: crypto.randomUUID(),
        user_id: request.user_id,
        params: request.params,
      });
    });
    const report = await runConformance({ url, filter: ["WF-INIT-005", "WF-INIT-006"] });
    expect(outcomes(report)).toEqual({ "WF-INIT-005": "pass", "WF-INIT-006": "pass" });
  });

  test("a wrong token judged by its status only: 401 in another envelope passes RESP-AUTH-002, fails the envelope of RESP-AUTH-001", async () => {
    const url = await serve((req, _body, res) => {
      if (req.headers.authorization !== "Bearer right") return json(res, 401, { detail: "Unauthorized" });
      json(res, 200, { object: "list", data: [{ id: "echo", object: "model", created: 1, owned_by: "t" }] });
    });
    const report = await runConformance({ url, token: "right", filter: ["RESP-AUTH-*"] });
    expect(outcomes(report)).toEqual({ "RESP-AUTH-001": "fail", "RESP-AUTH-002": "pass", "RESP-AUTH-003": "pass" });
    expect(message(report, "RESP-AUTH-001")).toContain('body has no "error" object');
  });

  test("profiles: openai and open-responses runs hold no Switchboard extension; pyflue's socket requirements ask for no subprotocol", async () => {
    const { selectRequirements } = await import("../src/index.js");
    for (const profile of ["openai", "open-responses", "pyflue", "fastagency"] as const) {
      const selected = selectRequirements({ profile });
      expect(selected.length).toBeGreaterThan(10);
      for (const r of selected) expect(r.kind, `${profile}: ${r.id}`).toBe("core");
    }
    const extensions = selectRequirements({ profile: "switchboard" }).filter((r) => r.kind === "extension");
    for (const id of [
      "AGENT-SSE-007",
      "AGENT-ABORT-001",
      "AGENT-DISPATCH-005",
      "AGENT-WS-001",
      "WF-RESUME-001",
      "RESP-CREATE-004",
      "RESP-CREATE-007",
      "RESP-ERR-007",
      "RESP-STREAM-011",
      "WF-FRAME-002",
    ]) {
      expect(extensions.map((r) => r.id)).toContain(id);
    }
  });
});
