// Background and stored responses: cancelling, replaying logs, input items, deleting; across processes.
import type { ResponseObject, ResponseStreamEvent } from "@switchboard/protocol/responses";
import { validate } from "@switchboard/protocol/responses";
import { describe, expect, it } from "vitest";
import { createSwitchboard, type Switchboard } from "../src/app.js";
import { fromFetchRequest, toFetchResponse } from "../src/fetch.js";
import { responsesProtocol } from "../src/protocols/responses/module.js";
import { memoryBus } from "../src/store/bus.js";
import {
  agents,
  call,
  create,
  error,
  expectValid,
  frames,
  seen,
  store,
  until,
  useResponsesApp,
} from "./responses-setup.js";

useResponsesApp();

describe("background responses", () => {
  it("returns queued at once, runs detached, and can be cancelled", async () => {
    const queued = await create({ model: "slow", input: "x", background: true });
    expect(queued.status).toBe("queued");
    await until(async () => {
      const current = (await (await call("GET", `/v1/responses/${queued.id}`)).json()) as ResponseObject;
      return current.status === "in_progress" && current.output.length > 0;
    });
    const cancelled = (await (await call("POST", `/v1/responses/${queued.id}/cancel`)).json()) as ResponseObject;
    expect(expectValid(cancelled).status).toBe("cancelled");
    expect(seen.aborted).toBe(true);
    const again = (await (await call("POST", `/v1/responses/${queued.id}/cancel`)).json()) as ResponseObject;
    expect(again.status).toBe("cancelled");
  });

  it("refuses to cancel a response that is not in the background", async () => {
    const response = await create({ model: "echo", input: "x" });
    expect(await error(await call("POST", `/v1/responses/${response.id}/cancel`), 400)).toMatchObject({
      type: "invalid_request_error",
    });
  });

  it("replays stored events after starting_after, continuing live while it runs", async () => {
    const queued = await create({ model: "slow", input: "x", background: true });
    const events = await frames(await call("GET", `/v1/responses/${queued.id}?stream=true&starting_after=2`));
    expect(events[0]?.sequence_number).toBe(3);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i + 3));
    expect(events[events.length - 1]).toMatchObject({ type: "response.completed" });
    const text = events.filter((e) => e.type === "response.output_text.delta").map((e) => e.delta);
    expect(text.join("").split(" tick ").length).toBe(50);
  });
});

