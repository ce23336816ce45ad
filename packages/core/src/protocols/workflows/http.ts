// The workflows protocol's HTTP side: which paths it serves under its prefixes, its error
// envelope, discovery and `initiate_workflow`. Apart from module.ts because a run itself lives on
// the WebSocket (start.ts, resume.ts); over HTTP a run is only prepared.
import { validate, type WorkflowHttpErrorType, type WorkflowInitiateResponse } from "@switchboard/protocol/workflows";
import { readJson } from "../../http/read-json.js";
import { json } from "../../http/response.js";
import type { CoreRequest, CoreResponse } from "../../http/types.js";
import type { WorkflowDefinition } from "../../runtime/workflow/define.js";
import type { WorkflowRunRecord, WorkflowStore } from "../../store/workflows.js";
import type { AppContext, AppErrorCode, ProtocolRoute } from "../protocol-module.js";
import { inFormOf } from "./frames.js";
import { authorized, type WorkflowsProtocolOptions } from "./options.js";

export type WorkflowRoute = "discovery" | "initiate_workflow" | "ws";

export class WorkflowsHttp {
  readonly #ctx: AppContext;
  readonly #options: WorkflowsProtocolOptions;
  readonly #prefixes: string[];
  readonly #workflows: ReadonlyMap<string, WorkflowDefinition>;
  readonly #store: WorkflowStore;

  constructor(
    ctx: AppContext,
    options: WorkflowsProtocolOptions,
    prefixes: string[],
    workflows: ReadonlyMap<string, WorkflowDefinition>,
    store: WorkflowStore,
  ) {
    this.#ctx = ctx;
    this.#options = options;
    this.#prefixes = prefixes;
    this.#workflows = workflows;
    this.#store = store;
  }

  get routes(): ProtocolRoute[] {
    return this.#prefixes.flatMap((prefix): ProtocolRoute[] => [
      { method: "GET", path: `${prefix}/discovery` },
      { method: "POST", path: `${prefix}/initiate_workflow` },
      { method: "GET", path: `${prefix}/ws` },
    ]);
  }

  owns(path: string): boolean {
    return this.#prefixOf(path) !== undefined;
  }

  route(path: string): WorkflowRoute | undefined {
    const prefix = this.#prefixOf(path);
    if (prefix === undefined) return undefined;
    const rest = collapseSlashes(path).slice(prefix.length).replace(/\/$/, "");
    if (rest === "/discovery") return "discovery";
    if (rest === "/initiate_workflow") return "initiate_workflow";
    if (rest === "/ws") return "ws";
    return undefined;
  }

  error(status: number, code: WorkflowHttpErrorType | AppErrorCode, message: string, param?: string): CoreResponse {
    const type: WorkflowHttpErrorType = code === "not_found" ? "route_not_found" : code;
    const headers: Record<string, string> = {};
    if (status === 401) headers["www-authenticate"] = "Bearer";
    if (status === 426) headers.upgrade = "websocket";
    return json(status, { error: { type, message, param: param ?? null } }, headers);
  }

  async handle(req: CoreRequest): Promise<CoreResponse> {
    const route = this.route(req.path);
    if (!route) return this.error(404, "route_not_found", `no route ${req.method} ${req.path}`);
    const allowed = route === "initiate_workflow" ? "POST" : "GET";
    if (req.method !== allowed && !(allowed === "GET" && req.method === "HEAD")) {
      const response = this.error(405, "method_not_allowed", `${req.path} only accepts ${allowed}`);
      response.headers.allow = allowed;
      return response;
    }
    if (!(await authorized(this.#options, req))) {
      return this.error(403, "forbidden", "the caller may not use this route");
    }
    if (route === "discovery") {
      return json(
        200,
        [...this.#workflows.values()].map(({ name, description }) => ({ name, description })),
      );
    }
    if (route === "ws") {
      return this.error(426, "upgrade_required", `${req.path} is a WebSocket endpoint; send a WebSocket upgrade`);
    }
    return this.#initiate(req);
  }

  #prefixOf(path: string): string | undefined {
    const clean = collapseSlashes(path);
    return this.#prefixes.find((prefix) => clean === prefix || clean.startsWith(`${prefix}/`));
  }

  async #initiate(req: CoreRequest): Promise<CoreResponse> {
    const body = await readJson(req, this.#ctx.limits.maxBodyBytes);
    if (!body.ok) {
      return body.reason === "unsupported_media_type"
        ? this.error(415, "unsupported_media_type", body.message)
        : this.error(400, "invalid_json", body.message);
    }
    const checked = validate.WorkflowInitiateRequest(body.value);
    if (!checked.ok) {
      const { param, message } = checked.issue;
      return this.error(400, "validation_failed", `${param || "body"} ${message}`, param || undefined);
    }
    const request = checked.value;
    if (!(await authorized(this.#options, req, request.workflow_name))) {
      return this.error(403, "forbidden", `the caller may not run workflow ${request.workflow_name}`);
    }
    if (!this.#workflows.has(request.workflow_name)) {
      return this.error(
        404,
        "workflow_not_found",
        `no workflow named ${JSON.stringify(request.workflow_name)}`,
        "workflow_name",
      );
    }
    const derived = this.#options.userId ? await this.#options.userId(req) : undefined;
    const userId = derived ?? request.user_id ?? crypto.randomUUID();
    const params = (request.params ?? {}) as Record<string, unknown>;
    const now = Date.now();
    const record: WorkflowRunRecord = {
      workflowUuid: crypto.randomUUID(),
      name: request.workflow_name,
      userId,
      params,
      status: "initiated",
      result: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.#store.createRun(record);
    const response: WorkflowInitiateResponse = {
      name: record.name,
      // In the client's form: FastAgency's provider sends (and its runtime uses) 32 hex digits.
      workflow_uuid: inFormOf(request.workflow_uuid, record.workflowUuid),
      user_id: userId,
      params,
    };
    return json(200, response);
  }
}

/**
 * FastAgency's FastAPIProvider joins its URL and discovery path with an extra slash
 * (`//fastagency/discovery`); repeated slashes are read as one so that its `names` works.
 */
function collapseSlashes(path: string): string {
  return path.replace(/\/{2,}/g, "/");
}

export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, "");
  if (trimmed === "") throw new Error("the workflows prefix cannot be the root path");
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}
