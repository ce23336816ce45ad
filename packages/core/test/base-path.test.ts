import { expect, it } from "vitest";
import { fixtureAgents } from "../src/fixtures/index.js";
import type { CoreRequest } from "../src/index.js";
import { agentsProtocol, createSwitchboard, normalizeBasePath, pathUnder, responsesProtocol } from "../src/index.js";

it("normalizes a base path to a leading slash and no trailing one", () => {
  expect(normalizeBasePath(undefined)).toBe("");
  expect(normalizeBasePath("/")).toBe("");
  expect(normalizeBasePath("ai")).toBe("/ai");
  expect(normalizeBasePath("/ai//")).toBe("/ai");
});

it("finds a path below a base only at a segment boundary", () => {
  expect(pathUnder("/ai/v1/responses", "/ai")).toBe("/v1/responses");
  expect(pathUnder("/ai", "/ai")).toBe("/");
  expect(pathUnder("/aim/v1/responses", "/ai")).toBeUndefined();
  expect(pathUnder("/v1/responses", "/ai")).toBeUndefined();
  expect(pathUnder("/v1/responses", "")).toBe("/v1/responses");
});

const request = (method: string, path: string): CoreRequest => ({
  method,
  path,
  query: new URLSearchParams(),
  header: () => undefined,
  body: async () => new Uint8Array(0),
  signal: new AbortController().signal,
});

it("answers under basePath only, and lists its routes there", async () => {
  const sb = createSwitchboard({
    protocols: [responsesProtocol({ agents: fixtureAgents }), agentsProtocol({ agents: fixtureAgents })],
    basePath: "/ai",
  });
  try {
    expect(sb.basePath).toBe("/ai");
    expect((await sb.handle(request("GET", "/ai/v1/models")))?.status).toBe(200);
    expect(await sb.handle(request("GET", "/v1/models"))).toBeUndefined();
    expect(await sb.handle(request("GET", "/aiv1/models"))).toBeUndefined();
    expect(sb.routes()).toContainEqual({ method: "POST", path: "/ai/v1/responses" });
    expect(sb.routes()).toContainEqual({ method: "POST", path: "/ai/agents/:name/:id" });
  } finally {
    await sb.close();
  }
});
