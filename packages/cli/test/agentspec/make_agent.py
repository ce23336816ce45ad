"""Writes an Agent Spec document with pyagentspec, the way a WayFlow user would.

Usage: python make_agent.py LLM_URL OUTPUT.json
"""

import sys

from pyagentspec.agent import Agent
from pyagentspec.llms import OpenAiCompatibleConfig
from pyagentspec.llms.llmgenerationconfig import LlmGenerationConfig
from pyagentspec.property import FloatProperty, StringProperty
from pyagentspec.serialization import AgentSpecSerializer
from pyagentspec.tools import ClientTool, ServerTool

llm_url, output = sys.argv[1], sys.argv[2]

llm = OpenAiCompatibleConfig(
    name="local-stub",
    url=llm_url,
    model_id="stub-model",
    default_generation_parameters=LlmGenerationConfig(temperature=0.3, max_tokens=200),
)
add = ServerTool(
    name="add",
    description="Adds two numbers",
    inputs=[FloatProperty(title="a"), FloatProperty(title="b")],
    outputs=[FloatProperty(title="sum")],
)
confirm = ClientTool(
    name="confirm",
    description="Asks the user to confirm",
    inputs=[StringProperty(title="question")],
)
agent = Agent(
    name="calculator",
    description="Adds numbers",
    system_prompt="You are a calculator for {{audience}}.",
    inputs=[StringProperty(title="audience", default="engineers")],
    llm_config=llm,
    tools=[add, confirm],
)

with open(output, "w", encoding="utf-8") as file:
    file.write(AgentSpecSerializer().to_json(agent))
