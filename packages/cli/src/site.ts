/**
 * The demo server's own routes around the protocols, framework-free so that all three adapters
 * answer alike: the home page at `/`, `/healthz` and `/readyz` for orchestrators, `/metrics` for
 * Prometheus, and a JSON 404 for any other path. With an API key every one of them but the two
 * probes requires it; the home page then first serves a small page asking for the key.
 */
import { existsSync, readFileSync } from "node:fs";
import { type CoreRequest, type CoreResponse, json, type Switchboard } from "@switchboard/core";

export interface SiteOptions {
  home: CoreResponse;
  apiKey?: string;
  /** Resolves when the store answers (`/readyz`). */
  ready?: () => Promise<unknown>;
}

const HTML = { "content-type": "text/html; charset=utf-8" };

export function homePage(file: string): CoreResponse {
  if (existsSync(file)) return { status: 200, headers: HTML, body: readFileSync(file, "utf8") };
  return {
    status: 200,
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: [
      "Switchboard",
      "",
      "Responses (OpenAI-compatible):  POST /v1/responses, GET|DELETE /v1/responses/{id}, GET /v1/models",
      "Instance agents:                POST /agents/{name}/{id}, WebSocket GET /agents/{name}/{id}",
      "                                GET /health, GET /agents (pyflue's client)",
      "Workflows:                      GET /workflows/discovery, POST /workflows/initiate_workflow, WebSocket /workflows/ws",
      "                                (also under /fastagency, FastAgency's default paths)",
      "Operations:                     GET /healthz, GET /readyz, GET /metrics",
      "",
    ].join("\n"),
  };
}

/**
 * A browser cannot send `Authorization` when it opens a page, so the home page takes the key as
 * `?access_token=` too. This page asks for it, keeps it where the workflow client reads it
 * (sessionStorage) and reloads with it.
 */
const KEY_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Switchboard: API key required</title></head>
<body>
<h1>Switchboard</h1>
<p>This server requires an API key.</p>
<form id="key"><label>API key <input id="value" type="password" autocomplete="off" required></label>
<button type="submit">Open</button></form>
<script>
document.getElementById("key").addEventListener("submit", (event) => {
  event.preventDefault();
  const key = document.getElementById("value").value.trim();
  sessionStorage.setItem("switchboard-api-key", key);
  location.href = "/?access_token=" + encodeURIComponent(key);
});
</script>
</body></html>
`;

export function withSite(sb: Switchboard, options: SiteOptions): Switchboard {
  const { apiKey } = options;
  const authorized = (req: CoreRequest, allowQuery: boolean) => {
    if (apiKey === undefined) return true;
    const header = req.header("authorization");
    const bearer = header?.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : undefined;
    return bearer === apiKey || (allowQuery && req.query.get("access_token") === apiKey);
  };
  const unauthorized = () =>
    json(
      401,
      { error: { type: "unauthorized", message: "missing or invalid API key (send Authorization: Bearer <key>)" } },
      { "www-authenticate": "Bearer" },
    );

  const fallback = async (req: CoreRequest): Promise<CoreResponse> => {
    const read = req.method === "GET" || req.method === "HEAD";
    // The probes stay open: an orchestrator has no key, and they tell nothing but "up" and "ready".
    if (read && req.path === "/healthz") return json(200, { status: "ok" });
    if (read && req.path === "/readyz") {
      try {
        await options.ready?.();
        return json(200, { status: "ready" });
      } catch {
        return json(503, { status: "unavailable", reason: "the store cannot be reached" }, { "retry-after": "2" });
      }
    }
    if (read && req.path === "/") {
      if (!authorized(req, true))
        return { status: 401, headers: { ...HTML, "www-authenticate": "Bearer" }, body: KEY_PAGE };
      return options.home;
    }
    if (!authorized(req, false)) return unauthorized();
    if (read && req.path === "/metrics" && sb.metrics) {
      return { status: 200, headers: { "content-type": sb.metrics.contentType }, body: await sb.metrics.text() };
    }
    return json(404, { error: { type: "not_found", message: `no route for ${req.method} ${req.path}` } });
  };

  return {
    limits: sb.limits,
    basePath: sb.basePath,
    routes: () => sb.routes(),
    logger: sb.logger,
    metrics: sb.metrics,
    ready: sb.ready,
    async handle(req) {
      return (await sb.handle(req)) ?? fallback(req);
    },
    upgrade: (req) => sb.upgrade(req),
    close: () => sb.close(),
  };
}
