import { serve } from "@hono/node-server";
import { attachWebSocket, switchboardMiddleware } from "@switchboard/hono";
import { Hono } from "hono";
import { port, switchboard } from "./app.js";

const app = new Hono();
app.get("/health", (c) => c.json({ ok: true }));
app.use(switchboardMiddleware(switchboard));
const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () =>
  console.log(`hono on http://127.0.0.1:${port}`),
);
attachWebSocket(server as import("node:http").Server, switchboard);
