import type { ResponseObject } from "@switchboard/protocol/responses";
import { show, type TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import {
  call,
  createdId,
  createOk,
  ERROR_SCHEMA,
  expectError,
  expectStatus,
  readStream,
  readUntil,
  retrieve,
  startStream,
} from "./client.js";
import { byType, echoStream, RETRIEVE, S3 } from "./shared.js";

// ── Retrieve, replay, delete ──────────────────────────────────────────────────────────────
export const retrieveRequirements = defineRequirements("responses", [
  {
    id: "RESP-GET-001",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: `${S3}; ${RETRIEVE}`,
    statement: "GET /v1/responses/{id} returns the stored response as created",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: "keep me", metadata: { k: "v" } });
      const res = await retrieve(t, created.id);
      expectStatus(t, res, 200, "GET /v1/responses/{id}");
      const stored = res.json as ResponseObject;
      for (const key of ["id", "status", "model", "output", "metadata", "created_at", "usage"] as const) {
        t.equal(stored[key], created[key], key);
      }
    },
  },
  {
    id: "RESP-GET-002",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: `${S3}; ${RETRIEVE}`,
    statement: "GET of an unknown response id is 404 in the error envelope",
    async run(t: TestContext) {
      const res = await retrieve(t, `resp_${t.unique("missing")}`);
      expectError(t, res, 404, "GET /v1/responses/<unknown>");
    },
  },
  {
    id: "RESP-REPLAY-001",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: `${S3}; ${RETRIEVE}`,
    statement:
      "GET /v1/responses/{id}?stream=true replays the stored events (same types and sequence numbers, event: = type) ending with [DONE]",
    async run(t: TestContext) {
      const original = await echoStream(t);
      const id = createdId(t, original.events);
      const res = await t.stream("GET", `/v1/responses/${id}?stream=true`, { errorSchema: ERROR_SCHEMA });
      const replay = await readStream(t, res, "replay");
      t.equal(
        replay.events.map((e) => [e.sequence_number, e.type]),
        original.events.map((e) => [e.sequence_number, e.type]),
        "replayed [sequence_number, type]",
      );
      replay.frames.forEach((f, i) => {
        if (f.data !== "[DONE]")
          t.check(f.event === replay.events[i]?.type, `replay frame #${i}: event ${show(f.event)} ≠ type`);
      });
      t.equal(replay.doneAt, replay.frames.length - 1, "position of [DONE] in the replay");
    },
  },
  {
    id: "RESP-REPLAY-002",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: `${S3}; ${RETRIEVE}`,
    statement: "starting_after=N replays only the events whose sequence_number is greater than N",
    async run(t: TestContext) {
      const original = await echoStream(t);
      const id = createdId(t, original.events);
      const after = 3;
      const res = await t.stream("GET", `/v1/responses/${id}?stream=true&starting_after=${after}`, {
        errorSchema: ERROR_SCHEMA,
      });
      const replay = await readStream(t, res, "replay");
      t.equal(
        replay.events.map((e) => [e.sequence_number, e.type]),
        original.events.filter((e) => e.sequence_number > after).map((e) => [e.sequence_number, e.type]),
        `events replayed after ${after}`,
      );
      t.check(replay.doneAt === replay.frames.length - 1, "the replay does not end with [DONE]");
    },
  },
  {
    id: "RESP-REPLAY-003",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: RETRIEVE,
    statement: "replaying a running background response continues live until the response ends",
    async run(t: TestContext) {
      const res = await startStream(t, { model: "slow", input: "go", background: true });
      const seen = await readUntil(
        t,
        res,
        (e) => byType([e], "response.output_text.delta").length > 0,
        "the first delta",
      );
      const id = createdId(t, seen);
      t.defer(() => t.http.request("POST", `/v1/responses/${id}/cancel`));
      res.close();
      const last = seen.at(-1)!.sequence_number;
      const replay = await t.stream("GET", `/v1/responses/${id}?stream=true&starting_after=${last}`, {
        errorSchema: ERROR_SCHEMA,
      });
      if (!replay.events) t.fail(`replay is not an event stream: ${replay.status} ${show(replay.text?.slice(0, 200))}`);
      const live = await readUntil(t, replay, () => true, "a live event");
      await readUntil(t, replay, () => true, "a second live event");
      t.equal(live[0]?.sequence_number, last + 1, "first replayed sequence_number");
      const cancel = await call(t, "POST", `/v1/responses/${id}/cancel`, "ResponseObject");
      expectStatus(t, cancel, 200, "cancel");
      const rest = await readStream(t, replay, "live replay", 5_000);
      t.check(rest.doneAt !== -1, "the live replay did not end with [DONE] after the response ended");
    },
  },
  {
    id: "RESP-REPLAY-004",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: RETRIEVE,
    statement: "starting_after=-1 replays every event; a value below -1 is 400 naming starting_after",
    async run(t: TestContext) {
      const original = await echoStream(t);
      const id = createdId(t, original.events);
      const res = await t.stream("GET", `/v1/responses/${id}?stream=true&starting_after=-1`, {
        errorSchema: ERROR_SCHEMA,
      });
      const replay = await readStream(t, res, "replay");
      t.equal(
        replay.events.map((e) => e.sequence_number),
        original.events.map((e) => e.sequence_number),
        "replayed sequence numbers",
      );
      const bad = await call(t, "GET", `/v1/responses/${id}?stream=true&starting_after=-2`);
      expectError(t, bad, 400, "starting_after=-2", { param: "starting_after" });
    },
  },
  {
    id: "RESP-DELETE-001",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: `${S3}; Responses.ResponsesOperations.delete`,
    statement: "DELETE returns {id, object: response.deleted, deleted: true} and the response is gone",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: "delete me" });
      const res = await call(t, "DELETE", `/v1/responses/${created.id}`, "DeletedResponse");
      expectStatus(t, res, 200, "DELETE");
      t.equal(res.json, { id: created.id, object: "response.deleted", deleted: true }, "DELETE body");
      expectError(t, await retrieve(t, created.id), 404, "GET after DELETE");
    },
  },
  {
    id: "RESP-DELETE-002",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: `${S3}; Responses.ResponsesOperations.delete`,
    statement: "DELETE of an unknown id is 404 in the error envelope",
    async run(t: TestContext) {
      const res = await call(t, "DELETE", `/v1/responses/resp_${t.unique("missing")}`, "DeletedResponse");
      expectError(t, res, 404, "DELETE /v1/responses/<unknown>");
    },
  },
]);
