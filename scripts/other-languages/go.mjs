// The Go side: the toolchain with its module and build caches under .gocache/, the generated Go
// client (oapi-codegen) and its vet and build, and the client example run against a server.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { SPECS, settle, specPath } from "./clients.mjs";
import { root, run } from "./harness.mjs";

const goDir = join(root, "examples/clients/go");
const goCache = join(root, ".gocache");
// GOFLAGS=-modcacherw keeps the module cache deletable; GOTOOLCHAIN=local never downloads a
// toolchain (go.mod's `go` line stays within the machine's Go).
const goEnv = {
  ...process.env,
  GOMODCACHE: join(goCache, "mod"),
  GOCACHE: join(goCache, "build"),
  GOFLAGS: "-modcacherw",
  GOTOOLCHAIN: "local",
};
/** Where `checkGo` builds the example program and `runGoExample` runs it from. */
const goBinary = (work) => join(work, "goclient");

export async function ensureGo() {
  const version = await run("go", ["version"], { env: goEnv, capture: true });
  if (!version.ok) {
    console.error(`Go is required: ${version.output.trim()}`);
    return false;
  }
  console.log(version.output.trim());
  // Modules download on first use (`go tool`, `go build`), only those these programs need.
  mkdirSync(goCache, { recursive: true });
  return true;
}

/** Regenerates the Go clients under `work` and settles them against the committed ones. */
export async function generateGo(work, write) {
  const out = join(work, "go");
  let ok = true;
  for (const spec of SPECS) {
    mkdirSync(join(out, spec), { recursive: true });
    const r = await run(
      "go",
      [
        "tool",
        "oapi-codegen",
        "-config",
        `codegen/${spec}.yaml`,
        "-o",
        join(out, spec, `${spec}.gen.go`),
        specPath(spec),
      ],
      // The first run compiles the generator and its dependencies: minutes on two busy cores.
      { cwd: goDir, env: goEnv, capture: true, timeoutMs: 900_000 },
    );
    if (!r.ok || r.output.trim()) console.error(r.output);
    ok &&= r.ok;
  }
  return ok && settle("go", join(goDir, "generated"), out, write);
}

export async function checkGo(work) {
  const fmt = await run("gofmt", ["-l", "main.go"], { cwd: goDir, env: goEnv, capture: true });
  if (fmt.output.trim()) console.error(`gofmt would change: ${fmt.output.trim()}`);
  const vet = await run("go", ["vet", "./..."], { cwd: goDir, env: goEnv });
  const build = await run("go", ["build", "-o", goBinary(work), "."], { cwd: goDir, env: goEnv });
  return fmt.ok && !fmt.output.trim() && vet.ok && build.ok;
}

/** Runs the example built by `checkGo` against the server named by `env.SWITCHBOARD_URL`. */
export async function runGoExample(work, env) {
  return (await run(goBinary(work), [], { env, timeoutMs: 90_000 })).ok;
}
