import { spawn } from "node:child_process";
import { existsSync, realpathSync, statSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { defineTool } from "./define.js";
import type { Tool } from "./types.js";

/**
 * Where an agent's built-in file and shell tools act. `localSandbox()` runs them on this machine,
 * confined to the agent's `cwd`: every path they are given is resolved inside it (symbolic links
 * included), and one that leads outside is refused.
 */
export interface Sandbox {
  readonly kind: string;
  /** The built-in tools, acting in `cwd` (an absolute, existing directory). */
  tools(cwd: string): Tool[];
}

export class SandboxEscapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SandboxEscapeError";
  }
}

export interface LocalSandboxOptions {
  /** Longest a shell command may run (default 30 s). */
  commandTimeoutMs?: number;
  /** Largest file `read_file` returns, and output `run_command` keeps per stream (default 256 KiB). */
  maxBytes?: number;
}

export const SANDBOX_TOOL_NAMES = ["read_file", "write_file", "list_files", "run_command"] as const;

export function localSandbox(options: LocalSandboxOptions = {}): Sandbox {
  const timeoutMs = options.commandTimeoutMs ?? 30_000;
  const maxBytes = options.maxBytes ?? 256 * 1024;
  return Object.freeze({
    kind: "local",
    tools(cwd: string): Tool[] {
      const root = realpathSync(cwd);
      const inside = (path: string) => confine(root, path);
      return [
        defineTool<{ path: string }, string>({
          name: "read_file",
          description: "Reads a text file of the working directory",
          parameters: pathParameters("The file, relative to the working directory"),
          async execute({ path }) {
            const file = inside(path);
            const size = statSync(file).size;
            if (size > maxBytes) throw new Error(`${path} is ${size} bytes; at most ${maxBytes} can be read`);
            return readFile(file, "utf8");
          },
        }),
        defineTool<{ path: string; content: string }, string>({
          name: "write_file",
          description: "Writes a text file in the working directory, creating its folders",
          parameters: {
            type: "object",
            properties: {
              path: { type: "string", description: "The file, relative to the working directory" },
              content: { type: "string" },
            },
            required: ["path", "content"],
            additionalProperties: false,
          },
          async execute({ path, content }) {
            const file = inside(path);
            await mkdir(dirname(file), { recursive: true });
            // The folders just made may not be symbolic links, but check the result once more.
            inside(path);
            await writeFile(file, content);
            return `wrote ${Buffer.byteLength(content)} bytes to ${relative(root, file)}`;
          },
        }),
        defineTool<{ path?: string }, string[]>({
          name: "list_files",
          description: "Lists a folder of the working directory (folders end with /)",
          parameters: {
            type: "object",
            properties: { path: { type: "string", description: "Relative to the working directory; default ." } },
            additionalProperties: false,
          },
          async execute({ path = "." }) {
            const entries = await readdir(inside(path), { withFileTypes: true });
            return entries.map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name)).sort();
          },
        }),
        defineTool<{ command: string }, { exitCode: number | null; stdout: string; stderr: string }>({
          name: "run_command",
          description:
            "Runs a shell command in the working directory. Paths must stay inside it; variables and command substitution are not allowed.",
          parameters: {
            type: "object",
            properties: { command: { type: "string" } },
            required: ["command"],
            additionalProperties: false,
          },
          execute: ({ command }, ctx) => runConfined(root, command, { timeoutMs, maxBytes, signal: ctx.signal }),
        }),
      ];
    },
  });
}

/** The absolute path of `path` inside `root`, or a SandboxEscapeError. */
export function confine(root: string, path: string): string {
  if (typeof path !== "string" || path === "" || path.includes("\0")) {
    throw new SandboxEscapeError("refused: a path must be a non-empty string");
  }
  const target = resolve(root, path);
  if (!within(root, target)) throw new SandboxEscapeError(`refused: ${path} is outside the working directory`);
  // A symbolic link inside may point outside: the deepest part that exists must really be inside.
  let existing = target;
  while (!existsSync(existing)) existing = dirname(existing);
  if (!within(root, realpathSync(existing))) {
    throw new SandboxEscapeError(`refused: ${path} leads outside the working directory through a symbolic link`);
  }
  return target;
}

function within(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * Shell words that could reach outside the working directory are refused before anything runs:
 * expansions (`$VAR`, `$(…)`, backquotes, `~`) and any path-like word that resolves outside,
 * symbolic links included. The command runs with the working directory as its cwd and HOME.
 */
function runConfined(
  root: string,
  command: string,
  limits: { timeoutMs: number; maxBytes: number; signal: AbortSignal },
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  if (/[`$]/.test(command)) {
    throw new SandboxEscapeError("refused: variables ($…) and command substitution are not allowed in the sandbox");
  }
  for (const word of command.split(/[\s;&|<>()'"]+/)) {
    if (word === "") continue;
    if (word.startsWith("~")) throw new SandboxEscapeError(`refused: ${word} is outside the working directory`);
    const pathLike = word.includes("/") || word === ".." || word.startsWith("..");
    if (!pathLike) continue;
    // `--out=../x`: the path is after the `=`.
    const path = word.includes("=") ? word.slice(word.indexOf("=") + 1) : word;
    if (path !== "") confine(root, path);
  }
  return new Promise((resolvePromise, reject) => {
    const child = spawn("/bin/sh", ["-c", command], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: root, LANG: "C.UTF-8" },
      signal: limits.signal,
      timeout: limits.timeoutMs,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (stdout.length < limits.maxBytes) stdout += chunk.slice(0, limits.maxBytes - stdout.length);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr.length < limits.maxBytes) stderr += chunk.slice(0, limits.maxBytes - stderr.length);
    });
    child.once("error", reject);
    child.once("close", (exitCode) => resolvePromise({ exitCode, stdout, stderr }));
  });
}

function pathParameters(description: string): Record<string, unknown> {
  return {
    type: "object",
    properties: { path: { type: "string", description } },
    required: ["path"],
    additionalProperties: false,
  };
}
