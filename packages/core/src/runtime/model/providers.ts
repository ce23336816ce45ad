import { type OpenAICompatibleOptions, openAICompatible } from "./openai-compatible.js";
import type { Model, ModelQueue } from "./types.js";

/** An OpenAI-compatible endpoint written out: `{ baseURL, model, api }`. */
export interface ModelEndpoint {
  baseURL: string;
  /** The upstream model name. */
  model: string;
  /** `chat` (default): Chat Completions. `responses`: the Responses API. */
  api?: "chat" | "responses";
  apiKey?: string;
  /** The environment variable holding the key (required to be set when named). */
  apiKeyEnv?: string;
  /** The id reported to clients; defaults to `model`. */
  id?: string;
  /**
   * Upstream calls in flight at once (default: 64 for a local or private-network URL, 256 for a
   * hosted one). Agents naming the same endpoint with the same limit share one queue.
   */
  maxConcurrency?: number;
}

/**
 * What an agent's `model` may be: a Model, a provider and model name (`openai:gpt-4.1`,
 * `ollama:llama3.2`, `vllm:…`, `lmstudio:…`), or an endpoint.
 */
export type ModelReference = Model | string | ModelEndpoint;

/** A model reference that cannot be served: unknown provider, missing key, … The message says what to set. */
export class ModelConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelConfigError";
  }
}

interface Provider {
  /** Where the base URL comes from, and its default when that variable is unset. */
  baseUrlEnv: string;
  defaultBaseUrl: string;
  keyEnv: string;
  /** A hosted API refuses every call without a key; local servers usually want none. */
  keyRequired: boolean;
  /** Overrides the default limit of calls in flight through this provider (`openAICompatible`'s `maxConcurrency`). */
  concurrencyEnv: string;
}

/** Providers by name, with their conventional environment variables. */
export const MODEL_PROVIDERS: Readonly<Record<string, Provider>> = {
  openai: {
    baseUrlEnv: "OPENAI_BASE_URL",
    defaultBaseUrl: "https://api.openai.com/v1",
    keyEnv: "OPENAI_API_KEY",
    concurrencyEnv: "OPENAI_MAX_CONCURRENCY",
    keyRequired: true,
  },
  // Ollama's own variable is a host (`127.0.0.1:11434`, scheme optional); its OpenAI API is under /v1.
  ollama: {
    baseUrlEnv: "OLLAMA_HOST",
    defaultBaseUrl: "http://127.0.0.1:11434",
    keyEnv: "OLLAMA_API_KEY",
    concurrencyEnv: "OLLAMA_MAX_CONCURRENCY",
    keyRequired: false,
  },
  vllm: {
    baseUrlEnv: "VLLM_BASE_URL",
    defaultBaseUrl: "http://127.0.0.1:8000/v1",
    keyEnv: "VLLM_API_KEY",
    concurrencyEnv: "VLLM_MAX_CONCURRENCY",
    keyRequired: false,
  },
  lmstudio: {
    baseUrlEnv: "LMSTUDIO_BASE_URL",
    defaultBaseUrl: "http://127.0.0.1:1234/v1",
    keyEnv: "LMSTUDIO_API_KEY",
    concurrencyEnv: "LMSTUDIO_MAX_CONCURRENCY",
    keyRequired: false,
  },
};

type Env = Readonly<Record<string, string | undefined>>;

// One provider object per upstream, so its concurrency limit holds across every agent instance using it.
const cache = new Map<string, Model>();

/** Turns a model reference into a Model; throws ModelConfigError naming what is missing. */
export function resolveModel(reference: ModelReference, env: Env): Model {
  if (typeof reference === "object" && "stream" in reference) return reference;
  const options = typeof reference === "string" ? byName(reference, env) : endpoint(reference, env);
  const key = JSON.stringify(options);
  let model = cache.get(key);
  if (!model) {
    model = openAICompatible(options);
    cache.set(key, model);
  }
  return model;
}

function byName(reference: string, env: Env): OpenAICompatibleOptions {
  const colon = reference.indexOf(":");
  const name = colon < 0 ? "" : reference.slice(0, colon);
  const model = colon < 0 ? "" : reference.slice(colon + 1);
  const provider = MODEL_PROVIDERS[name];
  if (!provider || model === "") {
    throw new ModelConfigError(
      `model ${JSON.stringify(reference)} must be provider:model with a provider among ${Object.keys(MODEL_PROVIDERS).join(", ")} (e.g. openai:gpt-4.1), or { baseURL, model }`,
    );
  }
  const apiKey = env[provider.keyEnv] || undefined;
  if (provider.keyRequired && !apiKey) {
    throw new ModelConfigError(`model ${reference} needs an API key: set ${provider.keyEnv}`);
  }
  const maxConcurrency = concurrencyOf(env[provider.concurrencyEnv], provider.concurrencyEnv);
  return {
    baseURL: openAIRoot(env[provider.baseUrlEnv] || provider.defaultBaseUrl),
    model,
    ...(apiKey ? { apiKey } : {}),
    ...(maxConcurrency === undefined ? {} : { maxConcurrency }),
  };
}

function endpoint(reference: ModelEndpoint, env: Env): OpenAICompatibleOptions {
  if (typeof reference.baseURL !== "string" || typeof reference.model !== "string" || reference.model === "") {
    throw new ModelConfigError("a model endpoint needs baseURL and model");
  }
  if (reference.api !== undefined && reference.api !== "chat" && reference.api !== "responses") {
    throw new ModelConfigError(
      `model endpoint api must be "chat" or "responses", got ${JSON.stringify(reference.api)}`,
    );
  }
  let apiKey = reference.apiKey;
  if (apiKey === undefined && reference.apiKeyEnv !== undefined) {
    apiKey = env[reference.apiKeyEnv] || undefined;
    if (!apiKey)
      throw new ModelConfigError(
        `model ${reference.model} at ${reference.baseURL} needs an API key: set ${reference.apiKeyEnv}`,
      );
  }
  return {
    baseURL: openAIRoot(reference.baseURL),
    model: reference.model,
    ...(reference.api ? { api: reference.api } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(reference.id ? { id: reference.id } : {}),
    ...(reference.maxConcurrency === undefined
      ? {}
      : { maxConcurrency: concurrencyOf(reference.maxConcurrency, "a model endpoint's maxConcurrency") }),
  };
}

function concurrencyOf(value: string | number | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ModelConfigError(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return limit;
}

/**
 * The queues of the providers made by `resolveModel` (one per upstream, model and limit), for
 * metrics: how many calls each holds in flight and how many wait for a slot.
 */
export function modelQueues(): Array<{ model: string; baseURL: string; queue: ModelQueue }> {
  return [...cache].flatMap(([key, model]) =>
    model.queue
      ? [{ model: model.id, baseURL: (JSON.parse(key) as { baseURL: string }).baseURL, queue: model.queue }]
      : [],
  );
}

/**
 * The OpenAI API root of a server given as `host:port`, `http://host:port` or its `/v1` root
 * (a full `/chat/completions` or `/responses` URL is cut back to it).
 */
export function openAIRoot(url: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
  const trimmed = withScheme.replace(/\/+$/, "").replace(/\/(chat\/completions|responses)$/, "");
  return /\/v\d+$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}
