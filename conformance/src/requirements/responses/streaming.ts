import type { ResponseObject, ResponseStreamEvent } from "@switchboard/protocol/responses";
import { show, type TestContext } from "../../context.js";
import { defineRequirements, isOneWord, words } from "../define.js";
import {
  createdId,
  expectStatus,
  outputText,
  readStream,
  readUntil,
  retrieve,
  startStream,
  streamCreate,
  WORDS,
} from "./client.js";
import { byType, CREATE, echoStream, pollUntil, RETRIEVE, S3, terminal } from "./shared.js";

// ── Streaming ─────────────────────────────────────────────────────────────────────────────
export const streamingRequirements = defineRequirements("responses", [
  {
    id: "RESP-STREAM-001",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${S3}; ${CREATE}`,
    statement: "stream: true answers 200 with Content-Type text/event-stream",
    async run(t: TestContext) {
      const res = await startStream(t, { model: "echo", input: "stream" });
      t.equal(res.status, 200, "status");
      await readStream(t, res, "stream");
    },
  },
  {
    id: "RESP-STREAM-002",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${S3}; Responses.ResponseSseFrame`,
    statement: "every frame's event: line equals the type of its JSON data",
    async run(t: TestContext) {
      const { frames } = await echoStream(t);
      frames.forEach((frame, i) => {
        if (frame.data === "[DONE]") return;
        const type = (JSON.parse(frame.data ?? "null") as { type?: unknown } | null)?.type;
        t.check(frame.event === type, `frame #${i}: event ${show(frame.event)} but data.type ${show(type)}`);
      });
    },
  },
  {
    id: "RESP-STREAM-003",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${S3}; Responses.ResponseStreamEvent`,
    statement: "sequence_number starts at 0 and increases by exactly one per event",
    async run(t: TestContext) {
      const { events } = await echoStream(t);
      for (const [i, e] of events.entries()) {
        t.check(e.sequence_number === i, `event #${i} (${e.type}) has sequence_number ${show(e.sequence_number)}`);
      }
    },
  },
  {
    id: "RESP-STREAM-004",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${S3}; Responses.ResponseSseFrame`,
    statement: "the stream ends with data: [DONE] and nothing follows it",
    async run(t: TestContext) {
      const { frames, doneAt } = await echoStream(t);
      t.check(doneAt !== -1, "no data: [DONE] frame");
      t.equal(doneAt, frames.length - 1, "position of [DONE] (frames after it)");
    },
  },
  {
    id: "RESP-STREAM-005",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${S3}; ${CREATE}`,
    statement:
      "a text reply streams created, in_progress, output_item.added, content_part.added, output_text.delta*, output_text.done, content_part.done, output_item.done, completed",
    async run(t: TestContext) {
      const { events } = await echoStream(t);
      const types = events
        .map((e) => e.type)
        .filter((type, i, all) => type !== "response.output_text.delta" || all[i - 1] !== type);
      t.equal(
        types,
        [
          "response.created",
          "response.in_progress",
          "response.output_item.added",
          "response.content_part.added",
          "response.output_text.delta",
          "response.output_text.done",
          "response.content_part.done",
          "response.output_item.done",
          "response.completed",
        ],
        "event types (repeated deltas collapsed)",
      );
    },
  },
  {
    id: "RESP-STREAM-006",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${S3}; Responses.ResponseTextDoneEvent`,
    statement:
      "the concatenated deltas equal output_text.done's text, content_part.done's part, output_item.done's item and the completed response's text",
    async run(t: TestContext) {
      const { events } = await echoStream(t);
      const joined = byType(events, "response.output_text.delta")
        .map((e) => e.delta)
        .join("");
      t.equal(joined, WORDS, "concatenated deltas");
      const done = byType(events, "response.output_text.done")[0];
      t.equal(done?.text, joined, "output_text.done text");
      const part = byType(events, "response.content_part.done")[0]?.part;
      t.equal(part?.type === "output_text" ? part.text : part, joined, "content_part.done part text");
      const item = byType(events, "response.output_item.done")[0]?.item;
      t.equal(item ? outputText({ output: [item] }) : item, joined, "output_item.done item text");
      const completed = byType(events, "response.completed")[0];
      t.equal(completed ? outputText(completed.response) : completed, joined, "response.completed text");
    },
  },
  {
    id: "RESP-STREAM-007",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: "DESIGN §7 (echo)",
    statement: "the echo fixture streams one output_text.delta per word, spaces kept",
    async run(t: TestContext) {
      const { events } = await echoStream(t);
      const deltas = byType(events, "response.output_text.delta").map((e) => e.delta);
      t.equal(deltas.length, words(WORDS).length, `number of deltas (${show(deltas)})`);
      for (const d of deltas) t.check(isOneWord(d), `delta ${show(d)} is not one word`);
    },
  },
  {
    id: "RESP-STREAM-008",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${S3}; Responses.ResponseOutputItemAddedEvent`,
    statement:
      "item_id, output_index and content_index of every event point at the item's real position in response.output",
    async run(t: TestContext) {
      const { events } = await echoStream(t);
      const completed = byType(events, "response.completed")[0];
      t.require(completed, "no response.completed event");
      const output = completed.response.output;
      for (const e of events) {
        if (!("output_index" in e)) continue;
        const item = output[e.output_index];
        t.require(
          item,
          `${e.type} #${e.sequence_number}: output_index ${e.output_index} is outside output (${output.length} items)`,
        );
        const itemId = "item_id" in e ? e.item_id : "item" in e ? e.item.id : undefined;
        t.equal(itemId, item.id, `${e.type} #${e.sequence_number}: item id at output_index ${e.output_index}`);
        if ("content_index" in e) {
          t.require(
            item.type === "message" && item.content[e.content_index] !== undefined,
            `${e.type} #${e.sequence_number}: content_index ${e.content_index} is outside the item's content`,
          );
        }
      }
    },
  },
  {
    id: "RESP-STREAM-009",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${S3}; Responses.ResponseCreatedEvent`,
    statement:
      "response.created and response.in_progress carry the response as queued or in_progress, response.completed as completed, all with one id",
    async run(t: TestContext) {
      const { events } = await echoStream(t);
      const lifecycle = events.filter((e) => "response" in e) as Extract<ResponseStreamEvent, { response: unknown }>[];
      const id = createdId(t, events);
      for (const e of lifecycle) t.equal(e.response.id, id, `${e.type} response.id`);
      for (const e of lifecycle.filter((e) => e.type === "response.created" || e.type === "response.in_progress")) {
        t.check(
          ["queued", "in_progress"].includes(e.response.status),
          `${e.type} has status ${show(e.response.status)}`,
        );
      }
      t.equal(byType(events, "response.completed")[0]?.response.status, "completed", "response.completed status");
    },
  },
  {
    id: "RESP-STREAM-010",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: `${S3}; ${RETRIEVE}`,
    statement: "a streamed response is stored: GET returns it completed with the streamed output",
    async run(t: TestContext) {
      const { events } = await echoStream(t);
      const completed = byType(events, "response.completed")[0];
      t.require(completed, "no response.completed event");
      const res = await retrieve(t, completed.response.id);
      expectStatus(t, res, 200, "GET of the streamed response");
      const stored = res.json as ResponseObject;
      t.equal(stored.status, "completed", "stored status");
      t.equal(stored.output, completed.response.output, "stored output");
    },
  },
  {
    id: "RESP-STREAM-011",
    level: "MUST",
    kind: "extension",
    section: CREATE,
    statement:
      "closing the connection of a streaming (non-background) response aborts its work and the stored response becomes cancelled (slow fixture)",
    async run(t: TestContext) {
      const res = await startStream(t, { model: "slow", input: "go" });
      const seen = await readUntil(t, res, (e) => e.type === "response.output_text.delta", "the first delta");
      const id = createdId(t, seen);
      res.close();
      const cancelled = await pollUntil(t, id, (r) => r.status !== "in_progress" && r.status !== "queued", "the abort");
      t.equal(cancelled.status, "cancelled", "stored status after the disconnect");
      await t.sleep(300);
      const later = (await retrieve(t, id)).json as ResponseObject;
      t.equal(outputText(later), outputText(cancelled), "output text 300 ms later (work went on after the disconnect)");
    },
  },

  {
    id: "RESP-STREAM-012",
    level: "MUST",
    profiles: ["openai", "open-responses"],
    kind: "core",
    section: `${CREATE}; Responses.ResponseIncompleteEvent`,
    statement:
      "a stream that reaches max_output_tokens ends with response.incomplete (reason max_output_tokens), then [DONE]",
    async run(t: TestContext) {
      const { events, doneAt, frames } = await streamCreate(t, {
        model: "echo",
        input: "one two three four five six",
        max_output_tokens: 2,
      });
      const end = terminal(events);
      t.equal(end?.type, "response.incomplete", "final event");
      t.equal(
        end && "response" in end ? end.response.incomplete_details : undefined,
        { reason: "max_output_tokens" },
        "incomplete_details",
      );
      t.equal(doneAt, frames.length - 1, "position of [DONE]");
    },
  },
]);
