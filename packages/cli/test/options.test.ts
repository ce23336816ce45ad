import { describe, expect, it } from "vitest";
import { OptionsError, optionsFromEnv, resolveServeOptions } from "../src/options.js";

describe("optionsFromEnv", () => {
  it("applies the documented defaults", () => {
    expect(optionsFromEnv({})).toEqual({
      port: 8787,
      host: "127.0.0.1",
      framework: "hono",
      apiKey: undefined,
      databaseUrl: undefined,
      dataDir: ".switchboard/data",
      corsOrigins: [],
      allowPublic: false,
      workflowPrefixes: ["/workflows", "/fastagency"],
    });
  });

  it("reads every variable", () => {
    expect(
      optionsFromEnv({
        PORT: "9000",
        HOST: "0.0.0.0",
        SWITCHBOARD_FRAMEWORK: "fastify",
        SWITCHBOARD_API_KEY: "k",
        DATABASE_URL: "postgres://u@h/db",
        SWITCHBOARD_DATA_DIR: "/tmp/sb",
        SWITCHBOARD_CORS_ORIGINS: "https://a.example, http://localhost:3000/",
        SWITCHBOARD_RATE_LIMIT: "50/30s",
        SWITCHBOARD_ALLOW_PUBLIC: "yes",
        SWITCHBOARD_WORKFLOW_PREFIXES: "/fastagency",
      }),
    ).toEqual({
      port: 9000,
      host: "0.0.0.0",
      framework: "fastify",
      apiKey: "k",
      databaseUrl: "postgres://u@h/db",
      dataDir: "/tmp/sb",
      corsOrigins: ["https://a.example", "http://localhost:3000"],
      rateLimit: { requests: 50, windowMs: 30_000 },
      allowPublic: true,
      workflowPrefixes: ["/fastagency"],
    });
  });

  it("names the variable that is wrong", () => {
    expect(() => optionsFromEnv({ PORT: "eighty" })).toThrow(OptionsError);
    expect(() => optionsFromEnv({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => optionsFromEnv({ SWITCHBOARD_FRAMEWORK: "koa" })).toThrow(
      /SWITCHBOARD_FRAMEWORK.*express, fastify, hono/,
    );
    expect(() => optionsFromEnv({ SWITCHBOARD_RATE_LIMIT: "lots" })).toThrow(/^SWITCHBOARD_RATE_LIMIT must be/);
    expect(() => optionsFromEnv({ SWITCHBOARD_ALLOW_PUBLIC: "maybe" })).toThrow(/^SWITCHBOARD_ALLOW_PUBLIC must be/);
    expect(() => optionsFromEnv({ SWITCHBOARD_CORS_ORIGINS: "https://a.example/app" })).toThrow(
      /^SWITCHBOARD_CORS_ORIGINS: "https:\/\/a.example\/app" is not an origin/,
    );
    expect(() => optionsFromEnv({ DATABASE_URL: "mysql://u:secret@h/db" })).toThrow(/^DATABASE_URL .*u:\*\*\*@h/);
    expect(() => optionsFromEnv({ DATABASE_URL: "mysql://u:secret@h/db" })).not.toThrow(/secret/);
  });
});

describe("resolveServeOptions", () => {
  it("lets a flag win over its variable and names the flag in errors", () => {
    const env = { PORT: "9000", SWITCHBOARD_CORS_ORIGINS: "https://env.example", SWITCHBOARD_RATE_LIMIT: "1/s" };
    const options = resolveServeOptions(
      { port: "9100", corsOrigins: ["https://flag.example"], rateLimit: "120/m" },
      env,
    );
    expect(options.port).toBe(9100);
    expect(options.corsOrigins).toEqual(["https://flag.example"]);
    expect(options.rateLimit).toEqual({ requests: 120, windowMs: 60_000 });
    expect(() => resolveServeOptions({ port: "x" }, env)).toThrow(/^--port must be/);
  });

  it("parses repeatable and comma-separated lists, and refuses empty or duplicate entries", () => {
    expect(resolveServeOptions({ corsOrigins: ["https://a.example,https://b.example", "*"] }, {}).corsOrigins).toEqual([
      "https://a.example",
      "https://b.example",
      "*",
    ]);
    expect(resolveServeOptions({ workflowPrefixes: ["/wf/", "/fastagency"] }, {}).workflowPrefixes).toEqual([
      "/wf",
      "/fastagency",
    ]);
    expect(() => resolveServeOptions({ workflowPrefixes: ["/a", "/a"] }, {})).toThrow(
      /--workflow-prefix: \/a is given twice/,
    );
    expect(() => resolveServeOptions({ workflowPrefixes: ["/"] }, {})).toThrow(
      /--workflow-prefix: "\/" is not a path prefix/,
    );
    expect(() => resolveServeOptions({ corsOrigins: ["https://a.example,"] }, {})).toThrow(
      /--cors-origin has an empty entry/,
    );
    expect(() => resolveServeOptions({ host: "" }, {})).toThrow(/--host must not be empty/);
  });

  it("reads rate limits as requests per window", () => {
    const limit = (text: string) => resolveServeOptions({ rateLimit: text }, {}).rateLimit;
    expect(limit("10/s")).toEqual({ requests: 10, windowMs: 1000 });
    expect(limit("1000/hour")).toEqual({ requests: 1000, windowMs: 3_600_000 });
    expect(limit("5 / 2m")).toEqual({ requests: 5, windowMs: 120_000 });
    for (const bad of ["0/s", "10", "10/d", "-1/s", "10/0s"]) {
      expect(() => limit(bad)).toThrow(/--rate-limit must be requests per window/);
    }
  });

  it("takes --allow-public over SWITCHBOARD_ALLOW_PUBLIC and --setup-datastore as given", () => {
    expect(resolveServeOptions({}, { SWITCHBOARD_ALLOW_PUBLIC: "0" }).allowPublic).toBe(false);
    expect(resolveServeOptions({ allowPublic: true }, { SWITCHBOARD_ALLOW_PUBLIC: "0" }).allowPublic).toBe(true);
    expect(resolveServeOptions({ setupDatastore: true }, {}).setupDatastore).toBe(true);
    expect(resolveServeOptions({}, {}).setupDatastore).toBeUndefined();
  });
});
