import { app } from "./app.js";

// A Cloudflare Worker's module syntax: workerd calls `fetch` for each request.
export default { fetch: app.fetch };
