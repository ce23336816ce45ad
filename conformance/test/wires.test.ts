/**
 * The peers' wires as their own servers speak them, in miniature: a FastAgency-style workflow
 * server (hex UUIDs, raw-text answers, FastAPI's 422s, error then workflow_completed) must pass
 * the whole `fastagency` profile, and a pyflue-style agent socket (no subprotocol, no ready, one
 * result frame per prompt) the pyflue socket requirements. Before the profiles existed, the suite
 * required hyphenated UUIDs, structured answers and a ready frame of both.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { runConformance } from "../src/index.js";

const servers: Server[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const hex = () => randomUUID().replace(/-/g, "");
const WORKFLOWS = [
  { name: "ask", description: "Asks a name and a color" },
  { name: "fail", description: "Fails" },
];

/** One run of a workflow on a socket, in FastAgency's message shape. */
function runWorkflow(ws: WebSocket, init: { name: string; workflow_uuid: string; params: unknown }) {
  const run = init.workflow_uuid.replace(/-/g, "").toLowerCase();
  const send = (type: string, content: Record<string, unknown>) =>
    ws.send(
      JSON.stringify({
        type,
        workflow_uuid: run,
        uuid: hex(),
        sender: "Workflow",
        recipient: "User",
        auto_reply: false,
        content,
      }),
    );
  const answers: string[] = [];
  const waiting: Array<(a: string) => void> = [];
  ws.on("message", (data) => {
    const text = data.toString();
    const next = waiting.shift();
    if (next) next(text);
    else answers.push(text);
  });
  const ask = (type: string, content: Record<string, unknown>) => {
    send(type, content);
    return new Promise<string>((resolve) => {
      const ready = answers.shift();
      if (ready !== undefined) resolve(ready);
      else waiting.push(resolve);
    });
  };
  const description = WORKFLOWS.find((w) => w.name === init.name)?.description;
  void (async () => {
    send("workflow_started", { name: init.name, description, params: init.params });
    if (init.name === "fail") {
      send("error", { short: "Unhandled exception", long: "the fail fixture fails" });
      send("workflow_completed", { result: "failed" });
      return ws.close(1000);
    }
    send("text_message", { body: "Hello" });
    const name = await ask("text_input", { prompt: "What is your name?", suggestions: [], password: false });
    const choices = ["red", "green", "blue"];
    let color = await ask("multiple_choice", { prompt: "Pick a color", choices, default: null, single: true });
    while (!choices.includes(color)) {
      send("error", { short: "invalid_choice", long: `${color} is not a choice` });
      color = await ask("multiple_choice", { prompt: "Pick a color", choices, default: null, single: true });
    }
    send("text_message", { body: `Hi ${name}, you picked ${color}` });
    send("workflow_completed", { result: `${name}:${color}` });
    ws.close(1000);
  })();
}

test("a FastAgency-style server (hex UUIDs, raw-text answers, FastAPI's 422s) passes the whole fastagency profile", async () => {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      };
      if (req.url === "/fastagency/discovery") return send(200, WORKFLOWS);
      if (req.url !== "/fastagency/initiate_workflow") return send(404, { detail: "Not Found" });
      let request: Record<string, unknown>;
      try {
        request = JSON.parse(body);
      } catch {
        return send(422, { detail: [{ type: "json_invalid" }] });
      }
      const missing = ["workflow_name", "workflow_uuid", "user_id", "params"].filter((k) => !(k in request));
      if (missing.length || typeof request.params !== "object" || request.params === null)
        return send(422, { detail: [{ type: "missing", loc: ["body", ...missing] }] });
      // The user id comes from the server's own authentication (none here), not from the body.
      send(200, { user_id: null, workflow_uuid: randomUUID(), name: request.workflow_name, params: request.params });
    });
  });
  const wss = new WebSocketServer({ server, path: "/fastagency/ws" });
  wss.on("connection", (ws) => ws.once("message", (data) => runWorkflow(ws, JSON.parse(data.toString()))));
  const url = await listen(server);
  const report = await runConformance({ url, profile: "fastagency", workflowPrefix: "/fastagency", level: "SHOULD" });
  const problems = report.results.filter((r) => r.outcome !== "pass").map((r) => `${r.id}: ${r.message}`);
  expect(problems).toEqual([]);
  expect(report.results.map((r) => r.id)).toEqual(
    expect.arrayContaining(["WF-RUN-001", "WF-RUN-004", "WF-CHOICE-001", "WF-FAIL-001"]),
  );
}, 60_000);

test("a pyflue-style agent socket passes the pyflue socket requirements; one that greets with ready fails them, saying so", async () => {
  const socketServer = (greet: boolean) => {
    const server = createServer((_req, res) => res.writeHead(404).end());
    new WebSocketServer({ server }).on("connection", (ws, req) => {
      // The tools fixture replies with the message reversed; echo with the message.
      const tools = req.url?.startsWith("/agents/tools/");
      if (greet) ws.send(JSON.stringify({ type: "ready", version: 1 }));
      ws.on("message", (data) => {
        const frame = JSON.parse(data.toString());
        const message = typeof frame.message === "string" ? frame.message : JSON.stringify(frame.message);
        const text = tools ? [...message].reverse().join("") : message;
        ws.send(JSON.stringify({ type: "result", result: { text, usage: {}, model: { id: "m" } } }));
      });
    });
    return server;
  };
  const url = await listen(socketServer(false));
  const report = await runConformance({ url, filter: ["AGENT-PYWS-*"] });
  expect(report.results.map((r) => [r.id, r.outcome])).toEqual([
    ["AGENT-PYWS-001", "pass"],
    ["AGENT-PYWS-002", "pass"],
    ["AGENT-PYWS-003", "pass"],
    ["AGENT-PYWS-004", "pass"],
  ]);
  const greeting = await listen(socketServer(true));
  const refused = await runConformance({ url: greeting, filter: ["AGENT-PYWS-001"] });
  expect(refused.results[0]!.outcome).toBe("fail");
  expect(refused.results[0]!.message).toContain('expected a result or error frame, got {"type":"ready"');
}, 60_000);
