import type {
  WorkflowErrorCode,
  WorkflowMultipleChoiceContent,
  WorkflowTextInputContent,
} from "@switchboard/protocol/workflows";

export type Question =
  | { kind: "text_input"; content: WorkflowTextInputContent }
  | { kind: "multiple_choice"; content: WorkflowMultipleChoiceContent };

/** A rejected answer: the `error` frame's `short` and `long`. */
export interface AnswerProblem {
  short: Extract<WorkflowErrorCode, "invalid_choice" | "validation_failed">;
  long: string;
}

export type AnswerResult = { ok: true; value: string | string[] } | { ok: false; problem: AnswerProblem };

/**
 * Checks an answer against its question and normalises it: a text answer is kept verbatim; a
 * single choice must be one of `choices`; a multiple choice becomes the chosen subset in the
 * order of `choices`. `field` names where the answer came from in error messages (`msg` for an
 * `input_response`, `answer` for a raw text frame).
 */
export function checkAnswer(question: Question, answer: string | string[], field: string): AnswerResult {
  if (question.kind === "text_input") {
    if (typeof answer !== "string") {
      return invalid("validation_failed", `${field} must be a string for a text_input question`);
    }
    return { ok: true, value: answer };
  }
  const { choices, single } = question.content;
  const fallback = question.content.default;
  if (single) {
    if (typeof answer !== "string") {
      return invalid("validation_failed", `${field} must be one choice (a string) for a single-choice question`);
    }
    if (answer === "" && fallback !== null) return { ok: true, value: fallback };
    if (!choices.includes(answer)) return invalid("invalid_choice", notAChoice(field, [answer], choices));
    return { ok: true, value: answer };
  }
  const picked = typeof answer === "string" ? splitChoices(answer, fallback) : answer;
  if (!picked)
    return invalid("validation_failed", `${field} must be a JSON array of strings or a comma-separated list`);
  const unknown = picked.filter((choice) => !choices.includes(choice));
  if (unknown.length) return invalid("invalid_choice", notAChoice(field, unknown, choices));
  return { ok: true, value: choices.filter((choice) => picked.includes(choice)) };
}

/** The raw-text forms of a multiple choice: `["a","b"]`, `a, b`, or empty (the default, if any). */
function splitChoices(text: string, fallback: string | null): string[] | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return fallback === null ? [] : [fallback];
  if (trimmed.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return undefined;
    }
    return Array.isArray(parsed) && parsed.every((p) => typeof p === "string") ? parsed : undefined;
  }
  return trimmed
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

function notAChoice(field: string, given: string[], choices: string[]): string {
  const list = given.map((g) => JSON.stringify(g)).join(", ");
  const verb = given.length === 1 ? "is not one of" : "are not among";
  return `${field}: ${list} ${verb} the choices ${choices.map((c) => JSON.stringify(c)).join(", ")}`;
}

const invalid = (short: AnswerProblem["short"], long: string): AnswerResult => ({
  ok: false,
  problem: { short, long },
});
