// Served by `npx switchboard dev examples/configured` as the agent `hello` (the file's name).
// A scripted model, so it runs without a key; use e.g. `model: "openai:gpt-4.1"` for a real one.
import { createAgent, scriptedModel, textReply } from "@switchboard/core";

export default createAgent(() => ({
  instructions: "Greet the user.",
  model: scriptedModel("hello", (request) => {
    const last = request.messages.at(-1);
    return textReply(`Hello! You said: ${last?.role === "user" ? last.content : ""}`);
  }),
}));
