import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { SseReader } from "../src/http.js";

function reader(chunks: string[]) {
  return new SseReader(Readable.from(chunks.map((c) => Buffer.from(c))), () => {});
}

describe("SseReader", () => {
  test("splits frames on blank lines and joins data lines", async () => {
    const frames = await reader(["event: a\nid: 1\ndata: x\ndata: y\n\n", "data: [DONE]\n\n"]).rest();
    expect(frames).toEqual([{ event: "a", id: "1", data: "x\ny" }, { data: "[DONE]" }]);
  });

  test("accepts CRLF and CR line ends, also when a CRLF is split across chunks", async () => {
    const frames = await reader(["event: a\r", "\ndata: 1\r\n\r", "\nevent: b\rdata: 2\r\r"]).rest();
    expect(frames).toEqual([
      { event: "a", data: "1" },
      { event: "b", data: "2" },
    ]);
  });

  test("counts comment-only frames as keep-alives without returning them", async () => {
    const r = reader([": keep-alive\n\n", "data: 1\n\n", ": keep-alive\n\n"]);
    expect(await r.rest()).toEqual([{ data: "1" }]);
    expect(r.comments).toBe(2);
  });

  test("reports a last frame that arrived without its blank line", async () => {
    const r = reader(["data: 1\n\ndata: [DONE]"]);
    expect(await r.rest()).toEqual([{ data: "1" }, { data: "[DONE]" }]);
    expect(r.unterminated).toBe(1);
  });

  test("strips exactly one space after the colon and keeps fields without a value", async () => {
    expect(await reader(["data:  two\nevent\n\n"]).rest()).toEqual([{ data: " two", event: "" }]);
  });

  test("next() times out when no frame comes", async () => {
    const never = new Readable({ read() {} });
    const r = new SseReader(never, () => never.destroy());
    await expect(r.next(50)).rejects.toThrow(/no event-stream frame within 50 ms/);
    r.close();
  });
});