describe("stored responses", () => {
  it("retrieves, lists input items page by page, and deletes", async () => {
    const input = Array.from({ length: 5 }, (_, i) => ({ role: "user", content: `m${i}` }));
    const response = await create({ model: "echo", input });
    expect(expectValid((await (await call("GET", `/v1/responses/${response.id}`)).json()) as ResponseObject)).toEqual(
      response,
    );

    const seenTexts: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 3; page++) {
      const query = `limit=2&order=asc${after ? `&after=${after}` : ""}`;
      const list = (await (await call("GET", `/v1/responses/${response.id}/input_items?${query}`)).json()) as {
        data: Array<{ id: string; content: Array<{ text: string }> }>;
        has_more: boolean;
        first_id: string;
        last_id: string;
      };
      seenTexts.push(...list.data.map((item) => item.content[0]!.text));
      expect(list.first_id).toBe(list.data[0]!.id);
      expect(list.has_more).toBe(page < 2);
      after = list.last_id;
    }
    expect(seenTexts).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    const desc = (await (await call("GET", `/v1/responses/${response.id}/input_items`)).json()) as {
      data: Array<{ content: Array<{ text: string }> }>;
    };
    expect(desc.data.map((item) => item.content[0]!.text)).toEqual(["m4", "m3", "m2", "m1", "m0"]);

    const deleted = await call("DELETE", `/v1/responses/${response.id}`);
    expect(await deleted.json()).toEqual({ id: response.id, object: "response.deleted", deleted: true });
    await error(await call("GET", `/v1/responses/${response.id}`), 404);
    await error(await call("DELETE", `/v1/responses/${response.id}`), 404);
    expect(await store.readEvents(response.id, -1)).toEqual([]);
  });

  it("stores a plain create whole at its end, and replays it as the stream of the same run would be", async () => {
    // Consecutive deltas of one part or call are joined: how the model chunked them is not stored.
    const shape = (events: ResponseStreamEvent[]) => {
      const kept: Array<Record<string, unknown>> = [];
      for (const event of events) {
        const previous = kept.at(-1);
        if (
          previous &&
          (event.type === "response.output_text.delta" || event.type === "response.function_call_arguments.delta") &&
          previous.type === event.type &&
          previous.output_index === event.output_index
        ) {
          previous.delta = `${previous.delta as string}${event.delta}`;
          continue;
        }
        const { sequence_number: _, ...rest } = event as ResponseStreamEvent & Record<string, unknown>;
        kept.push(structuredClone(rest));
      }
      // Ids of items and of the response differ between the two runs; times too.
      return JSON.parse(
        JSON.stringify(kept)
          .replace(/"(resp|msg|fc|call)_[A-Za-z0-9]+"/g, '"$1_x"')
          .replace(/"(created_at|completed_at)":\d+/g, '"$1":0'),
      );
    };
    const requests = [
      { model: "echo", input: "a b c" },
      { model: "reverser", input: "abc" },
      { model: "tools", input: "q", tools: [{ type: "function", name: "lookup", parameters: { type: "object" } }] },
      { model: "echo", input: "one two three four", max_output_tokens: 2 },
      { model: "broken", input: "x" },
    ];
    for (const request of requests) {
      const response = await create(request);
      // Nothing but the response and its input items was written: no event log.
      expect(await store.readEvents(response.id, -1)).toEqual([]);
      expect((await store.getInputItems(response.id)).length).toBe(1);
      const replayed = await frames(await call("GET", `/v1/responses/${response.id}?stream=true`));
      expect(replayed.map((event) => event.sequence_number)).toEqual(replayed.map((_, i) => i));
      for (const event of replayed) expect(validate.ResponseStreamEvent(event).ok, event.type).toBe(true);
      expect(replayed.at(-1)).toMatchObject({ response: { id: response.id, status: response.status } });
      const streamed = await frames(await call("POST", "/v1/responses", { ...request, stream: true }));
      expect(shape(replayed), request.model).toEqual(shape(streamed));
      const later = await frames(await call("GET", `/v1/responses/${response.id}?stream=true&starting_after=3`));
      expect(later).toEqual(replayed.slice(4));
    }
  });

  it("replays a finished response's whole log", async () => {
    const response = await create({ model: "echo", input: "a b c" });
    const events = await frames(await call("GET", `/v1/responses/${response.id}?stream=true`));
    expect(events[0]).toMatchObject({ type: "response.created", sequence_number: 0 });
    expect(events[events.length - 1]).toMatchObject({ type: "response.completed", response: { id: response.id } });
  });
});

describe("several processes sharing a store and a bus", () => {
  it("replays and cancels, from one process, a response running in another", async () => {
    const bus = memoryBus();
    const other = createSwitchboard({ protocols: [responsesProtocol({ agents, store, bus })] });
    const here = createSwitchboard({ protocols: [responsesProtocol({ agents, store, bus })] });
    const on = (app: Switchboard) => async (method: string, path: string, body?: unknown) => {
      const request = new Request(`http://switchboard.test${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return toFetchResponse((await app.handle(fromFetchRequest(request)))!);
    };
    try {
      const queued = (await (
        await on(other)("POST", "/v1/responses", { model: "slow", input: "x", background: true })
      ).json()) as ResponseObject;
      const replay = await on(here)("GET", `/v1/responses/${queued.id}?stream=true`);
      const reader = replay.body!.getReader();
      const decoder = new TextDecoder();
      let received = "";
      while (!received.includes("tick 2")) received += decoder.decode((await reader.read()).value);

      const cancelled = (await (await on(here)("POST", `/v1/responses/${queued.id}/cancel`)).json()) as ResponseObject;
      expect(cancelled.status).toBe("cancelled");
      expect(seen.aborted).toBe(true);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += decoder.decode(value);
      }
      expect(received).toContain('"status":"cancelled"');
      expect(received.trimEnd().endsWith("data: [DONE]")).toBe(true);
    } finally {
      await Promise.all([other.close(), here.close()]);
    }
  });
});
