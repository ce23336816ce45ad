// Served by `npx switchboard dev examples/configured` as the workflow `greet`.
import { defineWorkflow } from "@switchboard/core";

export default defineWorkflow({
  name: "greet",
  description: "Asks for a name and greets it",
  run: async (ui) => {
    const name = await ui.textInput({ prompt: "What is your name?" });
    await ui.textMessage(`Hello, ${name}!`);
    return name;
  },
});
