import { attachWebSocket, switchboardMiddleware } from "@switchboard/express";
import express from "express";
import { port, switchboard } from "./app.js";

const app = express();
app.get("/health", (_req, res) => {
  res.json({ ok: true });
});
app.use(switchboardMiddleware(switchboard));
const server = app.listen(port, "127.0.0.1", () => console.log(`express on http://127.0.0.1:${port}`));
attachWebSocket(server, switchboard);
