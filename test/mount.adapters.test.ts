/**
 * Each framework's own way of mounting Switchboard under a path, next to the app's own routes:
 * Express `app.use("/ai", …)`, Fastify `register(plugin, { prefix: "/ai" })`, Hono
 * `app.route("/ai", …)` and `new Hono().basePath("/ai")`, and the core's own `basePath`.
 * Through the prefix: a Responses create (the official `openai` SDK), an agents prompt over HTTP
 * and over its WebSocket, and the `ask` workflow over its WebSocket.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { createClient } from "@switchboard/client";
import {
  agentsProtocol,
  createSwitchboard,
  responsesProtocol,
  type Switchboard,
  workflowsProtocol,
} from "@switchboard/core";
import { fixtureAgents, fixtureWorkflows } from "@switchboard/core/fixtures";
import { attachWebSocket, listenNode } from "@switchboard/core/node";
import { switchboardMiddleware as expressMiddleware } from "@switchboard/express";
import { switchboardPlugin } from "@switchboard/fastify";
import { switchboardHono } from "@switchboard/hono";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";

const protocols = () => [
  responsesProtocol({ agents: fixtureAgents }),
  agentsProtocol({ agents: fixtureAgents }),
  workflowsProtocol({ workflows: fixtureWorkflows }),
];

interface Mounted {
  url: string;
  close(): Promise<void>;
  /** Fastify's route table, to check the protocol routes are real Fastify routes. */
  routes?: string;
  hasRoute?: (method: "GET" | "POST" | "DELETE", url: string) => boolean;
  /** Lines Fastify's `request.log` wrote. */
  logs?: string[];
  hooks?: string[];
}

async function listening(server: Server, sb: Switchboard, bridgeBase?: string): Promise<Mounted> {
  const running = await listenNode(server, attachWebSocket(server, sb, { basePath: bridgeBase }), {
    host: "127.0.0.1",
    port: 0,
  });
  return {
    url: running.url,
    close: async () => {
      await running.close();
      await sb.close();
    },
  };
}

/** Each way to mount; every one serves the app's `GET /hello` beside Switchboard under `/ai`. */
const MOUNTS: Record<string, () => Promise<Mounted>> = {
  "express app.use('/ai')": () => {
    const sb = createSwitchboard({ protocols: protocols() });
    const app = express();
    app.get("/hello", (_req, res) => void res.json({ from: "the app" }));
    app.use("/ai", expressMiddleware(sb));
    return listening(createServer(app), sb, "/ai");
  },
  "fastify register({ prefix: '/ai' })": async () => {
    const sb = createSwitchboard({ protocols: protocols() });
    const logs: string[] = [];
    const hooks: string[] = [];
    const app = Fastify({
      logger: { level: "info", stream: { write: (line: string) => void logs.push(line) } },
    });
    app.addHook("onRequest", async (request) => void hooks.push(`onRequest ${request.url}`));
    app.addHook("onResponse", async (request) => void hooks.push(`onResponse ${request.url}`));
    app.get("/hello", async () => ({ from: "the app" }));
    await app.register(switchboardPlugin, { switchboard: sb, prefix: "/ai" });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      routes: app.printRoutes({ commonPrefix: false }),
      hasRoute: (method, url) => app.hasRoute({ method, url }),
      logs,
      hooks,
      close: async () => {
        await app.close();
        await sb.close();
      },
    };
  },
  "hono app.route('/ai')": () => {
    const sb = createSwitchboard({ protocols: protocols() });
    const app = new Hono();
    app.get("/hello", (c) => c.json({ from: "the app" }));
    app.route("/ai", switchboardHono(sb));
    return listening(createAdaptorServer({ fetch: app.fetch }) as Server, sb, "/ai");
  },
  "hono new Hono().basePath('/ai')": () => {
    const sb = createSwitchboard({ protocols: protocols() });
    const outer = new Hono();
    outer.get("/hello", (c) => c.json({ from: "the app" }));
    const ai = new Hono().basePath("/ai");
    ai.route("/", switchboardHono(sb));
    outer.route("/", ai);
    return listening(createAdaptorServer({ fetch: outer.fetch }) as Server, sb, "/ai");
  },
  "core createSwitchboard({ basePath: '/ai' }) on a bare fetch app": () => {
    // The Hono app served as is, as on Bun, Deno or Workers: the core places itself under /ai.
    const sb = createSwitchboard({ protocols: protocols(), basePath: "/ai/" });
    const app = switchboardHono(sb);
    app.get("/hello", (c) => c.json({ from: "the app" }));
    return listening(createAdaptorServer({ fetch: app.fetch }) as Server, sb);
  },
};

