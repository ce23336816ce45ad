// The store contract's response part: responses, their input items and their event logs.
import type { InputItemsPage } from "@switchboard/core";
import { describe, expect, it } from "vitest";
import { type ContractContext, delta, item, response, TRICKY } from "./fixtures.js";

export function responsesContract({ open }: ContractContext): void {
  describe("responses", () => {
    it("stores, replaces and returns responses as JSON, key order included", async () => {
      const { responses } = await open();
      expect(await responses.getResponse("resp_missing")).toBeUndefined();
      const first = response("resp_1", { metadata: { note: "first" }, status: "in_progress" });
      await responses.putResponse(first);
      expect(await responses.getResponse("resp_1")).toEqual(first);
      const second = response("resp_1", { metadata: TRICKY as never, status: "completed" });
      await responses.putResponse(second);
      const got = await responses.getResponse("resp_1");
      expect(got).toEqual(second);
      expect(Object.keys(got!)).toEqual(Object.keys(second));
      expect(Object.keys(got!.metadata as object)).toEqual(["zeta", "alpha", "empty"]);
    });

    it("deletes a response with its input items and events", async () => {
      const { responses } = await open();
      await responses.putResponse(response("resp_1"));
      await responses.putInputItems("resp_1", [item("msg_a", "hi")]);
      await responses.appendEvent("resp_1", delta(0, "x"));
      expect(await responses.deleteResponse("resp_1")).toBe(true);
      expect(await responses.deleteResponse("resp_1")).toBe(false);
      expect(await responses.getResponse("resp_1")).toBeUndefined();
      expect(await responses.getInputItems("resp_1")).toEqual([]);
      expect(await responses.readEvents("resp_1", -1)).toEqual([]);
      // Recreated under the same id, it starts empty.
      await responses.putResponse(response("resp_1"));
      expect(await responses.getInputItems("resp_1")).toEqual([]);
    });

    it("stores new finished responses with their input items in one step, many at once", async () => {
      const { responses } = await open();
      const puts = Array.from({ length: 40 }, (_, i) => ({
        response: response(`resp_${i}`, { status: "completed", metadata: i === 0 ? (TRICKY as never) : {} }),
        items: Array.from({ length: i % 3 }, (_, j) => item(`msg_${i}_${j}`, j === 0 ? TRICKY.zeta : `text ${j}`)),
      }));
      // Concurrent, as the requests of a busy server: a database store writes them in batches.
      await Promise.all(puts.map((put) => responses.putFinished!(put.response, put.items)));
      for (const put of puts) {
        expect(await responses.getResponse(put.response.id)).toEqual(put.response);
        expect(await responses.getInputItems(put.response.id)).toEqual(put.items);
        expect(await responses.readEvents(put.response.id, -1)).toEqual([]);
      }
      expect(await responses.findItem?.("msg_2_1")).toEqual(puts[2]!.items[1]);
      // An id already stored is refused, in a batch too, and only that write fails.
      const results = await Promise.allSettled([
        responses.putFinished!(response("resp_2", { status: "incomplete" }), [item("msg_new", "only")]),
        responses.putFinished!(response("resp_new", { status: "completed" }), [item("msg_other", "fine")]),
      ]);
      expect(results.map((result) => result.status)).toEqual(["rejected", "fulfilled"]);
      expect(await responses.getResponse("resp_2")).toEqual(puts[2]!.response);
      expect(await responses.getInputItems("resp_2")).toEqual(puts[2]!.items);
      expect(await responses.getInputItems("resp_new")).toEqual([item("msg_other", "fine")]);
      expect(await responses.deleteResponse("resp_2")).toBe(true);
      expect(await responses.getInputItems("resp_2")).toEqual([]);
    });

    it("keeps input items in sending order and ignores items of an unknown response", async () => {
      const { responses } = await open();
      await responses.putInputItems("resp_none", [item("msg_x", "lost")]);
      expect(await responses.getInputItems("resp_none")).toEqual([]);
      await responses.putResponse(response("resp_1"));
      const items = [item("msg_c", "third?"), item("msg_a", "no, first"), item("msg_b", TRICKY.zeta)];
      await responses.putInputItems("resp_1", items);
      expect(await responses.getInputItems("resp_1")).toEqual(items);
      // Putting them again replaces the list, a shorter one included.
      await responses.putInputItems("resp_1", items.slice(1));
      expect(await responses.getInputItems("resp_1")).toEqual(items.slice(1));
      await responses.putInputItems("resp_1", []);
      expect(await responses.getInputItems("resp_1")).toEqual([]);
    });

    it("pages input items in both orders with `after` and `hasMore`", async () => {
      const { responses } = await open();
      await responses.putResponse(response("resp_1"));
      const items = ["a", "b", "c", "d", "e"].map((x) => item(`msg_${x}`, x));
      await responses.putInputItems("resp_1", items);
      const ids = (page: InputItemsPage | undefined) => page?.items.map((i) => i.id);

      const first = await responses.listInputItems("resp_1", { limit: 2, order: "asc" });
      expect(ids(first)).toEqual(["msg_a", "msg_b"]);
      expect(first?.hasMore).toBe(true);
      const next = await responses.listInputItems("resp_1", { limit: 2, order: "asc", after: "msg_b" });
      expect(ids(next)).toEqual(["msg_c", "msg_d"]);
      expect(next?.hasMore).toBe(true);
      const last = await responses.listInputItems("resp_1", { limit: 2, order: "asc", after: "msg_d" });
      expect(ids(last)).toEqual(["msg_e"]);
      expect(last?.hasMore).toBe(false);

      const desc = await responses.listInputItems("resp_1", { limit: 3, order: "desc" });
      expect(ids(desc)).toEqual(["msg_e", "msg_d", "msg_c"]);
      expect(desc?.hasMore).toBe(true);
      const descNext = await responses.listInputItems("resp_1", { limit: 3, order: "desc", after: "msg_c" });
      expect(ids(descNext)).toEqual(["msg_b", "msg_a"]);
      expect(descNext?.hasMore).toBe(false);

      const exact = await responses.listInputItems("resp_1", { limit: 5, order: "asc" });
      expect(exact?.hasMore).toBe(false);
      expect(await responses.listInputItems("resp_1", { limit: 2, order: "asc", after: "msg_zz" })).toBeUndefined();
      expect(await responses.listInputItems("resp_none", { limit: 2, order: "asc" })).toEqual({
        items: [],
        hasMore: false,
      });
    });

    it("logs stream events and reads them after a sequence number", async () => {
      const { responses } = await open();
      await responses.appendEvent("resp_none", delta(0, "lost"));
      expect(await responses.readEvents("resp_none", -1)).toEqual([]);
      await responses.putResponse(response("resp_1"));
      const events = [0, 1, 2, 3].map((n) => delta(n, `w${n} `));
      for (const event of events) await responses.appendEvent("resp_1", event);
      expect(await responses.readEvents("resp_1", -1)).toEqual(events);
      expect(await responses.readEvents("resp_1", 1)).toEqual(events.slice(2));
      expect(await responses.readEvents("resp_1", 3)).toEqual([]);
      // Replacing the response (status updates) keeps its log.
      await responses.putResponse(response("resp_1", { status: "completed" }));
      expect(await responses.readEvents("resp_1", -1)).toHaveLength(4);
    });

    it("never takes over a response of its own, a finished one or an unknown one", async () => {
      const { responses } = await open();
      await responses.putResponse(response("resp_running", { status: "in_progress" }));
      await responses.putResponse(response("resp_done", { status: "completed" }));
      expect(await responses.takeOver("resp_running")).toBe(false);
      expect(await responses.takeOver("resp_done")).toBe(false);
      expect(await responses.takeOver("resp_none")).toBe(false);
    });

    it("keeps each response's events and latest state when many append at once", async () => {
      const { responses } = await open();
      const ids = Array.from({ length: 40 }, (_, i) => `resp_${i}`);
      // Every fifth one does not exist (never created, or deleted before its appends).
      for (const [i, id] of ids.entries()) if (i % 5 !== 0) await responses.putResponse(response(id));
      await responses.putResponse(response("resp_0"));
      expect(await responses.deleteResponse("resp_0")).toBe(true);
      await Promise.all(
        ids.map(async (id) => {
          for (let step = 0; step < 4; step++) {
            const events = [0, 1].map((k) => delta(step * 2 + k, `${id}:${step}:${k}`));
            const latest =
              step % 2 === 1 ? response(id, { status: step === 3 ? "completed" : "in_progress" }) : undefined;
            await responses.appendEvents(id, events, latest);
          }
        }),
      );
      for (const [i, id] of ids.entries()) {
        const texts = (await responses.readEvents(id, -1)).map((event) => (event as { delta: string }).delta);
        if (i % 5 === 0) {
          expect(texts).toEqual([]);
          expect(await responses.getResponse(id)).toBeUndefined();
          continue;
        }
        expect(texts).toEqual([0, 1, 2, 3].flatMap((step) => [`${id}:${step}:0`, `${id}:${step}:1`]));
        expect((await responses.getResponse(id))?.status).toBe("completed");
      }
    });

    it("appends a batch of events with or without the response, and nothing for an unknown response", async () => {
      const { responses } = await open();
      await responses.appendEvents("resp_none", [delta(0, "lost")], response("resp_none"));
      expect(await responses.getResponse("resp_none")).toBeUndefined();
      expect(await responses.readEvents("resp_none", -1)).toEqual([]);

      await responses.putResponse(response("resp_1", { status: "in_progress" }));
      const events = [0, 1, 2, 3, 4].map((n) => delta(n, `w${n} ${TRICKY.zeta}`));
      await responses.appendEvents("resp_1", events.slice(0, 3));
      expect(await responses.readEvents("resp_1", -1)).toEqual(events.slice(0, 3));
      expect((await responses.getResponse("resp_1"))?.status).toBe("in_progress");
      // A milestone: the response is replaced together with the events.
      const completed = response("resp_1", { status: "completed", metadata: TRICKY as never });
      await responses.appendEvents("resp_1", events.slice(3), completed);
      expect(await responses.readEvents("resp_1", -1)).toEqual(events);
      expect(await responses.readEvents("resp_1", 2)).toEqual(events.slice(3));
      const got = await responses.getResponse("resp_1");
      expect(got).toEqual(completed);
      expect(Object.keys(got!.metadata as object)).toEqual(["zeta", "alpha", "empty"]);
      // The same response again, and one event appended alone after a batch, keep the order.
      await responses.appendEvents("resp_1", [], completed);
      await responses.appendEvent("resp_1", delta(5, "tail"));
      expect(await responses.readEvents("resp_1", 3)).toEqual([...events.slice(4), delta(5, "tail")]);
      expect(await responses.getResponse("resp_1")).toEqual(completed);
      // Deleted, the response and its log stay gone: a late batch does not bring them back.
      expect(await responses.deleteResponse("resp_1")).toBe(true);
      await responses.appendEvents("resp_1", [delta(6, "late")], completed);
      expect(await responses.getResponse("resp_1")).toBeUndefined();
      expect(await responses.readEvents("resp_1", -1)).toEqual([]);
    });
  });
}
