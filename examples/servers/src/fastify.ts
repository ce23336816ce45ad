import { switchboardPlugin } from "@switchboard/fastify";
import Fastify from "fastify";
import { port, switchboard } from "./app.js";

const app = Fastify();
app.get("/health", async () => ({ ok: true }));
await app.register(switchboardPlugin, { switchboard });
await app.listen({ port, host: "127.0.0.1" });
console.log(`fastify on http://127.0.0.1:${port}`);
