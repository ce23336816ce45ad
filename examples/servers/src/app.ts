/**
 * The part every framework shares: agents, a workflow, and the Switchboard app that serves them.
 * The agent talks to any OpenAI-compatible server when OPENAI_BASE_URL is set (OpenAI, Ollama,
 * vLLM, LM Studio …) and falls back to a scripted model otherwise, so the example runs offline.
 */
import {
  agentsProtocol,
  createAgent,
  createSwitchboard,
  defineTool,
  defineWorkflow,
  type Model,
  openAICompatible,
  responsesProtocol,
  scriptedModel,
  textReply,
  workflowsProtocol,
} from "@switchboard/core";

const model: Model = process.env.OPENAI_BASE_URL
  ? openAICompatible({
      baseURL: process.env.OPENAI_BASE_URL,
      apiKey: process.env.OPENAI_API_KEY,
      model: process.env.OPENAI_MODEL ?? "gpt-4o-mini",
    })
  : scriptedModel("offline", () => textReply("Set OPENAI_BASE_URL to talk to a real model."));

const clock = defineTool({
  name: "clock",
  description: "The current time (ISO 8601)",
  parameters: { type: "object", properties: {}, additionalProperties: false },
  execute: () => new Date().toISOString(),
});

const assistant = createAgent(({ id }) => ({
  model,
  instructions: `You are a helpful assistant for the account ${id}.`,
  tools: [clock],
}));

const signup = defineWorkflow({
  name: "signup",
  description: "Asks for a name and a plan",
  async run(ui) {
    const name = await ui.textInput({ prompt: "Your name?" });
    const plan = await ui.multipleChoice({ prompt: "Plan?", choices: ["free", "pro"], single: true });
    await ui.textMessage(`Welcome, ${name} (${String(plan)})`);
    return { name, plan };
  },
});

const agents = { assistant };

export const switchboard = createSwitchboard({
  protocols: [
    responsesProtocol({ agents }),
    agentsProtocol({
      agents,
      // The caller picks the instance id in the URL: decide here who may use which.
      authorize: ({ request, id }) => request.header("x-user") === id,
    }),
    workflowsProtocol({ workflows: [signup] }),
  ],
  apiKey: process.env.SWITCHBOARD_API_KEY,
});

export const port = Number(process.env.PORT ?? 3000);
