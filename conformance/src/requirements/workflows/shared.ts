import { show, type TestContext } from "../../context.js";
import { answer, ERROR_SCHEMA, expectFrame, expectStatus, path, type startAsk } from "./client.js";

export const S5 = "DESIGN §5";
export const INITIATE = "Workflows.initiateWorkflow";
export const SOCKET = "Workflows.connectWorkflowSocket";

/**
 * Finishes an `ask` run whose text question is open: name, then color, as raw text (FastAgency's
 * answers) or as structured `input_response` frames (Switchboard's addition).
 */
export async function finishAsk(
  t: TestContext,
  run: Awaited<ReturnType<typeof startAsk>>,
  name = "Ada",
  color = "green",
  structured = false,
) {
  run.ws.send(structured ? answer(run.question, name) : name);
  const choice = await expectFrame(t, run.ws, "multiple_choice");
  run.ws.send(structured ? answer(choice, color) : color);
  const greeting = await expectFrame(t, run.ws, "text_message");
  const completed = await expectFrame(t, run.ws, "workflow_completed");
  return { choice, greeting, completed };
}

export async function discovery(t: TestContext) {
  const res = await t.request("GET", path(t, "discovery"), { errorSchema: ERROR_SCHEMA });
  expectStatus(t, res, 200, "GET discovery");
  t.check(Array.isArray(res.json), `discovery body is not an array: ${show(res.text.slice(0, 200))}`);
  for (const [i, w] of (res.json as unknown[]).entries()) t.schema("WorkflowInfo", w, `discovery[${i}]`);
  return res.json as { name: string; description: string }[];
}
