import { describe, expect, it } from "vitest";
import { checkExposure } from "../src/exposure.js";
import { OptionsError, optionsFromEnv } from "../src/options.js";

describe("optionsFromEnv", () => {
  it("applies the documented defaults", () => {
    expect(optionsFromEnv({})).toEqual({
      port: 8787,
      host: "127.0.0.1",
      framework: "hono",
      apiKey: undefined,
      databaseUrl: undefined,
      dataDir: ".switchboard/data",
      allowPublic: false,
      cors: undefined,
      rateLimit: { requestsPerMinute: 6000 },
      logLevel: undefined,
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
        SWITCHBOARD_ALLOW_PUBLIC: "1",
        SWITCHBOARD_CORS_ORIGINS: "https://a.example, https://b.example:8443/",
        SWITCHBOARD_RATE_LIMIT: "120",
        SWITCHBOARD_LOG_LEVEL: "debug",
      }),
    ).toEqual({
      port: 9000,
      host: "0.0.0.0",
      framework: "fastify",
      apiKey: "k",
      databaseUrl: "postgres://u@h/db",
      dataDir: "/tmp/sb",
      allowPublic: true,
      cors: { origins: ["https://a.example", "https://b.example:8443"] },
      rateLimit: { requestsPerMinute: 120 },
      logLevel: "debug",
    });
    expect(optionsFromEnv({ SWITCHBOARD_RATE_LIMIT: "off" }).rateLimit).toBeUndefined();
    expect(optionsFromEnv({ SWITCHBOARD_CORS_ORIGINS: "*" }).cors).toEqual({ origins: "*" });
  });

  it("names the variable that is wrong", () => {
    expect(() => optionsFromEnv({ PORT: "eighty" })).toThrow(OptionsError);
    expect(() => optionsFromEnv({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => optionsFromEnv({ SWITCHBOARD_FRAMEWORK: "koa" })).toThrow(
      /SWITCHBOARD_FRAMEWORK.*express, fastify, hono/,
    );
    expect(() => optionsFromEnv({ SWITCHBOARD_RATE_LIMIT: "lots" })).toThrow(/SWITCHBOARD_RATE_LIMIT/);
    expect(() => optionsFromEnv({ SWITCHBOARD_ALLOW_PUBLIC: "yes please" })).toThrow(/SWITCHBOARD_ALLOW_PUBLIC/);
    expect(() => optionsFromEnv({ SWITCHBOARD_LOG_LEVEL: "loud" })).toThrow(/SWITCHBOARD_LOG_LEVEL/);
  });
});

describe("checkExposure", () => {
  it("refuses a non-loopback host without a key, allows it when told, and leaves loopback alone", () => {
    for (const host of ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"]) {
      expect(checkExposure({ host })).toBeUndefined();
    }
    for (const host of ["0.0.0.0", "::", "192.168.1.5", "example.com"]) {
      expect(() => checkExposure({ host })).toThrow(OptionsError);
      expect(() => checkExposure({ host })).toThrow(/SWITCHBOARD_API_KEY.*--allow-public/);
      expect(checkExposure({ host, allowPublic: true })).toMatch(/^WARNING: .*without an API key/);
      expect(checkExposure({ host, apiKey: "k" })).toBeUndefined();
    }
  });
});
