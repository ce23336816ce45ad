import { show, type TestContext } from "../../context.js";
import { isRefusal, type WsClient } from "../../ws.js";
import { defineRequirements, isObject, OVERSIZE_BYTES } from "../define.js";
import { ERROR_SCHEMA, expectError, LOOKUP_TOOL } from "./client.js";

// WebSocket mode of the Responses API (OpenAI's and Open Responses' `GET /v1/responses`
// upgrade). What both anchors document (events as over HTTP, turns, `store: false` continuation,
// error events, authorization) is their `core`; `stream_id` lanes are OpenAI's only. How bad
// frames are refused (transport fields, malformed JSON, close codes) and the 426 on a plain GET
// are Switchboard's choices where the anchors say nothing: `extension`.

const CONNECT = "Responses.ResponsesWebSocketOperations.connect";
const FRAME = "Responses.ResponseCreateFrame";
const S3 = "DESIGN §3";
const TERMINAL = new Set(["response.completed", "response.failed", "response.incomplete"]);

type Frame = Record<string, unknown>;

async function openSocket(t: TestContext): Promise<WsClient> {
  const ws = await t.websocket("/v1/responses", { frameSchema: "ResponsesServerFrame", errorSchema: ERROR_SCHEMA });
  if (isRefusal(ws))
    t.fail(`the upgrade of GET /v1/responses was refused: ${ws.status} ${show(ws.text.slice(0, 200))}`);
  return ws;
}

/** An event that ends a turn: a terminal response event, or the refusal of a frame. */
const endsTurn = (f: Frame) => TERMINAL.has(f.type as string) || (f.type === "error" && !("sequence_number" in f));

/** Every frame until `count` turns ended. */
async function turns(ws: WsClient, count = 1, timeoutMs = 10_000): Promise<Frame[]> {
  const frames: Frame[] = [];
  let ended = 0;
  while (ended < count) {
    const frame = await ws.nextJson(timeoutMs, `${count - ended} more turn(s) to end`);
    frames.push(frame);
    if (endsTurn(frame)) ended++;
  }
  return frames;
}

function responseOf(t: TestContext, frames: Frame[]): Frame {
  const last = frames.at(-1);
  if (!last || !TERMINAL.has(last.type as string) || !isObject(last.response)) {
    t.fail(`the turn did not end with a terminal response event: ${show(frames.map((f) => f.type))}`);
  }
  return last.response as Frame;
}

function textOf(response: Frame): string {
  const output = Array.isArray(response.output) ? response.output : [];
  return output
    .flatMap((item: Frame) => (item.type === "message" && Array.isArray(item.content) ? item.content : []))
    .map((part: Frame) => (typeof part.text === "string" ? part.text : ""))
    .join("");
}

function expectRefusal(t: TestContext, frame: Frame | undefined, status: number, what: string, param?: string) {
  if (frame?.type !== "error" || !isObject(frame.error)) t.fail(`${what}: expected an error event, got ${show(frame)}`);
  t.equal(frame.status, status, `${what}: status`);
  if (param !== undefined) t.equal(frame.error.param, param, `${what}: error.param`);
  return frame.error;
}

