import { describe, expect, it } from "vitest";
import { checkAnswer, type Question } from "../src/runtime/workflow/answers.js";

const single: Question = {
  kind: "multiple_choice",
  content: { prompt: "?", choices: ["red", "green", "blue"], default: null, single: true },
};
const multi: Question = {
  kind: "multiple_choice",
  content: { prompt: "?", choices: ["a", "b", "c"], default: "b", single: false },
};
const text: Question = { kind: "text_input", content: { prompt: "?", suggestions: [], password: false } };

describe("checking answers", () => {
  it("keeps text answers verbatim, including whitespace and JSON-looking text", () => {
    expect(checkAnswer(text, "  two words ", "answer")).toEqual({ ok: true, value: "  two words " });
    expect(checkAnswer(text, '["a"]', "answer")).toEqual({ ok: true, value: '["a"]' });
    expect(checkAnswer(text, ["a"], "msg")).toMatchObject({ ok: false, problem: { short: "validation_failed" } });
  });

  it("accepts exactly one of the choices for a single choice", () => {
    expect(checkAnswer(single, "green", "answer")).toEqual({ ok: true, value: "green" });
    expect(checkAnswer(single, " green", "answer")).toMatchObject({ ok: false, problem: { short: "invalid_choice" } });
    expect(checkAnswer(single, "", "answer")).toMatchObject({ ok: false, problem: { short: "invalid_choice" } });
  });

  it("selects the default on an empty answer", () => {
    const withDefault: Question = { ...single, content: { ...single.content, default: "blue" } } as Question;
    expect(checkAnswer(withDefault, "", "answer")).toEqual({ ok: true, value: "blue" });
    expect(checkAnswer(multi, "", "answer")).toEqual({ ok: true, value: ["b"] });
  });

  it.each([
    ['["c","a"]', ["a", "c"]],
    ["c, a", ["a", "c"]],
    ["a,a", ["a"]],
    ["[]", []],
  ])("reads the multiple-choice answer %j as %j (in the order of the choices)", (answer, value) => {
    expect(checkAnswer(multi, answer, "answer")).toEqual({ ok: true, value });
  });

  it("accepts an array for a multiple choice and names every answer outside the choices", () => {
    expect(checkAnswer(multi, ["c"], "msg")).toEqual({ ok: true, value: ["c"] });
    expect(checkAnswer(multi, ["a", "x", "y"], "msg")).toEqual({
      ok: false,
      problem: { short: "invalid_choice", long: 'msg: "x", "y" are not among the choices "a", "b", "c"' },
    });
    expect(checkAnswer(multi, "[1,2]", "answer")).toMatchObject({ ok: false, problem: { short: "validation_failed" } });
    expect(checkAnswer(multi, "[nope", "answer")).toMatchObject({ ok: false, problem: { short: "validation_failed" } });
  });
});
