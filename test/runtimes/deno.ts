import { app } from "./app.js";

declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen(address: { port: number }): void },
    handler: typeof app.fetch,
  ): unknown;
};

Deno.serve(
  { port: 0, hostname: "127.0.0.1", onListen: ({ port }) => console.log(`listening on http://127.0.0.1:${port}`) },
  app.fetch,
);
