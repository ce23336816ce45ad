import type { ResponseObject } from "@switchboard/protocol/responses";
import type { TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import {
  call,
  create,
  createdId,
  createOk,
  expectError,
  expectStatus,
  outputText,
  readStream,
  readUntil,
  retrieve,
  startStream,
  streamCreate,
} from "./client.js";
import { CREATE, pollUntil, S3, slowBackground, terminal } from "./shared.js";

// ── Background and cancel ─────────────────────────────────────────────────────────────────
export const backgroundRequirements = defineRequirements("responses", [
  {
    id: "RESP-BG-001",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: `${S3}; ${CREATE}`,
    statement: "background: true answers at once with the response queued and background true",
    async run(t: TestContext) {
      const started = Date.now();
      const response = await slowBackground(t);
      t.equal(response.status, "queued", "status");
      t.equal(response.background, true, "background");
      t.check(Date.now() - started < 2_000, "the request waited for the slow fixture instead of answering at once");
    },
  },
  {
    id: "RESP-BG-002",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: `${S3}; Responses.CreateResponse.background`,
    statement: "a background response can be polled with GET until it completes with its output",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: "in the background", background: true });
      const done = await pollUntil(t, created.id, (r) => r.status === "completed", "background completion");
      t.equal(outputText(done), "in the background", "reply text");
    },
  },
  {
    id: "RESP-BG-003",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: `${S3}; Responses.ResponsesOperations.cancel`,
    statement: "POST /v1/responses/{id}/cancel on a running background response makes it cancelled and stops its work",
    async run(t: TestContext) {
      const created = await slowBackground(t);
      await pollUntil(
        t,
        created.id,
        (r) => outputText(r).length > 0 || r.status === "in_progress",
        "the slow fixture starting",
      );
      const res = await call(t, "POST", `/v1/responses/${created.id}/cancel`, "ResponseObject");
      expectStatus(t, res, 200, "cancel");
      t.equal((res.json as ResponseObject).status, "cancelled", "status after cancel");
      const a = (await retrieve(t, created.id)).json as ResponseObject;
      await t.sleep(350);
      const b = (await retrieve(t, created.id)).json as ResponseObject;
      t.equal(b.status, "cancelled", "stored status");
      t.equal(outputText(b), outputText(a), "output text 350 ms after cancel (work went on)");
    },
  },
  {
    id: "RESP-BG-004",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: "Responses.ResponsesOperations.cancel",
    statement: "cancelling a response created without background: true is 400",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: "not background" });
      const res = await call(t, "POST", `/v1/responses/${created.id}/cancel`, "ResponseObject");
      expectError(t, res, 400, "cancel of a foreground response");
    },
  },
  {
    id: "RESP-BG-005",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: "Responses.ResponsesOperations.cancel",
    statement: "cancelling an unknown id is 404",
    async run(t: TestContext) {
      const res = await call(t, "POST", `/v1/responses/resp_${t.unique("missing")}/cancel`, "ResponseObject");
      expectError(t, res, 404, "cancel of an unknown id");
    },
  },
  {
    id: "RESP-BG-006",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: "Responses.ResponsesOperations.cancel",
    statement: "cancelling a background response that already ended returns it unchanged",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: "done already", background: true });
      const done = await pollUntil(t, created.id, (r) => r.status === "completed", "background completion");
      const res = await call(t, "POST", `/v1/responses/${created.id}/cancel`, "ResponseObject");
      expectStatus(t, res, 200, "cancel of a completed response");
      const after = res.json as ResponseObject;
      t.equal(after.status, "completed", "status");
      t.equal(after.output, done.output, "output");
    },
  },
  {
    id: "RESP-BG-007",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: "Responses.CreateResponse.background",
    statement: "background: true with store: false is 400",
    async run(t: TestContext) {
      const res = await create(t, { model: "echo", input: "x", background: true, store: false });
      expectError(t, res, 400, "background without store", {
        param: (p) => p === "background" || p === "store",
      });
    },
  },
  {
    id: "RESP-BG-008",
    level: "SHOULD",
    profiles: ["openai"],
    kind: "core",
    section: "Responses.ResponseFailedEvent",
    statement:
      "a cancelled streaming background response ends with response.failed whose response has status cancelled",
    async run(t: TestContext) {
      const res = await startStream(t, { model: "slow", input: "go", background: true });
      const seen = await readUntil(t, res, (e) => e.type === "response.output_text.delta", "the first delta");
      const id = createdId(t, seen);
      const cancel = await call(t, "POST", `/v1/responses/${id}/cancel`, "ResponseObject");
      expectStatus(t, cancel, 200, "cancel");
      const rest = await readStream(t, res, "stream after cancel", 5_000);
      const end = terminal(rest.events);
      t.equal(end?.type, "response.failed", "final event");
      t.equal(end && "response" in end ? end.response.status : undefined, "cancelled", "final response status");
    },
  },
  {
    id: "RESP-BG-009",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: `${CREATE}; Responses.ResponseQueuedEvent`,
    statement: "a streamed background response starts with response.created, response.queued, response.in_progress",
    async run(t: TestContext) {
      const { events } = await streamCreate(t, { model: "echo", input: "queued first", background: true });
      t.equal(
        events.slice(0, 3).map((e) => e.type),
        ["response.created", "response.queued", "response.in_progress"],
        "first three events",
      );
    },
  },
  {
    id: "RESP-BG-010",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: CREATE,
    statement: "closing the stream of a background response does not stop its work",
    async run(t: TestContext) {
      const res = await startStream(t, { model: "echo", input: "keep going", background: true });
      const seen = await readUntil(t, res, (e) => e.type === "response.created", "response.created");
      const id = createdId(t, seen);
      res.close();
      const done = await pollUntil(
        t,
        id,
        (r) => r.status !== "queued" && r.status !== "in_progress",
        "the end of the response",
      );
      t.equal(done.status, "completed", "status");
      t.equal(outputText(done), "keep going", "reply text");
    },
  },
]);
