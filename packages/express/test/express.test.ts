import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createSwitchboard, json, type ProtocolModule } from "@switchboard/core";
import express from "express";
import { afterEach, expect, it } from "vitest";
import { readJson } from "../../core/src/http/read-json.js";
import { switchboardMiddleware } from "../src/index.js";

const echo = (): ProtocolModule => ({
  name: "agents",
  owns: (path) => path.startsWith("/echo"),
  error: (status, code, message) => json(status, { error: { code, message } }),
  async handle(req) {
    const body = await readJson(req, 64);
    return body.ok ? json(200, { received: body.value }) : json(400, { error: { code: body.reason } });
  },
});

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

it("reuses a body express.json() already parsed, still applying the core's limit", async () => {
  const sb = createSwitchboard({ protocols: [echo] });
  const app = express();
  app.use(express.json());
  app.use(switchboardMiddleware(sb));
  server = createServer(app);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`;
  const post = (body: string) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });

  const ok = await post('{"a":[1,2]}');
  expect(ok.status).toBe(200);
  expect(await ok.json()).toEqual({ received: { a: [1, 2] } });

  const tooLarge = await post(JSON.stringify({ text: "x".repeat(100) }));
  expect(tooLarge.status).toBe(413);
  expect(await tooLarge.json()).toMatchObject({ error: { code: "payload_too_large" } });
});