let mounted: Mounted | undefined;
afterEach(async () => {
  await mounted?.close();
  mounted = undefined;
});

describe.each(Object.keys(MOUNTS))("%s", (name) => {
  it("serves every protocol under /ai and leaves the rest to the app", async () => {
    mounted = await MOUNTS[name]!();
    const base = `${mounted.url}/ai`;

    const openai = new OpenAI({ baseURL: `${base}/v1`, apiKey: "unused", maxRetries: 0 });
    const created = await openai.responses.create({ model: "echo", input: "through the prefix" });
    expect(created.status).toBe("completed");
    expect(created.output_text).toBe("through the prefix");

    const client = createClient({ baseURL: base });
    try {
      expect((await client.agents.prompt("echo", "alice", "hi over http")).text).toBe("hi over http");
      const socket = await client.agents.connect("echo", "bob");
      expect((await socket.prompt("hi over the socket")).text).toBe("hi over the socket");
      await socket.close();
      const answers: Record<string, string> = { "What is your name?": "Ada", "Pick a color": "green" };
      const result = await client.workflows.run("ask", {}, (question) => answers[question.content.prompt]!);
      expect(result).toBe("Ada:green");
    } finally {
      await client.close();
    }

    expect(await (await fetch(`${mounted.url}/hello`)).json()).toEqual({ from: "the app" });
    // Without the prefix these are the app's paths: its plain 404, not a protocol's envelope.
    const bare = await fetch(`${mounted.url}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "echo", input: "x" }),
    });
    expect(bare.status).toBe(404);
    expect(await bare.text()).not.toContain("not_found_error");
    // Under the prefix, an unknown path and a wrong method are still the protocol's own answers.
    const unknown = await fetch(`${base}/v1/nothing`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("not_found");
    const wrong = await fetch(`${base}/v1/responses`, { method: "PUT" });
    expect(wrong.status).toBe(405);
  });
});

describe("fastify plugin", () => {
  it("registers real routes, logs through request.log and runs the app's hooks", async () => {
    mounted = await MOUNTS["fastify register({ prefix: '/ai' })"]!();
    for (const [method, url] of [
      ["POST", "/ai/v1/responses"],
      ["GET", "/ai/v1/responses/:id"],
      ["DELETE", "/ai/v1/responses/:id"],
      ["GET", "/ai/v1/responses/:id/input_items"],
      ["POST", "/ai/agents/:name/:id"],
      ["GET", "/ai/workflows/discovery"],
      ["POST", "/ai/workflows/initiate_workflow"],
    ] as const) {
      expect(mounted.hasRoute!(method, url), `${method} ${url}`).toBe(true);
    }
    expect(mounted.hasRoute!("POST", "/ai/v1/models")).toBe(false);
    expect(mounted.routes).toContain("/input_items (GET, HEAD)");
    expect(mounted.routes).toContain("/sessions/:session (GET, HEAD)");
    const res = await fetch(`${mounted.url}/ai/v1/models`);
    expect(res.status).toBe(200);
    // Fastify's request logger saw the request and its completion (reqId, statusCode).
    const lines = mounted.logs!.map((line) => JSON.parse(line) as { msg: string; res?: { statusCode: number } });
    expect(lines.some((line) => line.msg === "request completed" && line.res?.statusCode === 200)).toBe(true);
    // onResponse ran for the buffered answer.
    expect(mounted.hooks).toEqual(expect.arrayContaining(["onRequest /ai/v1/models", "onResponse /ai/v1/models"]));
  });
});