export const websocketRequirements = defineRequirements("responses", [
  {
    id: "RESP-WS-001",
    profiles: ["openai", "open-responses"],
    kind: "core",
    level: "MUST",
    section: `${S3}; ${CONNECT}`,
    statement:
      "a response.create frame is answered with the response's events as POST /v1/responses streams them: response.created first, sequence_number from 0 by one, a terminal event last",
    async run(t: TestContext) {
      const ws = await openSocket(t);
      ws.send({ type: "response.create", model: "echo", input: "over the socket" });
      const frames = await turns(ws);
      t.equal(frames[0]?.type, "response.created", "first event");
      t.equal(
        frames.map((f) => f.sequence_number),
        frames.map((_, i) => i),
        "sequence numbers",
      );
      const response = responseOf(t, frames);
      t.equal(response.status, "completed", "status");
      t.equal(textOf(response), "over the socket", "reply text");
    },
  },
  {
    id: "RESP-WS-002",
    profiles: ["openai", "open-responses"],
    kind: "core",
    level: "MUST",
    section: `${S3}; ${FRAME}`,
    statement: "several responses run one after another on one socket, continuing with previous_response_id",
    async run(t: TestContext) {
      const ws = await openSocket(t);
      ws.send({ type: "response.create", model: "echo", input: "first" });
      const first = responseOf(t, await turns(ws));
      ws.send({ type: "response.create", model: "echo", input: "second", previous_response_id: first.id });
      const second = responseOf(t, await turns(ws));
      t.equal(second.previous_response_id, first.id, "previous_response_id");
      t.equal(textOf(second), "second", "reply text");
      t.check(second.id !== first.id, "the continuation reused the previous id");
    },
  },
  {
    id: "RESP-WS-003",
    profiles: ["openai", "open-responses"],
    kind: "core",
    level: "MUST",
    section: `${S3}; ${FRAME}`,
    statement:
      "a store:false response continues on the same socket from the socket's memory (a function call answered by its output alone)",
    async run(t: TestContext) {
      const ws = await openSocket(t);
      ws.send({ type: "response.create", model: "tools", input: "memory", tools: [LOOKUP_TOOL], store: false });
      const first = responseOf(t, await turns(ws));
      const call = (first.output as Frame[]).find((item) => item.type === "function_call");
      if (!call) t.fail(`the tools fixture made no function_call: ${show(first.output)}`);
      ws.send({
        type: "response.create",
        model: "tools",
        tools: [LOOKUP_TOOL],
        store: false,
        previous_response_id: first.id,
        input: [{ type: "function_call_output", call_id: call.call_id, output: "remembered" }],
      });
      const second = responseOf(t, await turns(ws));
      t.equal(second.status, "completed", "status of the continuation");
      t.equal(textOf(second), "Tool said: remembered", "reply text");
    },
  },
  {
    id: "RESP-WS-004",
    profiles: ["openai", "open-responses"],
    kind: "core",
    level: "MUST",
    section: `${S3}; ${FRAME}`,
    statement:
      "an unknown previous_response_id is an error event (status 404, code previous_response_not_found) and the socket stays open",
    async run(t: TestContext) {
      const ws = await openSocket(t);
      ws.send({ type: "response.create", model: "echo", input: "x", previous_response_id: `resp_${t.unique("gone")}` });
      const [refusal] = await turns(ws);
      const error = expectRefusal(t, refusal, 404, "unknown previous_response_id", "previous_response_id");
      t.equal(error.code, "previous_response_not_found", "error.code");
      ws.send({ type: "response.create", model: "echo", input: "still open" });
      t.equal(textOf(responseOf(t, await turns(ws))), "still open", "reply after the refusal");
    },
  },
  {
    id: "RESP-WS-005",
    kind: "extension",
    level: "MUST",
    section: `${S3}; ${FRAME}`,
    statement: "response.create with stream or background is refused with an error event naming the field",
    async run(t: TestContext) {
      const ws = await openSocket(t);
      for (const field of ["stream", "background"]) {
        ws.send({ type: "response.create", model: "echo", input: "x", [field]: true });
        const [refusal] = await turns(ws);
        expectRefusal(t, refusal, 400, `response.create with ${field}`, field);
      }
    },
  },
  {
    id: "RESP-WS-006",
    profiles: ["openai", "open-responses"],
    kind: "core",
    level: "MUST",
    section: `${S3}; ${FRAME}`,
    statement:
      "a response.create the HTTP create would refuse (bad value, unknown model) is an error event with that status and param",
    async run(t: TestContext) {
      const ws = await openSocket(t);
      ws.send({ type: "response.create", model: "echo", input: "x", temperature: 7 });
      expectRefusal(t, (await turns(ws))[0], 400, "temperature 7", "temperature");
      ws.send({ type: "response.create", model: t.unique("no-such-agent"), input: "x" });
      expectRefusal(t, (await turns(ws))[0], 404, "unknown model");
    },
  },
  {
    id: "RESP-WS-007",
    kind: "extension",
    level: "MUST",
    section: `${S3}; ${CONNECT}`,
    statement: "a frame that is not JSON is an error event and the socket stays open",
    async run(t: TestContext) {
      const ws = await openSocket(t);
      ws.send("{not json");
      expectRefusal(t, (await turns(ws))[0], 400, "malformed frame");
      ws.send({ type: "response.create", model: "echo", input: "after junk" });
      t.equal(textOf(responseOf(t, await turns(ws))), "after junk", "reply after the refusal");
    },
  },
  {
    id: "RESP-WS-008",
    kind: "extension",
    level: "MUST",
    section: CONNECT,
    statement: "a binary frame closes the socket with 1003",
    async run(t: TestContext) {
      const ws = await openSocket(t);
      ws.sendBinary(new Uint8Array([1, 2, 3]));
      t.equal((await ws.closed()).code, 1003, "close code");
    },
  },
  {
    id: "RESP-WS-009",
    kind: "extension",
    level: "MUST",
    section: CONNECT,
    statement: "a frame over the size limit closes the socket with 1009",
    async run(t: TestContext) {
      const ws = await openSocket(t);
      ws.send({ type: "response.create", model: "echo", input: "x".repeat(OVERSIZE_BYTES) });
      t.equal((await ws.closed(10_000)).code, 1009, "close code");
    },
  },
  {
    id: "RESP-WS-010",
    profiles: ["openai", "open-responses"],
    kind: "core",
    level: "MUST",
    section: CONNECT,
    needsToken: true,
    statement: "the upgrade without a valid API key is refused with 401 in the error envelope before the handshake",
    async run(t: TestContext) {
      const ws = await t.websocket("/v1/responses", {
        frameSchema: "ResponsesServerFrame",
        errorSchema: ERROR_SCHEMA,
        anonymous: true,
      });
      if (!isRefusal(ws)) t.fail("the upgrade without a key succeeded");
      expectError(t, ws, 401, "upgrade without a key");
    },
  },
  {
    id: "RESP-WS-011",
    profiles: ["openai"],
    kind: "core",
    level: "MUST",
    section: `${S3}; Responses.ResponsesStreamId`,
    statement: "responses of one stream_id lane run in order and every event echoes its stream_id; lanes interleave",
    async run(t: TestContext) {
      const ws = await openSocket(t);
      for (const lane of ["x", "y"]) {
        for (const n of [1, 2]) {
          ws.send({ type: "response.create", model: "echo", input: `${lane}${n}`, stream_id: lane, store: false });
        }
      }
      const frames = await turns(ws, 4);
      for (const lane of ["x", "y"]) {
        const mine = frames.filter((f) => f.stream_id === lane);
        const texts = mine.filter((f) => TERMINAL.has(f.type as string)).map((f) => textOf(f.response as Frame));
        t.equal(texts, [`${lane}1`, `${lane}2`], `replies of lane ${lane}, in order`);
      }
      t.check(
        frames.every((f) => f.stream_id === "x" || f.stream_id === "y"),
        "an event without its lane's stream_id",
      );
    },
  },
  {
    id: "RESP-WS-012",
    kind: "extension",
    level: "SHOULD",
    section: CONNECT,
    statement: "a plain GET /v1/responses (no upgrade) is 426 upgrade_required in the error envelope",
    async run(t: TestContext) {
      const res = await t.request("GET", "/v1/responses", { errorSchema: ERROR_SCHEMA });
      expectError(t, res, 426, "plain GET /v1/responses", { code: "upgrade_required" });
    },
  },
]);
