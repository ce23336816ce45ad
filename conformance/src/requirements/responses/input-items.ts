import type { ResponseItemList } from "@switchboard/protocol/responses";
import { show, type TestContext } from "../../context.js";
import { defineRequirements } from "../define.js";
import { call, createOk, expectError, expectStatus } from "./client.js";
import { itemsInput, itemText, itemTexts, S3 } from "./shared.js";

// ── Input items ───────────────────────────────────────────────────────────────────────────
export const inputItemsRequirements = defineRequirements("responses", [
  {
    id: "RESP-ITEMS-001",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: `${S3}; Responses.ResponsesOperations.listInputItems`,
    statement:
      "GET …/input_items lists the request's input items newest first by default, each with a server-assigned id",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: [...itemsInput] });
      const res = await call(t, "GET", `/v1/responses/${created.id}/input_items`, "ResponseItemList");
      expectStatus(t, res, 200, "GET input_items");
      const list = res.json as ResponseItemList;
      t.equal(list.data.map(itemText), [...itemTexts].reverse(), "item texts (newest first)");
      for (const item of list.data)
        t.check(typeof item.id === "string" && item.id.length > 0, `item without id: ${show(item)}`);
      t.equal(list.first_id, list.data[0]?.id, "first_id");
      t.equal(list.last_id, list.data.at(-1)?.id, "last_id");
      t.equal(list.has_more, false, "has_more");
    },
  },
  {
    id: "RESP-ITEMS-002",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: "Responses.ResponsesOperations.listInputItems",
    statement: "order=asc lists oldest first, and limit with after pages through every item with has_more",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: [...itemsInput] });
      const base = `/v1/responses/${created.id}/input_items`;
      const asc = await call(t, "GET", `${base}?order=asc`, "ResponseItemList");
      expectStatus(t, asc, 200, "GET input_items?order=asc");
      t.equal((asc.json as ResponseItemList).data.map(itemText), [...itemTexts], "item texts (oldest first)");
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < itemTexts.length + 1; page++) {
        const res = await call(
          t,
          "GET",
          `${base}?order=asc&limit=1${after ? `&after=${after}` : ""}`,
          "ResponseItemList",
        );
        expectStatus(t, res, 200, `page ${page}`);
        const list = res.json as ResponseItemList;
        t.equal(list.data.length, 1, `page ${page} size`);
        seen.push(itemText(list.data[0]!));
        t.equal(list.has_more, seen.length < itemTexts.length, `page ${page} has_more`);
        if (!list.has_more) break;
        after = list.last_id ?? undefined;
      }
      t.equal(seen, [...itemTexts], "items collected page by page");
    },
  },
  {
    id: "RESP-ITEMS-003",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: "Responses.ResponsesOperations.listInputItems",
    statement: "input_items of an unknown response is 404",
    async run(t: TestContext) {
      const res = await call(t, "GET", `/v1/responses/resp_${t.unique("missing")}/input_items`, "ResponseItemList");
      expectError(t, res, 404, "input_items of an unknown response");
    },
  },
  {
    id: "RESP-ITEMS-004",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: "Responses.ResponsesOperations.listInputItems",
    statement: "a limit outside 1–100 is 400 naming limit",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: "x" });
      for (const limit of [0, 101]) {
        const res = await call(t, "GET", `/v1/responses/${created.id}/input_items?limit=${limit}`, "ResponseItemList");
        expectError(t, res, 400, `limit=${limit}`, { param: "limit" });
      }
    },
  },
  {
    id: "RESP-ITEMS-005",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: "Responses.ResponsesOperations.listInputItems",
    statement: "input_items lists only the items sent in that response's input, not the history of its chain",
    async run(t: TestContext) {
      const first = await createOk(t, { model: "echo", input: "first turn" });
      const second = await createOk(t, { model: "echo", input: "second turn", previous_response_id: first.id });
      const res = await call(t, "GET", `/v1/responses/${second.id}/input_items`, "ResponseItemList");
      expectStatus(t, res, 200, "GET input_items");
      t.equal((res.json as ResponseItemList).data.map(itemText), ["second turn"], "listed items");
    },
  },
  {
    id: "RESP-ITEMS-006",
    level: "MUST",
    profiles: ["openai"],
    kind: "core",
    section: "Responses.ResponsesOperations.listInputItems",
    statement: "an after that is not an input item of the response is 400",
    async run(t: TestContext) {
      const created = await createOk(t, { model: "echo", input: "x" });
      const res = await call(
        t,
        "GET",
        `/v1/responses/${created.id}/input_items?after=msg_${t.unique("none")}`,
        "ResponseItemList",
      );
      expectError(t, res, 400, "unknown after");
    },
  },
]);
