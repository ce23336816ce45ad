import { describe, expect, it } from "vitest";
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
      }),
    ).toEqual({
      port: 9000,
      host: "0.0.0.0",
      framework: "fastify",
      apiKey: "k",
      databaseUrl: "postgres://u@h/db",
      dataDir: "/tmp/sb",
    });
  });

  it("names the variable that is wrong", () => {
    expect(() => optionsFromEnv({ PORT: "eighty" })).toThrow(OptionsError);
    expect(() => optionsFromEnv({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => optionsFromEnv({ SWITCHBOARD_FRAMEWORK: "koa" })).toThrow(
      /SWITCHBOARD_FRAMEWORK.*express, fastify, hono/,
    );
  });
});
