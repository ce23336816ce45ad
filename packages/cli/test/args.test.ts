import { describe, expect, it } from "vitest";
import { FLAGS, helpText, parseCommandLine, UsageError } from "../src/args.js";

describe("parseCommandLine", () => {
  it("maps every flag onto the serve options", () => {
    const parsed = parseCommandLine(
      [
        "serve",
        "--port=0",
        "--host",
        "0.0.0.0",
        "--framework",
        "express",
        "--database-url",
        "postgresql://u@h/db",
        "--data-dir",
        "/tmp/x",
        "--setup-datastore",
        "--api-key",
        "secret",
        "--cors-origin",
        "https://a.example",
        "--cors-origin",
        "https://b.example,https://c.example",
        "--rate-limit",
        "10/s",
        "--allow-public",
        "--workflow-prefix",
        "/one",
        "--workflow-prefix",
        "/two",
      ],
      {},
    );
    expect(parsed).toEqual({
      kind: "serve",
      positionals: [],
      options: {
        port: 0,
        host: "0.0.0.0",
        framework: "express",
        databaseUrl: "postgresql://u@h/db",
        dataDir: "/tmp/x",
        setupDatastore: true,
        apiKey: "secret",
        corsOrigins: ["https://a.example", "https://b.example", "https://c.example"],
        rateLimit: { requests: 10, windowMs: 1000 },
        allowPublic: true,
        workflowPrefixes: ["/one", "/two"],
      },
    });
  });

  it("overrides the environment with flags", () => {
    const env = { PORT: "1234", HOST: "10.0.0.1", SWITCHBOARD_FRAMEWORK: "fastify", SWITCHBOARD_API_KEY: "env-key" };
    const parsed = parseCommandLine(["serve", "--port", "4321", "--api-key", "flag-key"], env);
    expect(parsed.kind === "serve" && parsed.options).toMatchObject({
      port: 4321,
      host: "10.0.0.1",
      framework: "fastify",
      apiKey: "flag-key",
    });
  });

  it("names the unknown flag, the bad value and the missing value", () => {
    const error = (argv: string[]) => {
      try {
        parseCommandLine(argv, {});
      } catch (caught) {
        expect(caught).toBeInstanceOf(UsageError);
        return (caught as Error).message;
      }
      throw new Error(`accepted ${argv.join(" ")}`);
    };
    expect(error(["serve", "--bogus"])).toBe("unknown flag --bogus for switchboard serve");
    expect(error(["serve", "--port", "99999"])).toBe('--port must be an integer between 0 and 65535, got "99999"');
    expect(error(["serve", "--framework", "koa"])).toMatch(/^--framework must be one of express, fastify, hono/);
    expect(error(["serve", "--port"])).toBe("--port needs a value");
    expect(error(["serve", "--allow-public=no"])).toBe("--allow-public takes no value");
    expect(error(["serve", "extra"])).toBe('switchboard serve takes no arguments, got "extra"');
    expect(error(["dev", "a", "b"])).toBe("switchboard dev takes one directory, got 2");
    expect(error(["launch"])).toBe("unknown command: launch");
    expect(error(["--port", "1"])).toBe("unknown flag --port");
    expect(error([])).toBe("missing command (serve or dev)");
  });

  it("recognises help and version anywhere", () => {
    expect(parseCommandLine(["--help"], {})).toEqual({ kind: "help" });
    expect(parseCommandLine(["serve", "--port", "1", "-h"], {})).toEqual({ kind: "help", command: "serve" });
    expect(parseCommandLine(["dev", "--help"], {})).toEqual({ kind: "help", command: "dev" });
    expect(parseCommandLine(["--version"], {})).toEqual({ kind: "version" });
    expect(parseCommandLine(["serve", "-v"], {})).toEqual({ kind: "version" });
  });

  it("takes the directory of dev as a positional", () => {
    const parsed = parseCommandLine(["dev", "./app", "--port", "0"], {});
    expect(parsed.kind === "dev" && parsed.positionals).toEqual(["./app"]);
  });
});

describe("helpText", () => {
  it("lists every flag with its variable", () => {
    for (const command of [undefined, "serve", "dev"] as const) {
      const text = helpText(command);
      for (const flag of FLAGS.filter((f) => !command || !f.only || f.only === command)) {
        expect(text).toContain(`--${flag.name}`);
        if (flag.env) expect(text).toContain(`[env ${flag.env}]`);
      }
    }
  });
});
